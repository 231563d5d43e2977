"""The platform's case pages answer as the permission table declares, on a real service's cases (fault
reports, apps/support/permissions.py): a colleague's case and its attachment are out of an employee's
reach, the cartable holds what waits on the person, and a bulk action takes only cases they may bulk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.support.services import fault_report_file
from apps.workflow.models import BulkJob, CaseAttachment
from apps.workflow.selectors import cartable_for_user, case_list_for_user
from apps.workflow.services import bulk_start

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def employee(agency):
    return UserFactory(organization=agency, roles=[Role.LEARNER])


@pytest.fixture
def colleague(agency):
    return UserFactory(organization=agency, roles=[Role.LEARNER])


@pytest.fixture
def report(employee):
    return fault_report_file(actor=employee, category="page", description="دکمه ثبت فرم کار نمی‌کند.")


@pytest.fixture
def attachment(report, employee):
    return CaseAttachment.objects.create(
        case=report,
        title="تصویر خطا",
        file=SimpleUploadedFile("shot.pdf", PDF),
        kind="pdf",
        size=len(PDF),
        sha256="0" * 64,
        uploaded_by=employee,
    )


def test_an_employee_opens_their_own_case_but_not_a_colleagues(login, employee, colleague, report):
    url = reverse("workflow:case_detail", args=[report.tracking_code])
    assert login(employee).get(url).status_code == 200
    response = login(colleague).get(url)
    assert response.status_code == 404 and response[REFUSED_HEADER] == "404"
    assert report not in case_list_for_user(user=colleague)
    assert report in case_list_for_user(user=employee)


def test_an_employee_downloads_their_own_attachment_but_not_a_colleagues(
    login, employee, colleague, attachment
):
    url = reverse("workflow:attachment_download", args=[attachment.pk])
    assert login(employee).get(url).status_code == 200
    assert login(colleague).get(url).status_code == 404


def test_the_agency_officer_sees_the_agency_s_reports_and_another_agency_s_officer_does_not(
    login, agency_officer, other_officer, report, attachment
):
    assert (
        login(agency_officer).get(reverse("workflow:case_detail", args=[report.tracking_code])).status_code
        == 200
    )
    assert (
        login(agency_officer).get(reverse("workflow:attachment_download", args=[attachment.pk])).status_code
        == 200
    )
    assert (
        login(other_officer).get(reverse("workflow:case_detail", args=[report.tracking_code])).status_code
        == 404
    )


def test_a_colleague_may_not_attach_to_an_employee_s_case(login, colleague, report):
    response = login(colleague).post(
        reverse("workflow:attachment_upload", args=[report.tracking_code]),
        {"title": "x", "file": SimpleUploadedFile("x.pdf", PDF)},
    )
    assert response.status_code == 404
    assert not report.attachments.exists()


def test_a_viewer_who_may_not_act_is_refused_403_and_sees_no_buttons(login, province, report):
    # The deputy reads every fault report but answers none: that is the groups' work.
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    client = login(deputy)
    page = client.get(reverse("workflow:case_detail", args=[report.tracking_code]))
    assert page.status_code == 200 and page.context["actions"] == []
    assert not page.context["can_attach"]
    response = client.post(reverse("workflow:case_act", args=[report.tracking_code]), {"action": "resolve"})
    assert response.status_code == 403 and response[REFUSED_HEADER] == "403"
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_cartable_holds_the_cases_waiting_on_the_person(employee, org_expert, agency_officer, report):
    assert report in cartable_for_user(user=org_expert)
    # Filed by the agency, but now waiting on the Organization.
    assert report not in cartable_for_user(user=agency_officer)
    assert report not in cartable_for_user(user=employee)


def test_a_bulk_action_takes_only_cases_the_person_may_bulk(login, province, org_expert, report):
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    with pytest.raises(ServiceError) as refused:
        bulk_start(actor=deputy, action_name="resolve", case_ids=[report.pk], reason="برطرف شد.")
    assert isinstance(refused.value, ForbiddenError)
    assert not BulkJob.objects.exists()
    job = bulk_start(actor=org_expert, action_name="resolve", case_ids=[report.pk], reason="برطرف شد.")
    assert job.succeeded == 1


def test_the_bulk_page_is_refused_to_whoever_may_bulk_nothing(login, agency_officer, report):
    response = login(agency_officer).post(
        reverse("workflow:bulk_start"), {"action": "resolve", "cases": [report.pk], "reason": "x"}
    )
    assert response.status_code == 403
    assert not BulkJob.objects.exists()


def test_a_bulk_job_is_its_starter_s_alone(login, org_expert, group_head, report):
    job = bulk_start(actor=org_expert, action_name="escalate", case_ids=[report.pk])
    assert login(org_expert).get(reverse("workflow:bulk_job", args=[job.pk])).status_code == 200
    assert login(group_head).get(reverse("workflow:bulk_job", args=[job.pk])).status_code == 404
