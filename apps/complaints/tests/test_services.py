"""Complaint services: filing, assigning, answering, rating, reopening once, escalating at the boundary."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.complaints.models import Complaint
from apps.complaints.rules import ESCALATE_AFTER_LATE_DAYS, MAX_REOPENS
from apps.complaints.services import (
    complaint_assign,
    complaint_rate,
    complaints_escalate_overdue,
)
from apps.core.digits import to_persian_digits
from apps.core.errors import ForbiddenError, ServiceError
from apps.core.workdays import WorkCalendar
from apps.notifications.models import Message, OutboxMessage
from apps.notifications.services import outbox_backoff, outbox_flush
from apps.notifications.tests.gateways import BROKEN_SMS, RECORDING_SMS, RecordingSmsBackend
from apps.workflow.actors import SYSTEM_LABEL
from apps.workflow.models import Case
from apps.workflow.selectors import cartable_for_user
from apps.workflow.services import ONLY_FILER, available_actions, perform

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_it_files_a_complaint_with_a_tracking_code_and_tells_the_organization(file_complaint, org_expert):
    case = file_complaint()
    assert case.state == "submitted" and len(case.tracking_code) == 10
    assert case.requester_mobile == case.created_by.mobile
    assert Complaint.objects.get(case=case).service == "training"
    assert AuditEntry.objects.filter(case=case, action="complaints.complaint.opened").exists()
    assert Message.objects.filter(recipient=org_expert, case=case).exists()


def test_it_files_against_a_visible_case_with_an_attachment(file_complaint, agency_officer):
    target = file_complaint()
    upload = SimpleUploadedFile("proof.pdf", PDF, content_type="application/pdf")
    case = file_complaint(subject="case", service="", case_code=target.tracking_code, attachment=upload)
    assert case.complaint.subject_case == target
    assert case.attachments.count() == 1


def test_it_refuses_another_agencys_case_and_a_bad_file_and_files_nothing(file_complaint, other_officer):
    theirs = file_complaint(actor=other_officer)
    before = Case.objects.count()
    with pytest.raises(ServiceError, match="در دسترس شما نیست"):
        file_complaint(subject="case", case_code=theirs.tracking_code)
    bad = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    with pytest.raises(ServiceError):
        file_complaint(attachment=bad)
    with pytest.raises(ServiceError, match="سندی"):
        file_complaint(subject="document", document_code="ABCDEFGH")
    with pytest.raises(ServiceError, match="شرح"):
        file_complaint(text="کوتاه")
    assert Case.objects.count() == before


def test_the_organizations_own_staff_do_not_file_complaints(file_complaint, org_expert):
    with pytest.raises(ServiceError) as refusal:
        file_complaint(actor=org_expert)
    assert isinstance(refusal.value, ForbiddenError)


def test_the_answer_reaches_the_complainant_in_the_system_and_by_sms(answered, org_expert, agency_officer):
    case = answered()
    assert case.state == "answered"
    complaint = Complaint.objects.get(case=case)
    assert complaint.assignee == org_expert and complaint.answer.startswith("دوره در هفته")
    assert Message.objects.filter(
        recipient=agency_officer, case=case, subject__contains="دوره در هفته"
    ).exists()
    sms = OutboxMessage.objects.get(recipient=agency_officer, channel="sms", subject__contains="دوره در هفته")
    assert sms.address == agency_officer.mobile


TYPED_MOBILE = "09351234567"


def _complainant_sms(case) -> Q:
    return Q(
        channel="sms", recipient=case.created_by, subject__contains=to_persian_digits(case.tracking_code)
    )


def _answer_sms(case) -> OutboxMessage:
    return OutboxMessage.objects.get(_complainant_sms(case), subject__contains="ارسال پاسخ به شاکی")


def test_the_answer_sms_goes_to_the_mobile_typed_on_the_complaint(
    settings, answered, agency_officer, django_capture_on_commit_callbacks
):
    assert agency_officer.mobile != TYPED_MOBILE
    RecordingSmsBackend.sent = []
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    with django_capture_on_commit_callbacks(execute=True):
        case = answered(mobile=TYPED_MOBILE)
    sms = _answer_sms(case)
    assert (sms.address, sms.status) == (TYPED_MOBILE, OutboxMessage.Status.SENT)
    assert (TYPED_MOBILE, sms.body) in RecordingSmsBackend.sent
    # Nothing about this complaint is texted to the account's own mobile; the e-mail is unchanged.
    assert not OutboxMessage.objects.filter(_complainant_sms(case), address=agency_officer.mobile).exists()
    assert OutboxMessage.objects.filter(
        channel="email", recipient=agency_officer, address=agency_officer.email, subject=sms.subject
    ).exists()


def test_without_a_typed_mobile_the_answer_sms_goes_to_the_accounts_mobile(answered, agency_officer):
    case = answered(mobile="")
    assert _answer_sms(case).address == agency_officer.mobile
    # A case filed before the number was kept on it has none: the account's mobile still gets the SMS.
    case = answered(mobile=TYPED_MOBILE)
    Case.objects.filter(pk=case.pk).update(requester_mobile="")
    case = perform(case, "reopen", actor=agency_officer, reason="پاسخ به پرسش من نبود.")
    case = perform(case, "answer", actor=case.complaint.assignee, reason="پاسخ کامل‌تر.")
    assert (
        OutboxMessage.objects.get(_complainant_sms(case), subject__contains="پاسخ کامل‌تر").address
        == agency_officer.mobile
    )


def test_a_failing_sms_gateway_neither_blocks_the_answer_nor_loses_its_sms(
    settings, monkeypatch, answered, django_capture_on_commit_callbacks
):
    settings.KHEDMAT_SMS_BACKEND = BROKEN_SMS
    with django_capture_on_commit_callbacks(execute=True):
        case = answered(mobile=TYPED_MOBILE)
    assert Case.objects.get(pk=case.pk).state == "answered"
    sms = _answer_sms(case)
    assert (sms.status, sms.attempts, sms.address) == (OutboxMessage.Status.PENDING, 1, TYPED_MOBILE)
    assert "gateway unreachable" in sms.last_error

    # The gateway comes back; the next flush sends the answer to the typed number.
    RecordingSmsBackend.sent = []
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    later = timezone.now() + outbox_backoff(1) + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    outbox_flush()
    sms.refresh_from_db()
    assert sms.status == OutboxMessage.Status.SENT
    assert (TYPED_MOBILE, sms.body) in RecordingSmsBackend.sent


def test_only_the_complainant_rates_and_only_once(answered, org_expert, agency_officer, other_officer):
    case = answered()
    with pytest.raises(ServiceError):
        complaint_rate(case=case, actor=org_expert, rating=5)
    with pytest.raises(ServiceError, match="امتیاز باید بین ۱ و ۵ باشد"):
        complaint_rate(case=case, actor=agency_officer, rating=6)
    complaint = complaint_rate(case=case, actor=agency_officer, rating=4, note="خوب")
    assert complaint.rating == 4
    assert AuditEntry.objects.filter(case=case, action="complaints.complaint.rated").exists()
    with pytest.raises(ServiceError, match="پیش‌تر"):
        complaint_rate(case=case, actor=agency_officer, rating=5)


def test_the_complainant_reopens_once_and_the_second_reopen_is_refused(answered, org_expert, agency_officer):
    assert MAX_REOPENS == 1
    case = answered()
    case = perform(case, "reopen", actor=agency_officer, reason="پاسخ به پرسش من نبود.")
    assert case.state == "investigating" and case.complaint.reopen_count == 1
    case = perform(case, "answer", actor=org_expert, reason="پاسخ کامل‌تر پیوست شد.")
    with pytest.raises(ServiceError, match="یک بار بازگشایی"):
        perform(case, "reopen", actor=agency_officer, reason="باز هم قانع نشدم.")
    case = perform(case, "accept", actor=agency_officer)
    assert case.state == "closed" and case.is_closed


def test_the_answer_is_the_complainants_alone_not_their_colleagues(
    answered, org_expert, agency, agency_officer
):
    colleague = UserFactory(organization=agency, username="colleague")
    case = answered()
    # Neither in the colleague's cartable nor in their inbox, and no button or action of theirs.
    assert case not in cartable_for_user(user=colleague)
    assert not Message.objects.filter(case=case, recipient=colleague).exists()
    assert available_actions(colleague, case) == []
    for action, reason in (("reopen", "اعتراض"), ("accept", "")):
        with pytest.raises(ServiceError, match=ONLY_FILER) as refused:
            perform(case, action, actor=colleague, reason=reason)
        assert isinstance(refused.value, ForbiddenError)
    assert Case.objects.get(pk=case.pk).state == "answered"

    assert case in cartable_for_user(user=agency_officer)
    assert Message.objects.filter(case=case, recipient=agency_officer).exists()
    assert [a.name for a in available_actions(agency_officer, case)] == ["accept", "reopen"]


def test_the_complainant_no_longer_sees_reopen_once_used(answered, org_expert, agency_officer):
    case = perform(answered(), "reopen", actor=agency_officer, reason="پاسخ به پرسش من نبود.")
    case = perform(case, "answer", actor=org_expert, reason="پاسخ کامل‌تر پیوست شد.")
    assert [a.name for a in available_actions(agency_officer, case)] == ["accept"]


def _due_on(case, day: dt.date) -> None:
    Case.objects.filter(pk=case.pk).update(due_date=day)


WEDNESDAY = dt.date(2026, 11, 25)  # Friday is the weekly day off; Tuesday and Wednesday are working days
LONG_AGO = dt.date(2020, 1, 1)  # overdue whatever day the timer runs on


def test_escalation_at_the_allowance_boundary(file_complaint, group_head, deputy):
    assert ESCALATE_AFTER_LATE_DAYS == 1
    due_today, one_day_late = file_complaint(), file_complaint()
    _due_on(due_today, WEDNESDAY)
    _due_on(one_day_late, WEDNESDAY - dt.timedelta(days=1))
    assert WorkCalendar().working_days_between(WEDNESDAY - dt.timedelta(days=1), WEDNESDAY) == 1

    escalated = complaints_escalate_overdue(on=WEDNESDAY)

    assert escalated == [one_day_late.tracking_code]
    assert Case.objects.get(pk=due_today.pk).state == "submitted"
    late = Case.objects.get(pk=one_day_late.pk)
    assert late.state == "with_group_head" and late.complaint.escalation_level == 1
    assert Message.objects.filter(recipient=group_head, case=late).exists()


def test_a_day_off_does_not_count_as_a_late_working_day(file_complaint, group_head, deputy):
    thursday, friday, saturday = dt.date(2026, 11, 26), dt.date(2026, 11, 27), dt.date(2026, 11, 28)
    case = file_complaint()
    _due_on(case, thursday)
    assert complaints_escalate_overdue(on=friday) == []
    assert complaints_escalate_overdue(on=saturday) == [case.tracking_code]


def _told(user, case, what: str) -> bool:
    """Whether `user` got the system message, and an SMS and an e-mail, about this move of the case."""
    subject = f"پرونده {to_persian_digits(case.tracking_code)}: {what}"
    outbox = OutboxMessage.objects.filter(recipient=user, subject__startswith=subject)
    return (
        Message.objects.filter(recipient=user, case=case, subject__startswith=subject).count() == 1
        and set(outbox.values_list("channel", flat=True)) == {"sms", "email"}
        and outbox.filter(channel="sms", address=user.mobile).exists()
        and outbox.filter(channel="email", address=user.email).exists()
    )


def test_the_timer_escalates_as_the_desk_and_tells_the_group_head_then_the_deputy(
    file_complaint, group_head, deputy, org_expert, agency_officer
):
    from apps.complaints.tasks import complaints_escalate_overdue_task

    case = file_complaint()
    _due_on(case, LONG_AGO)
    assert complaints_escalate_overdue_task() == [case.tracking_code]

    case.refresh_from_db()
    assert case.state == "with_group_head" and case.last_actor is None
    assert _told(group_head, case, "ارجاع به رئیس گروه")
    # The deputy holds the group head's step as well; the expert no longer holds the case.
    assert _told(deputy, case, "ارجاع به رئیس گروه")
    assert not Message.objects.filter(recipient=org_expert, subject__contains="ارجاع به رئیس گروه").exists()
    # The complainant is told at the number typed on the form.
    assert OutboxMessage.objects.filter(
        recipient=agency_officer, channel="sms", address=case.requester_mobile, subject__contains="ارجاع"
    ).exists()
    entry = AuditEntry.objects.get(case=case, action="complaints.complaint.escalate")
    assert entry.actor is None and entry.actor_name == SYSTEM_LABEL and entry.organization is None
    assert "ارجاع خودکار" in entry.reason
    record = case.steps.get(state="submitted")
    assert record.action == "escalate" and record.finished_by is None

    _due_on(case, LONG_AGO)
    assert complaints_escalate_overdue_task() == [case.tracking_code]

    case.refresh_from_db()
    assert case.state == "with_deputy" and case.complaint.escalation_level == 2
    assert _told(deputy, case, "ارجاع به معاون")
    assert not Message.objects.filter(recipient=group_head, subject__contains="ارجاع به معاون").exists()
    entries = AuditEntry.objects.filter(case=case, action="complaints.complaint.escalate")
    assert [(e.actor_id, e.actor_name) for e in entries] == [(None, SYSTEM_LABEL)] * 2
    assert audit_verify() is None


def test_the_desk_leaves_an_overdue_complaint_where_it_is_when_nobody_is_above(file_complaint, deputy):
    case = file_complaint()
    deputy.is_active = False
    deputy.save(update_fields=["is_active"])
    _due_on(case, WEDNESDAY - dt.timedelta(days=1))
    assert complaints_escalate_overdue(on=WEDNESDAY) == [case.tracking_code]
    _due_on(case, WEDNESDAY - dt.timedelta(days=1))
    assert complaints_escalate_overdue(on=WEDNESDAY) == []
    assert Case.objects.get(pk=case.pk).state == "with_group_head"


def test_a_person_who_escalates_by_hand_is_not_told_of_it(file_complaint, org_expert, group_head, deputy):
    case = perform(file_complaint(), "escalate", actor=org_expert)
    assert not Message.objects.filter(recipient=org_expert, subject__contains="ارجاع به رئیس گروه").exists()
    assert _told(group_head, case, "ارجاع به رئیس گروه")
    case = perform(case, "escalate", actor=group_head)
    entry = AuditEntry.objects.filter(case=case, action="complaints.complaint.escalate").last()
    assert entry.actor == group_head
    assert _told(deputy, case, "ارجاع به معاون")


def test_assigning_tells_the_other_holders_but_not_the_expert_who_assigned(
    file_complaint, org_expert, group_head, deputy
):
    case = complaint_assign(case=file_complaint(), actor=org_expert, assignee=org_expert)
    assert case.state == "investigating"
    assert not Message.objects.filter(recipient=org_expert, subject__contains="ارجاع برای بررسی").exists()
    assert _told(group_head, case, "ارجاع برای بررسی")


def test_it_files_against_a_real_document_by_its_verification_code(file_complaint, agency, org_expert):
    from apps.documents.tests.factories import IssuedDocumentFactory

    document = IssuedDocumentFactory(verification_code="AB12CD34EF", owner=agency, issued_by=org_expert)
    case = file_complaint(subject="document", service="", document_code="ab12-cd34-ef")
    assert case.complaint.document_code == document.verification_code


def test_the_periodic_tasks_call_the_services(file_complaint, group_head, deputy):
    from apps.complaints.models import HealthSample
    from apps.complaints.tasks import complaints_escalate_overdue_task, health_sample_record_task

    case = file_complaint()
    _due_on(case, dt.date(2020, 1, 1))
    assert complaints_escalate_overdue_task() == [case.tracking_code]
    health_sample_record_task()
    assert HealthSample.objects.filter(ok=True).count() == 1
