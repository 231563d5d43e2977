"""The notifications app: the inbox, e-mail and SMS through an outbox with retries."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    verbose_name = "پیام‌ها"

    def ready(self):
        from apps.core import navigation

        from .services import OUTBOX_MANAGER_ROLES

        # The inbox has its own link in the navbar; only the outbox page needs a menu entry.
        navigation.register("صف ارسال پیام", "notifications:outbox", roles=OUTBOX_MANAGER_ROLES, order=90)
