"""Documents the desk issues as PDFs, each with a public verification code."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from apps.accounts.models import Organization
from apps.accounts.scoping import ScopedManager
from apps.core.jalali import to_jalali

from .kinds import kind_choices, kind_label

# No 0/O, 1/I/L: a code read off paper or typed from a phone camera must not be mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class IssuedDocument(models.Model):
    """One issued PDF: who it is for, which agency it belongs to, its hash and whether it still holds."""

    kind = models.CharField("نوع", max_length=40, choices=kind_choices, db_index=True)
    title = models.CharField("عنوان", max_length=300)
    verification_code = models.CharField("کد صحت‌سنجی", max_length=CODE_LENGTH, unique=True)
    holder_name = models.CharField("دارنده", max_length=200)
    holder_national_id = models.CharField("کد ملی دارنده", max_length=10, blank=True)
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents", verbose_name="دستگاه"
    )
    case = models.ForeignKey(
        "workflow.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name="پرونده",
    )
    file = models.FileField("فایل", upload_to="documents/%Y/%m/", blank=True)
    # Indexed: an uploaded file is matched to its document by this hash (the signed file's).
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # The facts the public verification page shows: a list of {"label", "value"}, in order.
    summary = models.JSONField("خلاصه", default=list, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="صادرکننده"
    )
    issued_at = models.DateTimeField("تاریخ صدور", default=timezone.now)
    revoked_at = models.DateTimeField("تاریخ ابطال", null=True, blank=True)
    revoke_reason = models.TextField("دلیل ابطال", blank=True)

    objects = ScopedManager()
    scope_org_field = "owner"

    class Meta:
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["owner", "-issued_at"], name="document_owner_idx")]
        verbose_name = "سند صادرشده"
        verbose_name_plural = "اسناد صادرشده"

    def __str__(self) -> str:
        return f"{self.verification_code} — {self.title}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def number(self) -> str:
        """The document's number as printed on it: the Jalali year of issue and its id."""
        return f"{to_jalali(self.issued_at).year}/{self.pk}"

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.verification_code}.pdf"
