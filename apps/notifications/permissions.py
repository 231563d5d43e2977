"""Messages: everyone's inbox is their own; the outbox (every person's messages on their way) is the
deputy's and the administrators'."""

from django.db.models import Q

from apps.accounts.permissions import NATION, OWN, PROVINCE, Kind, register_kinds, register_table
from apps.accounts.permissions import Principal as P

register_kinds(
    Kind(
        name="notifications.message",
        label="پیام‌های کاربر",
        model="notifications.Message",
        own=lambda user: Q(recipient_id=user.pk),
    ),
    Kind(
        name="notifications.outbox",
        label="صف ارسال پیام",
        model="notifications.OutboxMessage",
        agency="recipient__organization",
    ),
)

# fmt: off
register_table(
    "notifications",
    {
        # An inbox is the recipient's alone, whatever else the person is: narrower than any organization.
        "notifications.message": {
            "view": {p: OWN for p in P},
            "edit": {p: OWN for p in P},  # marking read
        },
        # The outbox holds every person's messages (who was told what about which case) on their way out.
        # The deputy runs the desk's services and answers for their reaching people, so they watch it and
        # retry what is stuck; the administrators keep the sender running. The head of the Organization
        # oversees rather than operates, and nobody else needs to read others' messages.
        "notifications.outbox": {
            "view": {P.DEPUTY: PROVINCE, P.ADMIN: NATION},
            "act":  {P.DEPUTY: PROVINCE, P.ADMIN: NATION},  # retry
        },
    },
)
# fmt: on
