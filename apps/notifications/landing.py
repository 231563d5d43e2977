"""The inbox's landing panel: the newest unread messages."""

from django.urls import reverse

from apps.core import landing
from apps.core.digits import to_persian_digits

from .selectors import message_list_for_user

LIST_LENGTH = 4


def unread_messages(user) -> landing.Panel | None:
    unread = list(message_list_for_user(user=user).filter(read_at__isnull=True)[:LIST_LENGTH])
    if not unread:
        return None
    panel = landing.Panel(
        title="پیام‌های خوانده‌نشده",
        items=[
            landing.Item(
                label=to_persian_digits(m.subject), url=reverse("notifications:message_detail", args=[m.pk])
            )
            for m in unread
        ],
        more_url=reverse("notifications:inbox"),
        more_label="همه پیام‌ها",
    )
    panel.next_label = f"خواندن «{panel.items[0].label}»"
    panel.next_url = panel.items[0].url
    return panel
