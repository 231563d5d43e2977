"""Complaints and suggestions, satisfaction answers after a closed case, and the desk's health samples."""

from django.conf import settings
from django.db import models

from apps.accounts.scoping import ScopedManager
from apps.workflow.models import Case


class Complaint(models.Model):
    """The service's own row of a complaint case: what it is about, the answer and the complainant's rating."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "شکایت"
        SUGGESTION = "suggestion", "پیشنهاد یا نظر"

    class Subject(models.TextChoices):
        SERVICE = "service", "یک خدمت"
        CASE = "case", "یک پرونده"
        DOCUMENT = "document", "یک سند صادرشده"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complaint")
    kind = models.CharField("نوع", max_length=12, choices=Kind.choices)
    subject = models.CharField("درباره", max_length=10, choices=Subject.choices)
    service = models.CharField("خدمت", max_length=40, blank=True)
    subject_case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="پرونده مورد شکایت",
    )
    document_code = models.CharField("کد صحت‌سنجی سند", max_length=20, blank=True)
    text = models.TextField("شرح")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="کارشناس رسیدگی",
    )
    answer = models.TextField("پاسخ", blank=True)
    answered_at = models.DateTimeField("تاریخ پاسخ", null=True, blank=True)
    rating = models.PositiveSmallIntegerField("امتیاز پاسخ", null=True, blank=True)
    rating_note = models.CharField("نظر درباره پاسخ", max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField("دفعات بازگشایی", default=0)
    # 0: with the Organization's staff, 1: escalated to the group head, 2: to the deputy.
    escalation_level = models.PositiveSmallIntegerField("سطح ارجاع", default=0)

    objects = ScopedManager()
    scope_org_field = "case__owner"

    class Meta:
        verbose_name = "شکایت یا پیشنهاد"
        verbose_name_plural = "شکایات و پیشنهادها"

    def __str__(self) -> str:
        return self.case.tracking_code

    @property
    def service_title(self) -> str:
        from apps.catalog.content import service_by_slug

        service = service_by_slug(self.service)
        return service.title if service else self.service


class SatisfactionResponse(models.Model):
    """One person's short survey on one closed case: an overall score and a score per step it passed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="satisfaction")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    process = models.CharField("فرایند", max_length=60, db_index=True)
    score = models.PositiveSmallIntegerField("رضایت کلی")
    step_scores = models.JSONField("امتیاز مراحل", default=dict, blank=True)
    comment = models.CharField("نظر", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "case__owner"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "respondent"], name="satisfaction_once_per_person"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="satisfaction_score_1_5"
            ),
        ]
        verbose_name = "پاسخ نظرسنجی"
        verbose_name_plural = "پاسخ‌های نظرسنجی"

    def __str__(self) -> str:
        return f"{self.case_id}:{self.score}"


class HealthSample(models.Model):
    """One run of the same checks as /healthz, recorded by a periodic task for the uptime figure."""

    checked_at = models.DateTimeField(db_index=True)
    ok = models.BooleanField()
    database = models.BooleanField()
    redis = models.BooleanField(null=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = "نمونه سلامت سامانه"
        verbose_name_plural = "نمونه‌های سلامت سامانه"

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'down'}"
