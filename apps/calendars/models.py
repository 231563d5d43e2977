"""Each person's private calendar address: a secret token that opens their iCal feed without signing in."""

import secrets

from django.conf import settings
from django.db import models


def new_feed_token() -> str:
    """256 random bits, URL-safe: the address is the credential, so it must not be guessable."""
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret of one person's feed address; regenerating it replaces the token, and the old one dies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name="کاربر"
    )
    token = models.CharField("رمز نشانی", max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField("ساخته‌شده در", auto_now_add=True)
    renewed_at = models.DateTimeField("آخرین تعویض", auto_now=True)

    class Meta:
        verbose_name = "نشانی خصوصی تقویم"
        verbose_name_plural = "نشانی‌های خصوصی تقویم"

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
