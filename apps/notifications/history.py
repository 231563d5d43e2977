"""What the audit trail says for the outbox's own actions."""

from apps.workflow.history import register_label

register_label("notifications.outbox.retried", "ارسال دوبارهٔ پیام ناموفق را خواست")
