"""Messages follow the step that sends them; the outbox retries and never blocks a step."""

from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.db import transaction
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.core.tests.locks import held_elsewhere
from apps.notifications import services
from apps.notifications.models import Message, OutboxMessage
from apps.notifications.services import (
    OUTBOX_MAX_ATTEMPTS,
    notify_users,
    outbox_backoff,
    outbox_flush,
    outbox_retry,
    outbox_send,
)
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register
from apps.workflow.services import case_open, perform

from .factories import OutboxMessageFactory
from .gateways import BROKEN_SMS, RECORDING_SMS, RecordingSmsBackend

Status = OutboxMessage.Status

# A two-step process of this test module only: the agency files, the province reviews.
register(
    Process(
        name="notifications_probe",
        label="فرایند آزمایشی پیام‌ها",
        service="probe",
        initial="drafting",
        steps=(
            Step(
                "drafting",
                "پیش‌نویس",
                actors=(Role.AGENCY_OFFICER,),
                side=Side.OWNER,
                actions=(Action("submit", "ارسال به سازمان", to="reviewing"),),
            ),
            Step(
                "reviewing",
                "بررسی در سازمان",
                actors=(Role.ORG_EXPERT,),
                allowance=WorkingDays(5),
                actions=(Action("close", "بستن", to="closed"),),
            ),
            Step("closed", "بسته", final=True),
        ),
    )
)


@pytest.fixture
def recording_sms(settings):
    RecordingSmsBackend.sent = []
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    return RecordingSmsBackend.sent


@pytest.fixture
def probe_case(agency, agency_officer):
    return case_open(
        process_name="notifications_probe", owner=agency, actor=agency_officer, title="درخواست آزمایشی"
    )


