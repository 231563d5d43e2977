"""System messages: the in-app inbox row and the outbox row each e-mail or SMS is sent from."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.accounts.scoping import ScopedManager


class Message(models.Model):
    """One message in one user's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox", verbose_name="گیرنده"
    )
    subject = models.CharField("موضوع", max_length=300)
    body = models.TextField("متن", blank=True)
    case = models.ForeignKey(
        "workflow.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="پرونده",
    )
    url = models.CharField("پیوند", max_length=500, blank=True)
    created_at = models.DateTimeField("زمان", auto_now_add=True)
    read_at = models.DateTimeField("زمان خواندن", null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "recipient__organization"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="message_inbox_idx"),
            # The navbar counts unread messages on every page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="message_unread_idx"),
        ]
        verbose_name = "پیام"
        verbose_name_plural = "پیام‌ها"

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class OutboxMessage(models.Model):
    """One e-mail or SMS waiting to go out, with its retry state."""

    class Channel(models.TextChoices):
        EMAIL = "email", "رایانامه"
        SMS = "sms", "پیامک"

    class Status(models.TextChoices):
        PENDING = "pending", "در صف ارسال"
        SENT = "sent", "ارسال شد"
        FAILED = "failed", "ناموفق"

    channel = models.CharField("روش ارسال", max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="گیرنده"
    )
    address = models.CharField("نشانی", max_length=254)
    subject = models.CharField("موضوع", max_length=300)
    body = models.TextField("متن", blank=True)
    status = models.CharField("وضعیت", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("تعداد تلاش", default=0)
    next_attempt_at = models.DateTimeField("تلاش بعدی")
    last_error = models.TextField("آخرین خطا", blank=True)
    sent_at = models.DateTimeField("زمان ارسال", null=True, blank=True)
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "recipient__organization"

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The flush query: pending rows whose next attempt is due, oldest first.
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="outbox_due_idx"),
            models.Index(fields=["status", "-created_at"], name="outbox_status_idx"),
        ]
        verbose_name = "پیام در صف ارسال"
        verbose_name_plural = "صف ارسال پیام"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} به {self.address}"
