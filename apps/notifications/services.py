"""System messages: in-app inbox rows and outbox rows for e-mail and SMS, sent after commit."""

import logging
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts import permissions
from apps.audit.trail import audit_append
from apps.core.background import task_start
from apps.core.digits import persian_numbers
from apps.core.errors import ConflictError, ForbiddenError, NotFoundError

from .backends import get_sms_backend
from .models import Message, OutboxMessage

OUTBOX = "notifications.outbox"

logger = logging.getLogger(__name__)

# After this many failed attempts a row is marked failed and waits for a person's "retry now".
OUTBOX_MAX_ATTEMPTS = 8
# Waits between attempts double from the first and stop growing at the cap: 1, 2, 4 … 60 minutes.
OUTBOX_FIRST_BACKOFF = timedelta(minutes=1)
OUTBOX_MAX_BACKOFF = timedelta(minutes=60)
# Rows one flush run takes; the next run a minute later picks up the rest.
OUTBOX_FLUSH_BATCH = 200

Status = OutboxMessage.Status
Channel = OutboxMessage.Channel


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.KHEDMAT_SITE_URL.rstrip("/") + url


def notify_users(
    *, users, subject: str, body: str, case=None, url: str = "", sms_to: Mapping[int, str] | None = None
) -> None:
    """Queues a message to each user; nothing is sent before the surrounding transaction commits.

    The inbox rows and outbox rows belong to the caller's transaction, so a step that rolls back
    leaves no message behind. Sending happens after commit and never raises into the caller.
    `sms_to` maps a user's id to a number they typed for this matter (a complaint's form), which
    their SMS goes to instead of the account's mobile; the outbox row, retries and backend are the same.
    """
    sms_to = sms_to or {}
    recipients = list({u.pk: u for u in users if u is not None and u.is_active}.values())
    if not recipients:
        return
    # Whoever is away today has a substitute (apps.substitutes): what is meant for them goes to the substitute,
    # told whom it was for, and never to a number the absent person typed for their own matter.
    away = permissions.stand_ins_for(recipients)
    meant_for = {}
    for absent in [u for u in recipients if u.pk in away]:
        meant_for.setdefault(away[absent.pk].pk, absent)
    recipients = list({away.get(u.pk, u).pk: away.get(u.pk, u) for u in recipients}.values())
    sms_to = {pk: number for pk, number in sms_to.items() if pk not in away}
    if not url and case is not None:
        url = reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code})
    # Every service's texts get Persian digits here, the one door to the inbox, SMS and e-mail; links keep theirs.
    subject, body = persian_numbers(subject), persian_numbers(body)
    subject = subject[: Message._meta.get_field("subject").max_length]
    link = _absolute(url)
    sms_text = f"{subject}\n{link}" if link else subject
    email_text = f"{body}\n\n{link}" if link else body
    now = timezone.now()
    outbox = [
        OutboxMessage(
            channel=channel, recipient=user, address=address, subject=subject, body=text, next_attempt_at=now
        )
        for user in recipients
        for channel, address, text in (
            (Channel.SMS, sms_to.get(user.pk) or user.mobile, sms_text),
            (Channel.EMAIL, user.email, email_text),
        )
        if address
    ]
    # No savepoint of its own: a failed insert fails the caller's step, whose transaction rolls back whole.
    with transaction.atomic(savepoint=False):
        Message.objects.bulk_create(
            [
                Message(
                    recipient=u,
                    subject=subject,
                    body=_for_absent(body, meant_for.get(u.pk)),
                    case=case,
                    url=url,
                )
                for u in recipients
            ]
        )
        OutboxMessage.objects.bulk_create(outbox)
        _send_after_commit([row.pk for row in outbox])


class _Sending:
    """The outbox rows one transaction queued, handed to one task once it commits: a step that moves a
    session's requests with it tells their people in one message to the broker, not one per request."""

    def __init__(self):
        self.ids: list[int] = []

    def __call__(self) -> None:
        task_start("apps.notifications.tasks.outbox_send_task", self.ids)


