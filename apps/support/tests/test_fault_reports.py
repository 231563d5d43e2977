"""Fault reports (seed 001's "report system faults to its administrator"): the service, the form, the API."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.core.errors import ForbiddenError, ServiceError
from apps.notifications.models import Message
from apps.support.models import FaultReport
from apps.support.services import fault_report_file
from apps.workflow.models import Case
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db


def test_an_agency_files_a_fault_and_the_expert_is_told(agency_officer, org_expert):
    case = fault_report_file(
        actor=agency_officer, category="login", description="پس از ورود صفحه سفید می‌شود."
    )
    assert case.state == "submitted" and case.due_date is not None
    assert FaultReport.objects.get(case=case).category == "login"
    assert AuditEntry.objects.filter(case=case, action="support.fault.opened").exists()
    assert Message.objects.filter(recipient=org_expert, case=case).exists()


def test_the_answer_is_kept_and_shown_to_the_agency(login, agency_officer, org_expert):
    case = fault_report_file(actor=agency_officer, category="page", description="دکمه ثبت کار نمی‌کند.")
    perform(case, "resolve", actor=org_expert, reason="خطا برطرف شد.")
    assert FaultReport.objects.get(case=case).answer == "خطا برطرف شد."
    body = (
        login(agency_officer).get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    )
    assert 'data-testid="fault-answer"' in body and "خطا برطرف شد." in body


@pytest.mark.parametrize(
    ("category", "description", "message"),
    [("nothing", "شرح کامل خطای سامانه", "نوع خطا"), ("page", "کوتاه", "شرح خطا")],
)
def test_bad_input_is_refused(agency_officer, category, description, message):
    with pytest.raises(ServiceError, match=message):
        fault_report_file(actor=agency_officer, category=category, description=description)
    assert not Case.objects.exists()


def test_only_agencies_file_fault_reports(org_expert):
    with pytest.raises(ServiceError) as refusal:
        fault_report_file(actor=org_expert, category="page", description="شرح کامل خطای سامانه")
    assert isinstance(refusal.value, ForbiddenError)


def test_the_form_files_and_opens_the_case(login, agency_officer, org_expert):
    client = login(agency_officer)
    assert client.get(reverse("support:fault_report_new")).status_code == 200
    response = client.post(
        reverse("support:fault_report_new"),
        {"category": "document", "description": "فایل گواهی بارگیری نمی‌شود."},
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workflow:case_detail", args=[case.tracking_code])


def test_the_form_shows_a_persian_error(login, agency_officer):
    body = login(agency_officer).post(
        reverse("support:fault_report_new"), {"category": "page", "description": "کم"}
    )
    assert "شرح خطا را دست‌کم در یک جمله بنویسید." in body.content.decode()


# ninja 1.7 deprecates the (status, body) tuple; the 201 must come from its Status instead.
@pytest.mark.filterwarnings("error:Returning tuple:DeprecationWarning")
def test_the_api_files_a_fault(login, agency_officer, org_expert):
    response = login(agency_officer).post(
        "/api/faults",
        {"category": "data", "description": "نام دستگاه نادرست است."},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["state"] == "submitted"
    refused = login(org_expert).post(
        "/api/faults",
        {"category": "data", "description": "نام دستگاه نادرست است."},
        content_type="application/json",
    )
    # The Organization's staff answer reports; the table gives filing to the agencies' people.
    assert refused.status_code == 403 and refused["X-Khedmat-Refused"] == "403"
