"""A substitution: who acts for whom (جانشین), from which day to which, named by whom."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Substitution(models.Model):
    """While it runs (starts_on to ends_on, both days included, not cancelled) the substitute holds the
    absent person's cartable and messages and acts on their cases in their name."""

    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="غایب"
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="جانشین"
    )
    starts_on = models.DateField("از تاریخ")
    ends_on = models.DateField("تا تاریخ")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="تعیین‌کننده"
    )
    reason = models.CharField("علت", max_length=300, blank=True)
    cancelled_at = models.DateTimeField("لغو شده در", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="لغوکننده",
    )
    created_at = models.DateTimeField("تاریخ ثبت", auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "جانشین"
        verbose_name_plural = "جانشین‌ها"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="substitution_range_order"),
            models.CheckConstraint(condition=~Q(absent=F("substitute")), name="substitution_not_self"),
        ]
        indexes = [
            # Every request asks whom its person stands in for today: by substitute, then dates.
            models.Index(fields=["substitute", "ends_on"], name="substitution_substitute_idx"),
            models.Index(fields=["absent", "ends_on"], name="substitution_absent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} ← {self.absent} ({self.starts_on}…{self.ends_on})"

    def runs_on(self, day) -> bool:
        return self.cancelled_at is None and self.starts_on <= day <= self.ends_on

    def status_on(self, day) -> str:
        """«فعال», «آینده», «پایان یافته» or «لغو شده», for the list."""
        if self.cancelled_at is not None:
            return "لغو شده"
        if day < self.starts_on:
            return "آینده"
        return "پایان یافته" if day > self.ends_on else "فعال"
