"""The complaints API: the same services and scoping as the pages, refusals as {"detail": ...}."""

import pytest

from apps.accounts.permissions import Refused
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.complaints.models import Complaint
from apps.core.digits import to_persian_digits
from apps.documents.tests.factories import IssuedDocumentFactory
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db


# ninja 1.7 deprecates the (status, body) tuple; the 201 must come from its Status instead.
@pytest.mark.filterwarnings("error:Returning tuple:DeprecationWarning")
def test_an_officer_files_and_reads_a_complaint(login, agency_officer, org_expert):
    client = login(agency_officer)
    response = client.post(
        "/api/complaints/complaints",
        {
            "kind": "complaint",
            "subject": "service",
            "service": "evaluation",
            "text": "نمره شاخص بدون توضیح کم شد.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    assert response.json()["state"] == "submitted"
    detail = client.get(f"/api/complaints/complaints/{code}").json()
    assert (detail["service"], detail["state_label"], detail["answer"]) == (
        "evaluation",
        "در انتظار ارجاع",
        "",
    )
    assert [row["tracking_code"] for row in client.get("/api/complaints/complaints").json()["items"]] == [
        code
    ]


def test_bad_input_is_refused_in_persian(login, agency_officer):
    response = login(agency_officer).post(
        "/api/complaints/complaints",
        {"kind": "complaint", "subject": "service", "service": "nothing", "text": "متن شکایت آزمایشی"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "خدمتی" in response.json()["detail"]
    assert not Complaint.objects.exists()


def test_staff_assign_and_the_complainant_rates(login, file_complaint, answered, org_expert, agency_officer):
    case = file_complaint()
    assigned = login(org_expert).post(
        f"/api/complaints/complaints/{case.tracking_code}/assign",
        {"assignee": org_expert.username},
        content_type="application/json",
    )
    assert assigned.status_code == 200 and assigned.json()["state"] == "investigating"
    done = answered()
    rated = login(agency_officer).post(
        f"/api/complaints/complaints/{done.tracking_code}/rate",
        {"rating": 3},
        content_type="application/json",
    )
    assert rated.status_code == 200 and rated.json()["rating"] == 3
    again = login(agency_officer).post(
        f"/api/complaints/complaints/{done.tracking_code}/rate",
        {"rating": 3},
        content_type="application/json",
    )
    assert again.status_code == 409 and "پیش‌تر" in again.json()["detail"]


def test_a_colleague_acting_on_the_answer_gets_a_persian_403(login, answered, agency, agency_officer):
    colleague = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="colleague")
    case = answered()
    url = f"/api/cases/{case.tracking_code}"
    client = login(colleague)
    assert client.get(url).json()["actions"] == []
    refused = client.post(
        f"{url}/actions", {"action": "accept", "expected_state": "answered"}, content_type="application/json"
    )
    # The officer reads the agency's complaints, but the table gives them act on their own alone: the
    # permission model refuses before the process's own "only the filer" is asked.
    assert refused.status_code == 403 and refused.json()["detail"] == Refused(403).message
    client = login(agency_officer)
    assert client.get(url).json()["actions"] == ["accept", "reopen"]
    done = client.post(
        f"{url}/actions", {"action": "accept", "expected_state": "answered"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["state"] == "closed"


def test_an_agency_cannot_assign_or_read_another_agencys_complaint(
    login, file_complaint, agency_officer, other_officer
):
    case = file_complaint()
    denied = login(agency_officer).post(
        f"/api/complaints/complaints/{case.tracking_code}/assign",
        {"assignee": agency_officer.username},
        content_type="application/json",
    )
    assert denied.status_code == 404
    assert login(other_officer).get(f"/api/complaints/complaints/{case.tracking_code}").status_code == 404


def test_service_levels_are_scoped_and_public_ones_need_no_sign_in(
    client, login, file_complaint, other_officer
):
    file_complaint()
    assert client.get("/api/complaints/service-levels").status_code == 401
    public = client.get("/api/complaints/service-levels/public/complaints")
    assert public.status_code == 200
    assert {r["state"] for r in public.json()} >= {"submitted", "investigating"}
    assert next(r for r in public.json() if r["state"] == "submitted")["open_now"] == 1
    theirs = login(other_officer).get("/api/complaints/service-levels", {"service": "complaints"}).json()
    assert next(r for r in theirs if r["state"] == "submitted")["open_now"] == 0
    assert client.get("/api/complaints/service-levels/public/nothing").status_code == 404


def _file(client, **overrides):
    fields = {
        "kind": "complaint",
        "subject": "service",
        "service": "training",
        "text": "دوره بدون اطلاع لغو شد.",
    }
    return client.post("/api/complaints/complaints", {**fields, **overrides}, content_type="application/json")


def test_a_text_longer_than_the_page_allows_is_refused_in_persian_and_files_nothing(login, agency_officer):
    refused = _file(login(agency_officer), text="دوره بدون اطلاع لغو شد. " * 200)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "شرح حداکثر ۴۰۰۰ نویسه است؛ چیزی ثبت نشد."
    assert not Complaint.objects.exists() and not Case.objects.exists()


@pytest.mark.parametrize("mobile", ["12345", "0912345678x", "9123456789", "091234567890"])
def test_a_mobile_the_page_would_refuse_is_refused_in_persian_and_files_nothing(
    login, agency_officer, mobile
):
    refused = _file(login(agency_officer), mobile=mobile)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود."
    assert not Complaint.objects.exists() and not Case.objects.exists()


def test_a_mobile_typed_in_persian_digits_is_kept_in_latin_ones_as_the_page_keeps_it(login, agency_officer):
    filed = _file(login(agency_officer), mobile="۰۹۱۲۳۴۵۶۷۸۹")
    assert filed.status_code == 201
    assert Case.objects.get(tracking_code=filed.json()["tracking_code"]).requester_mobile == "09123456789"


def test_a_rating_note_longer_than_the_page_allows_is_refused_instead_of_cut(login, answered, agency_officer):
    case = answered()
    refused = login(agency_officer).post(
        f"/api/complaints/complaints/{case.tracking_code}/rate",
        {"rating": 4, "note": "پاسخ روشن بود. " * 50},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("«نظر درباره پاسخ»:")
    complaint = Complaint.objects.get(case=case)
    assert (complaint.rating, complaint.rating_note) == (None, "")
    assert not AuditEntry.objects.filter(action="complaints.complaint.rated").exists()


def test_a_case_code_typed_in_persian_digits_files_against_that_case_as_the_page_does(
    login, file_complaint, agency_officer
):
    target = file_complaint()
    filed = _file(
        login(agency_officer), subject="case", service="", case_code=to_persian_digits(target.tracking_code)
    )
    assert filed.status_code == 201, filed.json()
    assert Complaint.objects.get(case__tracking_code=filed.json()["tracking_code"]).subject_case == target


def test_a_document_code_typed_in_persian_digits_files_against_that_document(
    login, agency, org_expert, agency_officer
):
    document = IssuedDocumentFactory(verification_code="AB23CD45EF", owner=agency, issued_by=org_expert)
    filed = _file(login(agency_officer), subject="document", service="", document_code="ab۲۳-cd۴۵-ef")
    assert filed.status_code == 201, filed.json()
    complaint = Complaint.objects.get(case__tracking_code=filed.json()["tracking_code"])
    assert complaint.document_code == document.verification_code
