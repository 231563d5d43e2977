"""Reads of a user's messages and, for the province's managers, of the outbox."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.accounts.permissions import get_or_refuse, visible

from .models import Message, OutboxMessage

# A pending row this old that has not gone out means the sender is not running.
OUTBOX_STUCK_AFTER = timedelta(minutes=10)


MESSAGES = "notifications.message"


def _own_messages(user) -> QuerySet[Message]:
    # An inbox is the recipient's alone (the table's OWN): narrower than any organization scope, and a
    # person without an organization still has one.
    return visible(Message.objects.all(), user, kind_name=MESSAGES)


def message_list_for_user(*, user) -> QuerySet[Message]:
    """The user's messages, newest first."""
    return _own_messages(user).select_related("case").order_by("-created_at", "-id")


def message_get_for_user(*, user, pk: int) -> Message:
    """One of the user's own messages; anybody else's answers 404."""
    return get_or_refuse(Message.objects.select_related("case"), user, kind_name=MESSAGES, pk=pk)


def unread_count(*, user) -> int:
    return _own_messages(user).filter(read_at__isnull=True).count()


def outbox_problem_list(*, user) -> QuerySet[OutboxMessage]:
    """Failed rows, and pending rows that already failed once or have waited too long."""
    stuck_before = timezone.now() - OUTBOX_STUCK_AFTER
    return (
        OutboxMessage.objects.visible_to(user)
        .filter(
            Q(status=OutboxMessage.Status.FAILED)
            | Q(status=OutboxMessage.Status.PENDING) & (Q(attempts__gt=0) | Q(created_at__lt=stuck_before))
        )
        .select_related("recipient__organization")
        .order_by("-created_at", "-id")
    )
