"""API routes of service A: the same services, the same permissions, refusals as {"detail": ...}."""

import pytest

from apps.audit.models import AuditEntry
from apps.core.tests.xlsx import xlsx_upload
from apps.recruitment.models import Candidate, Hire, HireDocument
from apps.recruitment.services import rounds
from apps.workflow.services import perform

from .conftest import candidate, national_id, pdf_upload

pytestmark = pytest.mark.django_db

HIRE = {
    "father_name": "محمود",
    "birth_date": "1996-03-01",
    "mobile": "09161234567",
    "education": "bachelor",
    "field_of_study": "مدیریت دولتی",
    "is_native": True,
}


def job_location(agency) -> dict:
    """A job-location the national organization adds to a round: four posts of J9 for the agency."""
    return {"agency_code": agency.code, "job_code": "J9", "job_title": "کارشناس", "city": "اهواز", "posts": 4}


def post_hire(client, round_, **changes):
    """Registers the round's first candidate through the API with HIRE's fields, some changed."""
    return client.post(
        "/api/recruitment/hires",
        {**HIRE, **changes, "candidate_id": candidate(round_, 0).pk},
        content_type="application/json",
    )


def test_the_ledger_comes_in_the_national_layout_with_totals(new_round, national_officer, hr, login):
    body = login(national_officer).get(f"/api/recruitment/rounds/{new_round.pk}/ledger").json()
    assert body["headers"][:5] == ["کد دستگاه", "کد شغل محل", "عنوان شغل", "شهر", "سهمیه ابلاغی"]
    assert body["totals"]["posts"] == 15 and len(body["rows"]) == 3
    # The agency's own lines only.
    mine = login(hr).get(f"/api/recruitment/rounds/{new_round.pk}/quotas").json()
    assert [q["job_code"] for q in mine["items"]] == ["J1", "J2"]


def test_the_national_org_adds_quotas_and_an_agency_may_not(new_round, national_officer, hr, agency, client):
    client.force_login(hr)
    payload = job_location(agency)
    refused = client.post(
        f"/api/recruitment/rounds/{new_round.pk}/quotas", payload, content_type="application/json"
    )
    assert refused.status_code == 403 and "detail" in refused.json()
    client.force_login(national_officer)
    added = client.post(
        f"/api/recruitment/rounds/{new_round.pk}/quotas", payload, content_type="application/json"
    )
    assert added.status_code == 201
    assert added.json()["veterans_share"] == 1


def test_results_upload_through_the_api_all_or_nothing(announced_round, org_expert, national_officer, login):
    rounds.exam_report_file(actor=org_expert, venue=announced_round.venues.get(), present=5, absent=0)
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    client = login(national_officer)
    headers = ["کد ملی", "نام", "نام خانوادگی", "کد شغل محل", "نمره آزمون", "سهمیه"]
    bad = xlsx_upload(
        [
            headers,
            [national_id(1), "الف", "ب", "J1", 70, "آزاد"],
            [national_id(2), "ج", "د", "J1", 170, "آزاد"],
        ]
    )
    answer = client.post(f"/api/recruitment/rounds/{announced_round.pk}/results", {"file": bad}).json()
    assert answer["status"] == "failed" and answer["errors"][0]["row_number"] == 3
    assert not Candidate.objects.exists()
    good = xlsx_upload([headers, [national_id(1), "الف", "ب", "J1", 70, "آزاد"]])
    answer = client.post(f"/api/recruitment/rounds/{announced_round.pk}/results", {"file": good}).json()
    assert answer["status"] == "done" and answer["imported"] == 1


def test_register_decide_and_approve_through_the_api(
    registration_round, hr, org_expert, national_officer, client
):
    client.force_login(hr)
    created = post_hire(client, registration_round)
    assert created.status_code == 201, created.content
    hire_id = created.json()["id"]
    assert created.json()["state"] == "draft"

    # The agency's draft is refused while a document is missing, then attached and sent complete.
    documents = client.get(f"/api/recruitment/hires/{hire_id}/documents").json()
    assert [d["code"] for d in documents] == ["degree", "national_card"]
    client.post(
        f"/api/recruitment/hires/{hire_id}/documents",
        {"requirement": "degree", "file": pdf_upload()},
    )
    early = client.post(
        f"/api/recruitment/hires/{hire_id}/decision", {"action": "submit"}, content_type="application/json"
    )
    assert early.status_code == 400 and "تصویر کارت ملی" in early.json()["detail"]
    attached = client.post(
        f"/api/recruitment/hires/{hire_id}/documents",
        {"requirement": "national_card", "file": pdf_upload()},
    )
    assert attached.status_code == 200 and all(d["attached"] for d in attached.json())
    sent = client.post(
        f"/api/recruitment/hires/{hire_id}/decision", {"action": "submit"}, content_type="application/json"
    )
    assert sent.json()["state"] == "submitted"

    client.force_login(org_expert)
    no_reason = client.post(
        f"/api/recruitment/hires/{hire_id}/decision", {"action": "return"}, content_type="application/json"
    )
    assert no_reason.status_code == 400 and "دلیل" in no_reason.json()["detail"]
    forwarded = client.post(
        f"/api/recruitment/hires/{hire_id}/decision", {"action": "forward"}, content_type="application/json"
    )
    assert forwarded.json()["state"] == "national"

    client.force_login(national_officer)
    approved = client.post(
        f"/api/recruitment/hires/{hire_id}/employee-number",
        {"employee_number": "4440001"},
        content_type="application/json",
    )
    assert approved.json()["state"] == "approved" and approved.json()["employee_number"] == "4440001"