def travel(monkeypatch, delta: timedelta):
    later = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_the_next_actor_gets_a_message_sms_and_email_when_the_step_commits(
    probe_case, agency_officer, org_expert, recording_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        perform(probe_case, "submit", actor=agency_officer)

    message = Message.objects.get()
    assert message.recipient == org_expert
    assert message.case == probe_case
    assert message.url == f"/cartable/cases/{probe_case.tracking_code}/"
    # Persian digits for the person reading it; the link keeps the code as typed in an address.
    assert to_persian_digits(probe_case.tracking_code) in message.subject
    assert set(OutboxMessage.objects.values_list("channel", "status")) == {
        (OutboxMessage.Channel.SMS, Status.SENT),
        (OutboxMessage.Channel.EMAIL, Status.SENT),
    }
    assert recording_sms == [(org_expert.mobile, f"{message.subject}\nhttp://127.0.0.1:8000{message.url}")]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [org_expert.email]
    assert message.url in mail.outbox[0].body


def test_a_step_that_rolls_back_leaves_no_message_and_sends_nothing(
    probe_case, agency_officer, org_expert, recording_sms, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        perform(probe_case, "submit", actor=agency_officer)
        assert Message.objects.filter(recipient=org_expert).count() == 1
        raise RuntimeError("a later part of the step failed")

    assert callbacks == []
    assert not Message.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert recording_sms == []
    assert mail.outbox == []
    probe_case.refresh_from_db()
    assert probe_case.state == "drafting"


@pytest.fixture
def outbox_tasks():
    """The ids each run of the outbox's sending task was handed, in order."""
    runs = []

    def ran(sender=None, args=(), **kwargs):
        if sender.name == "apps.notifications.tasks.outbox_send_task":
            runs.append(sorted(args[0]))

    task_prerun.connect(ran, weak=False)
    yield runs
    task_prerun.disconnect(ran)


def test_the_messages_of_one_transaction_go_out_in_one_task_once_it_commits(
    agency, agency_officer, org_expert, recording_sms, outbox_tasks, django_capture_on_commit_callbacks
):
    cases = [
        case_open(
            process_name="notifications_probe", owner=agency, actor=agency_officer, title=f"درخواست {i}"
        )
        for i in (1, 2)
    ]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for case in cases:
            perform(case, "submit", actor=agency_officer)
        assert outbox_tasks == [] and recording_sms == []  # nothing before the commit

    # Two steps, two messages to the expert, each by SMS and e-mail: one task carries the four rows.
    assert outbox_tasks == [sorted(OutboxMessage.objects.values_list("pk", flat=True))]
    assert len(outbox_tasks[0]) == 4
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert sorted(Message.objects.filter(recipient=org_expert).values_list("case", flat=True)) == sorted(
        c.pk for c in cases
    )
    assert len(recording_sms) == 2 and len(mail.outbox) == 2


def test_messages_of_a_savepoint_rolled_back_are_not_sent_and_those_after_it_are(
    agency, recording_sms, outbox_tasks, django_capture_on_commit_callbacks
):
    first, dropped, last = (UserFactory(organization=agency, email="") for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            notify_users(users=[dropped], subject="پیام پس‌گرفته", body="متن", url="/help/")
            raise RuntimeError("this part of the step failed")
        notify_users(users=[first], subject="پیام نخست", body="متن", url="/help/")
        with pytest.raises(RuntimeError), transaction.atomic():
            notify_users(users=[dropped], subject="پیام پس‌گرفته", body="متن", url="/help/")
            raise RuntimeError("this part of the step failed too")
        notify_users(users=[last], subject="پیام آخر", body="متن", url="/help/")

    assert list(OutboxMessage.objects.values_list("address", flat=True).order_by("pk")) == [
        first.mobile,
        last.mobile,
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.SENT}
    assert sorted(number for number, _ in recording_sms) == sorted([first.mobile, last.mobile])
    assert len(outbox_tasks) == 1
    assert not Message.objects.filter(recipient=dropped).exists()


def test_a_failing_sms_gateway_neither_blocks_the_step_nor_loses_the_sms(
    settings, monkeypatch, probe_case, agency_officer, org_expert, django_capture_on_commit_callbacks
):
    settings.KHEDMAT_SMS_BACKEND = BROKEN_SMS

    with django_capture_on_commit_callbacks(execute=True):
        case = perform(probe_case, "submit", actor=agency_officer)

    assert case.state == "reviewing"
    assert Message.objects.filter(recipient=org_expert).count() == 1
    sms = OutboxMessage.objects.get(channel=OutboxMessage.Channel.SMS)
    assert (sms.status, sms.attempts) == (Status.PENDING, 1)
    assert "gateway unreachable" in sms.last_error
    assert sms.next_attempt_at > timezone.now()
    # The e-mail does not wait for the SMS gateway.
    assert OutboxMessage.objects.get(channel=OutboxMessage.Channel.EMAIL).status == Status.SENT

    # The gateway comes back; the flush a minute later sends the SMS once.
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    RecordingSmsBackend.sent = []
    assert outbox_flush() == 0  # not yet due
    travel(monkeypatch, timedelta(minutes=1, seconds=1))
    assert outbox_flush() == 1
    assert outbox_flush() == 0
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.last_error) == (Status.SENT, 2, "")
    assert sms.sent_at is not None
    assert RecordingSmsBackend.sent == [(org_expert.mobile, sms.body)]


def test_waits_between_attempts_double_up_to_an_hour():
    minutes = [outbox_backoff(n) / timedelta(minutes=1) for n in range(1, OUTBOX_MAX_ATTEMPTS + 1)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_row_is_marked_failed_after_eight_failed_attempts(settings, monkeypatch, db):
    settings.KHEDMAT_SMS_BACKEND = BROKEN_SMS
    row = OutboxMessageFactory()
    for _ in range(OUTBOX_MAX_ATTEMPTS):
        assert outbox_flush() == 0
        travel(monkeypatch, timedelta(hours=1, seconds=1))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, OUTBOX_MAX_ATTEMPTS)
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    RecordingSmsBackend.sent = []
    assert outbox_flush() == 0
    assert RecordingSmsBackend.sent == []


def test_sending_the_same_ids_twice_sends_each_row_once(recording_sms, db):
    rows = OutboxMessageFactory.create_batch(2)
    ids = [r.pk for r in rows]
    assert outbox_send(ids=ids) == 2
    assert outbox_send(ids=ids) == 0
    assert len(recording_sms) == 2


def test_users_without_mobile_or_email_get_only_the_inbox_message(
    agency, recording_sms, django_capture_on_commit_callbacks
):
    quiet = UserFactory(organization=agency, mobile="", email="")
    inactive = UserFactory(organization=agency, is_active=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify_users(users=[quiet, quiet, inactive], subject="اطلاعیه", body="متن", url="/help/")
    assert list(Message.objects.values_list("recipient", "url")) == [(quiet.pk, "/help/")]
    assert not OutboxMessage.objects.exists()
    assert callbacks == []


def test_an_sms_goes_to_the_number_typed_for_the_matter_after_commit(
    agency, recording_sms, django_capture_on_commit_callbacks
):
    typed, plain = UserFactory(organization=agency), UserFactory(organization=agency)
    with django_capture_on_commit_callbacks(execute=True):
        notify_users(
            users=[typed, plain],
            subject="پاسخ شکایت",
            body="متن",
            url="/help/",
            sms_to={typed.pk: "09351234567"},
        )
        assert recording_sms == []  # queued in the outbox; sent once the transaction commits
    text = "پاسخ شکایت\nhttp://127.0.0.1:8000/help/"
    assert sorted(recording_sms) == sorted([("09351234567", text), (plain.mobile, text)])
    row = OutboxMessage.objects.get(channel=OutboxMessage.Channel.SMS, recipient=typed)
    assert (row.address, row.status) == ("09351234567", Status.SENT)
    # Only the SMS follows the typed number: the e-mail and the inbox are the account's.
    assert [m.to for m in mail.outbox if typed.email in m.to] == [[typed.email]]
    assert Message.objects.filter(recipient=typed).count() == 1


def test_a_blank_typed_number_falls_back_to_the_accounts_mobile(agency, recording_sms, db):
    user = UserFactory(organization=agency)
    notify_users(users=[user], subject="پاسخ شکایت", body="متن", url="/help/", sms_to={user.pk: ""})
    assert OutboxMessage.objects.get(channel=OutboxMessage.Channel.SMS).address == user.mobile


def test_an_sms_to_a_typed_number_is_retried_like_any_other(
    settings, monkeypatch, agency, django_capture_on_commit_callbacks
):
    settings.KHEDMAT_SMS_BACKEND = BROKEN_SMS
    user = UserFactory(organization=agency)
    with django_capture_on_commit_callbacks(execute=True):
        notify_users(
            users=[user], subject="پاسخ شکایت", body="متن", url="/help/", sms_to={user.pk: "09351234567"}
        )
    sms = OutboxMessage.objects.get(channel=OutboxMessage.Channel.SMS)
    assert (sms.status, sms.attempts, sms.address) == (Status.PENDING, 1, "09351234567")
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    RecordingSmsBackend.sent = []
    travel(monkeypatch, timedelta(minutes=1, seconds=1))
    assert outbox_flush() == 1
    assert RecordingSmsBackend.sent == [("09351234567", sms.body)]


def test_the_deputy_retries_a_failed_sms_and_it_is_audited(
    province, recording_sms, django_capture_on_commit_callbacks
):
    head = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    row = OutboxMessageFactory(status=Status.FAILED, attempts=OUTBOX_MAX_ATTEMPTS, last_error="timeout")

    with django_capture_on_commit_callbacks(execute=True):
        outbox_retry(outbox_id=row.pk, actor=head)

    row.refresh_from_db()
    assert row.status == Status.SENT
    assert recording_sms == [(row.address, row.body)]
    entry = AuditEntry.objects.get(action="notifications.outbox.retried")
    assert (entry.actor, entry.object_id, entry.changes["status"]) == (head, str(row.pk), Status.FAILED)


def test_it_refuses_a_retry_by_an_expert_or_of_a_sent_row(org_expert, province):
    row = OutboxMessageFactory(status=Status.FAILED)
    with pytest.raises(ServiceError) as refused:
        outbox_retry(outbox_id=row.pk, actor=org_expert)
    assert isinstance(refused.value, ForbiddenError)
    sent = OutboxMessageFactory(status=Status.SENT)
    head = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    with pytest.raises(ServiceError) as refused:
        outbox_retry(outbox_id=sent.pk, actor=head)
    assert isinstance(refused.value, ConflictError)
    assert not AuditEntry.objects.filter(action="notifications.outbox.retried").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres  # row locks: scripts/test.sh runs it on PostgreSQL and leaves it out of the SQLite run
def test_a_row_another_worker_is_sending_is_skipped_not_sent_twice(settings):
    settings.KHEDMAT_SMS_BACKEND = RECORDING_SMS
    RecordingSmsBackend.sent = []
    row = OutboxMessageFactory()
    with held_elsewhere(lambda: OutboxMessage.objects.select_for_update().get(pk=row.pk)):
        assert services.outbox_send(ids=[row.pk]) == 0
    assert RecordingSmsBackend.sent == []
    assert services.outbox_send(ids=[row.pk]) == 1
