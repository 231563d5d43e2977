"""The desk-wide tables: official holidays, the maintenance notice, imports and files held for forms."""

from django.db import models


class Holiday(models.Model):
    """An official holiday (تعطیل رسمی); the weekly days off are a setting, not rows.

    A national holiday (no province) moves every province's deadlines; a local one only its province's.
    """

    date = models.DateField("تاریخ")
    title = models.CharField("مناسبت", max_length=200)
    # Written by the desk's own reckoning (holiday_rules.py) ahead of the official calendar; an import of
    # that year's official list replaces every estimated row of the year.
    estimated = models.BooleanField("برآوردی", default=False)
    province = models.ForeignKey(
        "accounts.Province",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="holidays",
        verbose_name="استان (تعطیل محلی)",
    )

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(province__isnull=True),
                name="holiday_national_date_unique",
            ),
            models.UniqueConstraint(
                fields=["province", "date"],
                condition=models.Q(province__isnull=False),
                name="holiday_local_date_unique",
            ),
        ]
        verbose_name = "تعطیل رسمی"
        verbose_name_plural = "تعطیلات رسمی"

    def __str__(self) -> str:
        from .jalali import format_date

        return f"{format_date(self.date)} — {self.title}"


class HolidayYear(models.Model):
    """A Jalali year whose holidays are in the Holiday table: the official list, or the desk's estimate.

    A year without a row here is not covered: the working-day calendar then counts its holidays by rule
    and the desk warns its administrators (holiday_calendar.py).
    """

    year = models.PositiveSmallIntegerField("سال", unique=True)
    # 1 Farvardin, so the working-day calendar reads the holidays and the covered years in one query.
    first_day = models.DateField("نخستین روز")
    estimated = models.BooleanField("برآوردی", default=True)
    updated_at = models.DateTimeField("به‌روزرسانی", auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = "سال تقویم تعطیلات"
        verbose_name_plural = "سال‌های تقویم تعطیلات"

    def __str__(self) -> str:
        from .digits import to_persian_digits

        kind = "برآوردی" if self.estimated else "رسمی"
        return f"{to_persian_digits(str(self.year))} ({kind})"


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


class ImportJob(models.Model):
    """One spreadsheet upload: validated in full, then written in one transaction or not at all.

    The user and organization are plain ids because core sits below the accounts app.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "در صف"
        RUNNING = "running", "در حال بررسی"
        FAILED = "failed", "ناموفق"
        DONE = "done", "انجام شد"

    spec_name = models.CharField("نوع ورود اطلاعات", max_length=60)
    file = models.FileField("فایل", upload_to="imports/%Y/%m/")
    user_id = models.IntegerField("کاربر", db_index=True)
    organization_id = models.IntegerField("سازمان", null=True, blank=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField("وضعیت", max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("تعداد ردیف‌ها", default=0)
    processed = models.PositiveIntegerField("ردیف‌های بررسی‌شده", default=0)
    imported = models.PositiveIntegerField("ردیف‌های ثبت‌شده", default=0)
    error_count = models.PositiveIntegerField("تعداد خطاها", default=0)
    errors = models.JSONField("خطاها", default=list, blank=True)
    message = models.CharField("پیام", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "ورود اطلاعات از اکسل"
        verbose_name_plural = "ورود اطلاعات از اکسل"

    def __str__(self) -> str:
        return f"{self.spec_name} #{self.pk} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def progress_key(self) -> str:
        """Where a running job's rows checked so far are kept (the cache), for its page to poll."""
        return f"import-progress:{self.pk}"

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        return min(100, round(100 * self.processed / self.total)) if self.total else 0


class HeldUpload(models.Model):
    """A file chosen on a form that came back with an error, kept so the form need not ask for it again.

    The form carries only the token, a random secret that is all it takes to use the file again; the
    file is never served back. Rows older than `uploads.HELD_UPLOAD_MAX_AGE` are purged with their files.
    """

    token = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="held/%Y/%m/")
    name = models.CharField("نام فایل", max_length=255)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "فایل نگه‌داشته"
        verbose_name_plural = "فایل‌های نگه‌داشته"

    def __str__(self) -> str:
        return self.name