def test_the_deputy_cannot_forward_through_the_api_a_file_missing_a_document(
    registration_round, hr, org_expert, register, client
):
    case = register(hr, registration_round, 0)
    # A file sent before documents were asked for: its degree is not on it.
    HireDocument.objects.filter(hire=case.hire, requirement="degree").delete()
    client.force_login(org_expert)
    refused = client.post(
        f"/api/recruitment/hires/{case.hire.pk}/decision",
        {"action": "forward"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "تصویر مدرک تحصیلی" in refused.json()["detail"]
    assert Hire.objects.get().case.state == "submitted"


def test_another_agencys_file_is_404_in_the_api(registration_round, hr, other_hr, register, client):
    case = register(hr, registration_round, 0)
    client.force_login(other_hr)
    response = client.post(
        f"/api/recruitment/hires/{case.hire.pk}/decision",
        {"action": "resend"},
        content_type="application/json",
    )
    assert response.status_code == 404
    listed = client.get(f"/api/recruitment/rounds/{registration_round.pk}/hires").json()
    assert listed["count"] == 0
    assert Hire.objects.get().case.state == "submitted"


@pytest.mark.parametrize(
    ("field", "label"), [("job_code", "کد شغل محل"), ("job_title", "عنوان شغل"), ("city", "شهر")]
)
def test_a_job_location_with_an_empty_field_is_refused_in_persian_and_adds_nothing(
    new_round, national_officer, agency, login, field, label
):
    payload = job_location(agency)
    entries = AuditEntry.objects.count()
    refused = login(national_officer).post(
        f"/api/recruitment/rounds/{new_round.pk}/quotas",
        {**payload, field: "  "},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["detail"].startswith(f"«{label}»:")
    assert new_round.quotas.count() == 3 and AuditEntry.objects.count() == entries


def _at_national(round_, hr, org_expert, register, *numbers):
    hires = []
    for n in numbers:
        case = register(hr, round_, n)
        perform(case, "forward", actor=org_expert)
        hires.append(case.hire)
    return hires


def test_an_employee_number_in_persian_digits_is_the_same_number_as_in_latin_ones(
    registration_round, hr, org_expert, national_officer, register, login
):
    first, second = _at_national(registration_round, hr, org_expert, register, 0, 1)
    client = login(national_officer)
    url = "/api/recruitment/hires/{}/employee-number"
    approved = client.post(
        url.format(first.pk), {"employee_number": "۴۴۴۰۰۰۱"}, content_type="application/json"
    )
    assert approved.status_code == 200 and approved.json()["employee_number"] == "4440001"
    taken = client.post(
        url.format(second.pk), {"employee_number": "4440001"}, content_type="application/json"
    )
    assert (
        taken.status_code == 400 and taken.json()["detail"] == "این شماره مستخدم به فرد دیگری داده شده است."
    )
    second.refresh_from_db()
    assert (second.employee_number, second.case.state) == ("", "national")


def test_an_employee_number_of_other_digit_signs_is_refused_in_persian(
    registration_round, hr, org_expert, national_officer, register, login
):
    (hire,) = _at_national(registration_round, hr, org_expert, register, 0)
    refused = login(national_officer).post(
        f"/api/recruitment/hires/{hire.pk}/employee-number",
        {"employee_number": "²²²²²²²"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["detail"] == "شماره مستخدم باید ۶ تا ۱۲ رقم باشد."
    hire.refresh_from_db()
    assert (hire.employee_number, hire.case.state) == ("", "national")


@pytest.mark.parametrize("mobile", ["۰۹۱۶۱۲۳۴۵۶۷", "09۱۶۱۲۳۴۵۶۷"])
def test_a_mobile_typed_in_persian_digits_is_kept_in_latin_ones_as_the_page_keeps_it(
    registration_round, hr, login, mobile
):
    created = post_hire(login(hr), registration_round, mobile=mobile)
    assert created.status_code == 201, created.content
    assert Hire.objects.get().mobile == "09161234567"


@pytest.mark.parametrize("mobile", ["12345678901", "0916123456", "۰۹۱۶"])
def test_a_mobile_the_page_would_refuse_is_refused_in_persian_and_registers_nothing(
    registration_round, hr, login, mobile
):
    refused = post_hire(login(hr), registration_round, mobile=mobile)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود."
    assert not Hire.objects.exists() and candidate(registration_round, 0).job.registered == 0


@pytest.mark.parametrize("birth_date", ["0001-01-01", "0600-06-01"])
def test_a_birth_date_before_the_jalali_calendar_is_refused_not_a_broken_file_page(
    registration_round, hr, login, birth_date
):
    # The page's date field takes a four-digit Jalali year; the file's page could not show this one.
    refused = post_hire(login(hr), registration_round, birth_date=birth_date)
    assert refused.status_code == 400 and refused.json()["detail"] == "تاریخ تولد درست نیست."
    assert not Hire.objects.exists() and candidate(registration_round, 0).job.registered == 0


def test_a_job_code_in_persian_digits_is_the_same_code_as_in_latin_ones(
    new_round, national_officer, agency, login
):
    payload = {"agency_code": "۱۰۱", "job_code": "J۱", "job_title": "كارشناس", "city": "اهواز", "posts": 4}
    assert agency.code == "101"
    refused = login(national_officer).post(
        f"/api/recruitment/rounds/{new_round.pk}/quotas", payload, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["detail"] == "کد شغل محل در این دوره تکراری است."
    assert new_round.quotas.count() == 3
    added = login(national_officer).post(
        f"/api/recruitment/rounds/{new_round.pk}/quotas",
        {**payload, "job_code": "J۹"},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert (added.json()["job_code"], added.json()["job_title"]) == ("J9", "کارشناس")
