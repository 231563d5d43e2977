"""Pages of service A: what each person sees, what they may not, and a constant number of queries."""

import pytest
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.core.models import ImportJob
from apps.core.tests.xlsx import read_rows, xlsx_upload
from apps.recruitment.models import Hire, JobQuota, Round, Supervisor
from apps.recruitment.services import rounds
from apps.workflow.services import perform, record_perform

from .conftest import PERSON, candidate, national_id, png_upload

pytestmark = pytest.mark.django_db


def _form(person: dict, **extra) -> dict:
    data = {**person, "birth_date": "۱۳۷۴/۱۲/۱۰", "mobile": "۰۹۱۶۱۲۳۴۵۶۷", **extra}
    if not data.get("is_native"):
        data.pop("is_native", None)
    return data


def test_an_agency_registers_a_person_from_its_final_list(registration_round, hr, login):
    client = login(hr)
    url = reverse("recruitment:hire_register", kwargs={"pk": registration_round.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert national_id(0) in page.content.decode()

    response = client.post(url, _form(PERSON, candidate=candidate(registration_round, 0).pk))
    hire = Hire.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workflow:case_detail", kwargs={"tracking_code": hire.case.tracking_code}
    )
    assert hire.birth_date.year == 1996 and hire.mobile == "09161234567"


def test_a_refused_registration_shows_the_reason_and_changes_nothing(registration_round, hr, login):
    response = login(hr).post(
        reverse("recruitment:hire_register", kwargs={"pk": registration_round.pk}),
        _form({**PERSON, "is_native": False}, candidate=candidate(registration_round, 11).pk),
    )
    assert response.status_code == 400
    assert "ویژه بومیان" in response.content.decode()
    assert not Hire.objects.exists()
    assert JobQuota.objects.get(job_code="J2").registered == 0


def test_the_return_reason_is_shown_to_the_agency_under_its_file(
    registration_round, hr, org_expert, register, login
):
    case = register(hr, registration_round, 0)
    perform(case, "return", actor=org_expert, reason="تصویر دانشنامه ناخواناست.")
    page = login(hr).get(reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code}))
    body = page.content.decode()
    assert "تصویر دانشنامه ناخواناست." in body
    assert "ارسال دوباره پس از اصلاح" in body
    assert reverse("recruitment:hire_edit", kwargs={"pk": case.hire.pk}) in body


