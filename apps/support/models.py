"""A fault report (گزارش خطای سامانه) filed by an agency to the desk's administrators (seed 001)."""

from django.db import models

from apps.accounts.scoping import ScopedManager
from apps.workflow.models import Case


class FaultReport(models.Model):
    class Category(models.TextChoices):
        LOGIN = "login", "ورود و حساب کاربری"
        PAGE = "page", "خطا در صفحه یا فرم"
        DOCUMENT = "document", "سند یا فایل"
        DATA = "data", "نادرستی اطلاعات"
        OTHER = "other", "سایر"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="fault_report")
    category = models.CharField("نوع خطا", max_length=20, choices=Category.choices)
    description = models.TextField("شرح خطا")
    page_url = models.CharField("نشانی صفحه", max_length=300, blank=True)
    answer = models.TextField("پاسخ", blank=True)

    objects = ScopedManager()
    scope_org_field = "case__owner"

    class Meta:
        verbose_name = "گزارش خطا"
        verbose_name_plural = "گزارش‌های خطا"

    def __str__(self) -> str:
        return self.case.tracking_code
