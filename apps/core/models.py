"""The desk-wide tables: official holidays and the maintenance notice."""

from django.db import models


class Holiday(models.Model):
    """An official holiday (تعطیل رسمی); the weekly days off are a setting, not rows."""

    date = models.DateField("تاریخ", unique=True)
    title = models.CharField("مناسبت", max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = "تعطیل رسمی"
        verbose_name_plural = "تعطیلات رسمی"

    def __str__(self) -> str:
        from .jalali import format_date

        return f"{format_date(self.date)} — {self.title}"


class MaintenanceNotice(models.Model):
    """The banner an admin switches on before planned maintenance (the 24/7 promise of seed 001)."""

    message = models.CharField("متن اعلان", max_length=500)
    is_active = models.BooleanField("نمایش داده شود", default=False)
    starts_at = models.DateTimeField("شروع", null=True, blank=True)
    ends_at = models.DateTimeField("پایان", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "اعلان نگهداری"
        verbose_name_plural = "اعلان‌های نگهداری"

    def __str__(self) -> str:
        return self.message