def test_the_national_officer_approves_with_an_employee_number(
    registration_round, hr, org_expert, national_officer, register, login
):
    case = perform(register(hr, registration_round, 0), "forward", actor=org_expert)
    client = login(national_officer)
    detail = client.get(reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code}))
    assert 'data-testid="finalize-form"' in detail.content.decode()
    response = client.post(
        reverse("recruitment:hire_finalize", kwargs={"pk": case.hire.pk}), {"employee_number": "۸۸۸۸۸۸۸"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    case.refresh_from_db()
    assert case.state == "approved" and case.hire.employee_number == "8888888"


def test_another_agency_gets_404_for_a_file_and_a_ledger_line(
    registration_round, hr, other_hr, register, login
):
    case = register(hr, registration_round, 0)
    client = login(other_hr)
    assert client.get(reverse("recruitment:hire_edit", kwargs={"pk": case.hire.pk})).status_code == 404
    quota = JobQuota.objects.get(job_code="J1")
    assert client.get(reverse("recruitment:quota_allocate", kwargs={"pk": quota.pk})).status_code == 404
    ledger = client.get(reverse("recruitment:ledger", kwargs={"pk": registration_round.pk})).content.decode()
    assert "حسابدار" in ledger and "کارشناس اداری" not in ledger


def test_agencies_never_see_venues_supervisors_or_the_roster(announced_round, hr, login):
    client = login(hr)
    venue = announced_round.venues.get()
    for url in (
        reverse("recruitment:venue_list", kwargs={"pk": announced_round.pk}),
        reverse("recruitment:venue_detail", kwargs={"pk": venue.pk}),
    ):
        assert client.get(url).status_code == 404, url
    # The roster as a whole is refused to the agency's people (the permission table's 403 for a list).
    assert client.get(reverse("recruitment:supervisor_list")).status_code == 403


def test_an_agency_cannot_allocate_or_close(registration_round, hr, login):
    client = login(hr)
    quota = JobQuota.objects.get(job_code="J1")
    response = client.post(reverse("recruitment:quota_allocate", kwargs={"pk": quota.pk}), {"allocated": "1"})
    # The agency sees its ledger line; allocating it is refused by the permission table before the form.
    assert response.status_code == 403
    quota.refresh_from_db()
    assert quota.allocated == quota.posts
    client.post(reverse("recruitment:round_close", kwargs={"pk": registration_round.pk}))
    registration_round.refresh_from_db()
    assert registration_round.stage == "registration"


def test_the_deputy_nominates_and_prints_the_venues_card_sheet(
    announced_round, org_expert, roster_person, login
):
    client = login(org_expert)
    venue = announced_round.venues.get()
    response = client.post(
        reverse("recruitment:venue_detail", kwargs={"pk": venue.pk}), {"supervisor": roster_person.pk}
    )
    assert response.status_code == 302
    sheet = client.get(reverse("recruitment:venue_cards", kwargs={"pk": venue.pk}))
    assert sheet["Content-Type"] == "application/pdf" and sheet.content.startswith(b"%PDF")
    card = client.get(reverse("recruitment:nomination_card", kwargs={"pk": venue.nominations.get().pk}))
    assert card.content.startswith(b"%PDF")


def test_help_pages_guide_agencies_and_link_the_fault_report(client):
    index = client.get(reverse("recruitment:help_index")).content.decode()
    assert reverse("support:fault_report_new") in index
    step = client.get(reverse("recruitment:help_step", kwargs={"slug": "register"}))
    assert step.status_code == 200 and "سهمیه" in step.content.decode()
    assert client.get(reverse("recruitment:help_step", kwargs={"slug": "nothing"})).status_code == 404


def test_the_round_page_and_dashboard_answer_each_role(
    registration_round, hr, org_expert, national_officer, login, client
):
    for person in (hr, org_expert, national_officer):
        client.force_login(person)
        for name in ("round_detail", "round_dashboard"):
            response = client.get(reverse(f"recruitment:{name}", kwargs={"pk": registration_round.pk}))
            assert response.status_code == 200
            assert 'dir="rtl"' in response.content.decode()


@pytest.mark.parametrize("name", ["ledger", "candidate_list", "hire_list", "venue_list", "panel_list"])
def test_round_lists_keep_a_constant_number_of_queries_and_export(
    name, registration_round, hr, org_expert, register, login, django_assert_max_num_queries
):
    client = login(org_expert)
    url = reverse(f"recruitment:{name}", kwargs={"pk": registration_round.pk})
    with django_assert_max_num_queries(20):
        client.get(url)
    for n in (0, 1, 2, 4, 5):
        register(hr, registration_round, n)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    export = client.get(url + "?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert len(read_rows(export.content)) >= 2


@pytest.mark.parametrize("name", ["round_list", "supervisor_list"])
def test_province_lists_keep_a_constant_number_of_queries(
    name, registration_round, org_expert, login, django_assert_max_num_queries
):
    client = login(org_expert)
    with django_assert_max_num_queries(15):
        assert client.get(reverse(f"recruitment:{name}")).status_code == 200
    assert client.get(reverse(f"recruitment:{name}") + "?format=xlsx").status_code == 200


def test_the_national_org_and_the_deputy_set_up_a_round_through_the_pages(
    national_officer, org_expert, agency, client
):
    client.force_login(national_officer)
    response = client.post(
        reverse("recruitment:round_create"),
        {"province": agency.province_id, "code": "۱۴۰۵-۲", "title": "نوبت دوم"},
    )
    round_ = Round.objects.get(code="1405-2")
    assert response["Location"] == reverse("recruitment:round_detail", kwargs={"pk": round_.pk})
    client.post(
        reverse("recruitment:quota_add", kwargs={"pk": round_.pk}),
        {"agency_code": agency.code, "job_code": "Q1", "job_title": "کارشناس", "city": "اهواز", "posts": "۵"},
    )
    assert JobQuota.objects.get(round=round_).posts == 5
    client.post(
        reverse("recruitment:round_announce", kwargs={"pk": round_.pk}),
        {"exam_date": "۱۴۰۵/۰۱/۲۰", "supervisors_requested": "۳"},
    )
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.ANNOUNCED and round_.supervisors_requested == 3

    client.force_login(org_expert)
    client.post(
        reverse("recruitment:venue_add", kwargs={"pk": round_.pk}),
        {"name": "حوزه یک", "address": "اهواز", "capacity": "۲۰۰"},
    )
    assert round_.venues.get().capacity == 200
    client.post(
        reverse("recruitment:supervisor_new"),
        {"full_name": "ناظر تازه", "national_id": to_persian_digits(national_id(500)), "photo": png_upload()},
    )
    assert Supervisor.objects.get().national_id == national_id(500)
    bad = client.post(
        reverse("recruitment:round_announce", kwargs={"pk": round_.pk}), {"exam_date": "۱۴۰۵/۱۳/۴۰"}
    )
    assert bad.status_code == 400


def test_the_results_page_imports_into_its_own_round(announced_round, org_expert, national_officer, client):
    rounds.exam_report_file(actor=org_expert, venue=announced_round.venues.get(), present=5, absent=0)
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    client.force_login(org_expert)
    url = reverse("recruitment:results_import", kwargs={"pk": announced_round.pk})
    # The Deputy reads the round's results; importing them is the national org's exchange only.
    assert client.get(url).status_code == 403
    client.force_login(national_officer)
    upload = xlsx_upload(
        [
            ["کد ملی", "نام", "نام خانوادگی", "کد شغل محل", "نمره آزمون", "سهمیه"],
            [national_id(3), "الف", "ب", "J1", 71, "آزاد"],
        ]
    )
    response = client.post(url, {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("core:import_job", kwargs={"pk": job.pk})
    assert job.context == {"round_id": announced_round.pk} and job.status == ImportJob.Status.DONE


def test_the_latest_list_is_the_newest_round_whose_results_are_out(
    results_round, national_officer, org_expert, hr, login
):
    # A newer round still taking quotas has no list yet: the page stays on the published one.
    rounds.round_create(
        actor=national_officer, province=results_round.province, code="1405-2", title="نوبت دوم ۱۴۰۵"
    )
    page = login(org_expert).get(reverse("recruitment:candidate_list_latest"))
    assert page.status_code == 200
    assert page.context["round"] == results_round
    assert to_persian_digits(national_id(0)) in page.content.decode()
    # An agency sees its own people on it: all twelve are on the agency's two job-locations.
    assert login(hr).get(reverse("recruitment:candidate_list_latest")).context["page"].paginator.count == 12


def test_the_latest_list_answers_not_found_before_any_results(new_round, org_expert, login):
    assert login(org_expert).get(reverse("recruitment:candidate_list_latest")).status_code == 404


def test_the_hire_files_promise_and_the_allocation_page_show_persian_digits(
    registration_round, hr, org_expert, register, login
):
    case = register(hr, registration_round, 0)
    detail = login(hr).get(reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code}))
    assert (
        "بررسی معاونت در ۵ روز کاری؛ تأیید نهایی سازمان اداری و استخدامی در ۱۰ روز کاری"
        in detail.content.decode()
    )
    quota = JobQuota.objects.get(round=registration_round, job_code="J1")
    page = login(org_expert).get(reverse("recruitment:quota_allocate", kwargs={"pk": quota.pk}))
    assert "سهمیه ابلاغی: ۱۰؛ ثبت‌شده تا کنون: ۱" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_candidates_page_opens_on_the_newest_published_round_with_lists_kept(
    results_round, org_expert, national_officer, login, settings
):
    settings.KHEDMAT_LIST_CACHE = True
    client = login(org_expert)
    url = reverse("recruitment:candidate_list_latest")
    assert results_round.title in client.get(url).content.decode()
    newer = rounds.round_create(
        actor=national_officer, province=results_round.province, code="1405-2", title="آزمون دوم ۱۴۰۵"
    )
    assert results_round.title in client.get(url).content.decode()
    # The national organization announces the newer round and publishes its results (through its process).
    newer = record_perform(newer, "announce", actor=national_officer)
    record_perform(newer, "publish_results", actor=national_officer)
    assert "آزمون دوم ۱۴۰۵" in client.get(url).content.decode()