def _send_after_commit(ids: list[int]) -> None:
    if not ids:
        return
    connection = transaction.get_connection()
    # Looked for afresh each time: a savepoint rolled back takes the hooks registered inside it along.
    sending = next((f for _, f, _ in connection.run_on_commit if isinstance(f, _Sending)), None)
    if sending is None:
        sending = _Sending()
        # robust: a broker that is down must not turn a committed step into an error page;
        # the rows stay pending and the minutely flush sends them.
        transaction.on_commit(sending, robust=True)
    sending.ids.extend(ids)


def _for_absent(body: str, absent) -> str:
    """A message a substitute receives in an absent colleague's stead says so above its text."""
    if absent is None:
        return body
    return f"این پیام برای {absent.get_full_name() or absent.username} است و به جانشینی از او به شما رسید.\n{body}"


def _deliver(row: OutboxMessage) -> None:
    if row.channel == Channel.SMS:
        get_sms_backend().send(to=row.address, text=row.body)
    else:
        send_mail(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.address], fail_silently=False)


def outbox_backoff(attempts: int) -> timedelta:
    """The wait after the given number of failed attempts."""
    return min(OUTBOX_FIRST_BACKOFF * 2 ** (attempts - 1), OUTBOX_MAX_BACKOFF)


def _send_one(pk: int) -> bool:
    now = timezone.now()
    with transaction.atomic():
        # skip_locked: a row another worker is sending right now is left to that worker, and the
        # status check under the lock stops a row that worker already sent from going out again.
        row = (
            OutboxMessage.objects.select_for_update(no_key=True, skip_locked=True)
            .filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if row is None:
            return False
        row.attempts += 1
        try:
            _deliver(row)
        except Exception as exc:
            logger.warning("Sending outbox row %s failed (attempt %s): %s", row.pk, row.attempts, exc)
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if row.attempts >= OUTBOX_MAX_ATTEMPTS:
                row.status = Status.FAILED
            else:
                row.next_attempt_at = now + outbox_backoff(row.attempts)
            row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        row.status = Status.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


def outbox_send(*, ids) -> int:
    """Sends those of the given rows that are pending and due; returns how many went out.

    Each row is sent in its own transaction, so one bad address never holds back the others and
    running this twice for the same ids sends nothing twice.
    """
    return sum(_send_one(pk) for pk in ids)


def outbox_flush(*, limit: int = OUTBOX_FLUSH_BATCH) -> int:
    """Sends every due pending row, oldest first: the safety net behind the after-commit sends."""
    ids = list(
        OutboxMessage.objects.filter(status=Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return outbox_send(ids=ids)


def can_manage_outbox(user) -> bool:
    """Whether this person watches the outbox and retries stuck rows: the table's retry ("act") rule."""
    return permissions.may(user, OUTBOX, "act")


def outbox_retry(*, outbox_id: int, actor) -> OutboxMessage:
    """Makes a stuck or failed row due now and sends it after commit: one more attempt."""
    if not can_manage_outbox(actor):
        raise ForbiddenError("شما مجاز به ارسال دوباره پیام‌ها نیستید.")
    with transaction.atomic():
        row = (
            OutboxMessage.objects.visible_to(actor, action="act")
            .select_for_update(no_key=True, of=("self",))
            .filter(pk=outbox_id)
            .first()
        )
        if row is None:
            raise NotFoundError("پیام یافت نشد.")
        if row.status == Status.SENT:
            raise ConflictError("این پیام پیش‌تر ارسال شده است.")
        before = row.status
        row.status = Status.PENDING
        row.next_attempt_at = timezone.now()
        row.save(update_fields=["status", "next_attempt_at"])
        audit_append(
            action="notifications.outbox.retried",
            actor=actor,
            subject=row,
            changes={"channel": row.channel, "status": before, "attempts": row.attempts},
        )
        transaction.on_commit(
            lambda: task_start("apps.notifications.tasks.outbox_send_task", [row.pk]), robust=True
        )
    return row


def message_mark_read(*, message: Message) -> Message:
    """Marks one of the user's own messages read (the caller fetched it through the selector)."""
    if message.read_at is None:
        now = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=now)
        message.read_at = now
    return message


def message_mark_all_read(*, user) -> int:
    """Marks every unread message of the user read; returns how many changed."""
    return Message.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
