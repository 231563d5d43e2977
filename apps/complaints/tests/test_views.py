"""Complaint pages: filing, the case page's panel, assigning and rating, the public tracking page, the list."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.complaints.models import Complaint
from apps.complaints.services import complaint_escalate, complaint_file
from apps.core.digits import to_persian_digits
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db


def test_an_officer_files_a_complaint_from_a_case_page_link(login, agency_officer, closed_fault, org_expert):
    client = login(agency_officer)
    page = client.get(reverse("workflow:case_detail", args=[closed_fault.tracking_code]))
    assert 'data-testid="file-complaint"' in page.content.decode()
    form = client.get(reverse("complaints:complaint_new") + f"?case={closed_fault.tracking_code}")
    assert closed_fault.tracking_code in form.content.decode()
    response = client.post(
        reverse("complaints:complaint_new"),
        {
            "kind": "complaint",
            "subject": "case",
            "case_code": closed_fault.tracking_code,
            "text": "پاسخ گزارش خطا مشکل را حل نکرد.",
            "mobile": "۰۹۱۲۱۲۳۴۵۶۷",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workflow:case_detail", args=[complaint.case.tracking_code])
    assert complaint.subject_case == closed_fault and complaint.case.requester_mobile == "09121234567"


def test_bad_input_gets_a_persian_error_and_files_nothing(login, agency_officer, org_expert):
    response = login(agency_officer).post(
        reverse("complaints:complaint_new"),
        {
            "kind": "complaint",
            "subject": "service",
            "service": "",
            "text": "متن شکایت آزمایشی",
            "mobile": "0912",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "شماره همراه باید ۱۱ رقم باشد" in body
    assert not Case.objects.exists()


def test_the_case_page_shows_the_assign_form_to_staff_and_assigning_works(login, file_complaint, org_expert):
    case = file_complaint()
    client = login(org_expert)
    body = client.get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    assert 'data-testid="complaint-panel"' in body and 'name="assignee"' in body
    response = client.post(
        reverse("complaints:complaint_assign", args=[case.tracking_code]), {"assignee": org_expert.pk}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "investigating" and case.complaint.assignee == org_expert


def test_the_case_history_names_the_desk_for_an_escalation_and_the_group_head_sees_it_waiting(
    login, file_complaint, group_head
):
    case = complaint_escalate(case=file_complaint())
    client = login(group_head)
    body = client.get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    history = body[body.index('data-testid="case-history"') :]
    assert "<strong>سامانه (خودکار)</strong>" in history and "ارجاع خودکار" in history
    assert "SYSTEM" not in history and "None" not in history
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert f"پرونده {to_persian_digits(case.tracking_code)}: ارجاع به رئیس گروه" in inbox


def test_an_agency_user_cannot_assign(login, file_complaint, agency_officer, org_expert):
    case = file_complaint()
    login(agency_officer).post(
        reverse("complaints:complaint_assign", args=[case.tracking_code]), {"assignee": org_expert.pk}
    )
    assert Case.objects.get(pk=case.pk).state == "submitted"


def test_the_complainant_rates_the_answer_on_the_case_page(login, answered, agency_officer):
    case = answered()
    client = login(agency_officer)
    body = client.get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    assert 'data-testid="complaint-answer"' in body and 'data-testid="rate-form"' in body
    client.post(
        reverse("complaints:complaint_rate", args=[case.tracking_code]), {"rating": "5", "note": "سپاس"}
    )
    assert Complaint.objects.get(case=case).rating == 5


def test_only_the_complainant_sees_accept_and_reopen_on_the_answered_case(
    login, answered, agency, agency_officer
):
    colleague = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="colleague")
    case = answered()
    url = reverse("workflow:case_detail", args=[case.tracking_code])
    seen = login(colleague).get(url).content.decode()
    assert 'data-testid="complaint-answer"' in seen
    assert 'value="accept"' not in seen and 'value="reopen"' not in seen
    mine = login(agency_officer).get(url).content.decode()
    assert 'value="accept"' in mine and 'value="reopen"' in mine


def test_another_agency_gets_404_on_a_complaint(login, file_complaint, other_officer):
    case = file_complaint()
    client = login(other_officer)
    assert client.get(reverse("workflow:case_detail", args=[case.tracking_code])).status_code == 404
    assert (
        client.post(
            reverse("complaints:complaint_rate", args=[case.tracking_code]), {"rating": "5"}
        ).status_code
        == 404
    )


def test_the_public_tracking_page_shows_the_answer_with_code_and_mobile(client, answered, agency_officer):
    case = answered(answer="دوره در تاریخ تازه برگزار می‌شود.")
    url = reverse("complaints:complaint_track")
    persian_code = case.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    body = client.get(url, {"tracking_code": persian_code, "mobile": agency_officer.mobile}).content.decode()
    assert "دوره در تاریخ تازه برگزار می‌شود." in body and "پاسخ داده شد" in body
    assert agency_officer.last_name not in body and agency_officer.organization.name not in body
    wrong = client.get(url, {"tracking_code": case.tracking_code, "mobile": "09999999999"}).content.decode()
    assert "یافت نشد" in wrong and "برگزار" not in wrong


def test_the_complaint_tracking_page_answers_nothing_for_other_processes(
    client, closed_fault, agency_officer
):
    url = reverse("complaints:complaint_track")
    body = client.get(
        url, {"tracking_code": closed_fault.tracking_code, "mobile": agency_officer.mobile}
    ).content.decode()
    assert "یافت نشد" in body


def test_the_list_shows_own_agency_only_with_constant_queries(
    login, file_complaint, agency_officer, other_officer, django_assert_max_num_queries
):
    file_complaint(actor=other_officer)
    mine = file_complaint()
    client = login(agency_officer)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("complaints:complaint_list")).content.decode()
    for _ in range(8):
        file_complaint()
    with django_assert_max_num_queries(12):
        more = client.get(reverse("complaints:complaint_list")).content.decode()
    persian = mine.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert persian in body and more.count("<tr>") == 10
    xlsx = client.get(reverse("complaints:complaint_list") + "?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_individuals_file_too(login, agency, org_expert):
    from apps.accounts.roles import Role
    from apps.accounts.tests.factories import UserFactory

    learner = UserFactory(organization=agency, roles=[Role.LEARNER], username="learner")
    case = complaint_file(
        actor=learner, kind="suggestion", subject="service", service="training", text="پیشنهاد دوره تازه"
    )
    assert case.created_by == learner and case.complaint.get_kind_display() == "پیشنهاد یا نظر"
