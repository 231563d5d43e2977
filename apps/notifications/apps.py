"""The notifications app: the inbox, e-mail and SMS through an outbox with retries."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    verbose_name = "پیام‌ها"

    def ready(self):
        from apps.core import freshness, landing, navigation, topbar

        from .landing import unread_messages
        from .models import OutboxMessage

        # The outbox is read only by those who read across (apps/core/freshness.py).
        freshness.agency_tables(OutboxMessage, agency=freshness.ACROSS)

        # The inbox has its own link in the top bar; only the outbox page needs a menu entry, shown to those
        # the page's rule lets in.
        navigation.register("صف ارسال پیام", "notifications:outbox", group="مدیریت سامانه", order=98)
        landing.register("notifications.unread", unread_messages, order=15)
        topbar.register("notifications/_topbar_inbox.html", order=10, reads=("unread_count",))
