"""Service D's data: cycles, indices, bodies, sessions, each agency's evaluation, its scores and evidence."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.accounts.models import Organization
from apps.accounts.scoping import ScopedManager
from apps.workflow.models import Case


class Cycle(models.Model):
    """One year's evaluation (دوره ارزیابی) of the previous year's performance, with its circular."""

    class Phase(models.TextChoices):
        SETUP = "setup", "تدوین شاخص‌ها"
        SELF_ASSESSMENT = "self_assessment", "خودارزیابی دستگاه‌ها"
        INITIAL = "initial", "اعلام نتایج اولیه و اعتراض"
        FINAL = "final", "نتایج نهایی تصویب‌شده"

    year = models.PositiveIntegerField("سال ارزیابی")
    title = models.CharField("عنوان", max_length=200)
    circular_number = models.CharField("شماره بخشنامه", max_length=60)
    circular_date = models.DateField("تاریخ بخشنامه")
    circular_file = models.FileField("پیوست بخشنامه", upload_to="evaluation/circulars/", blank=True)
    # The cycle's own case in its timeline (`evaluation.cycle`); `phase` follows it, written by the workflow
    # core alone.
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, editable=False, related_name="evaluation_cycle"
    )
    phase = models.CharField(
        "مرحله", max_length=20, choices=Phase.choices, default=Phase.SETUP, editable=False
    )
    self_assessment_deadline = models.DateField("مهلت خودارزیابی")
    objection_deadline = models.DateField("پایان مهلت اعتراض", null=True, blank=True)
    # [{"label": "عالی", "min": 90}, ...] from the best band down; a score at a band's minimum is in it.
    bands = models.JSONField("بازه‌های سطح‌بندی", default=list)
    national_rank = models.PositiveIntegerField("رتبه استان در کشور", null=True, blank=True)
    provinces_ranked = models.PositiveIntegerField("تعداد استان‌های رتبه‌بندی‌شده", null=True, blank=True)
    # The latest issue of each publication, so the cycle's page links straight to it.
    results_book = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    festival_report = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The province whose Organization defines it: the province scope of the permission model reads it.
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="استان"
    )

    class Meta:
        ordering = ["-year"]
        # One cycle a year in each province.
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="evaluation_cycle_year_unique")
        ]
        verbose_name = "دوره ارزیابی"
        verbose_name_plural = "دوره‌های ارزیابی"

    def __str__(self) -> str:
        return self.title


class CyclePhaseDate(models.Model):
    """One phase of the cycle's calendar (about three months in all)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="calendar")
    title = models.CharField("مرحله", max_length=200)
    starts_on = models.DateField("از")
    ends_on = models.DateField("تا")

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return self.title


def circular_path(instance, filename: str) -> str:
    return f"evaluation/circulars/{instance.cycle_id}/{instance.sha256[:2]}/{filename}"


class CircularAttachment(models.Model):
    """One more attachment of a cycle's circular; province-wide like its cycle, so every signed-in user reads it."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="circular_attachments")
    title = models.CharField("عنوان", max_length=200)
    file = models.FileField("فایل", upload_to=circular_path)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "پیوست بخشنامه"
        verbose_name_plural = "پیوست‌های بخشنامه"

    def __str__(self) -> str:
        return self.title


class Index(models.Model):
    """An evaluation index (شاخص) with its ceiling score W, weight and, when measured, its standard S."""

    class Kind(models.TextChoices):
        GENERAL = "general", "عمومی"
        SPECIFIC = "specific", "اختصاصی"
        DEVELOPMENT = "development", "توسعه‌ای"

    class Direction(models.TextChoices):
        INCREASING = "increasing", "افزایش مطلوب است"
        DECREASING = "decreasing", "کاهش مطلوب است"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="indices")
    code = models.CharField("کد", max_length=30)
    title = models.CharField("عنوان", max_length=300)
    kind = models.CharField("نوع", max_length=20, choices=Kind.choices)
    axis = models.CharField("محور", max_length=200, blank=True)
    max_score = models.DecimalField("حداکثر امتیاز", max_digits=7, decimal_places=2)
    weight = models.DecimalField("وزن", max_digits=5, decimal_places=2, default=1)
    direction = models.CharField(
        "جهت مطلوب", max_length=20, choices=Direction.choices, default=Direction.INCREASING
    )
    standard = models.DecimalField("استاندارد (هدف)", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("واحد سنجش", max_length=60, blank=True)
    evidence_required = models.BooleanField("مستندات لازم است", default=True)
    # The desk's own data that feeds the index (a provider name of apps.core.providers), if any.
    source = models.CharField("منبع داده", max_length=80, blank=True)
    # Empty: the index applies to every agency.
    agencies = models.ManyToManyField(Organization, blank=True, related_name="+", verbose_name="دستگاه‌ها")
    province_cut_approved = models.BooleanField("برش استانی تأیید شده", default=False)

    class Meta:
        ordering = ["cycle", "kind", "code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="evaluation_index_code_unique")]
        verbose_name = "شاخص"
        verbose_name_plural = "شاخص‌ها"

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class Body(models.Model):
    """The festival HQ (ستاد جشنواره) or the provincial steering committee (کمیته راهبری)."""

    class Kind(models.TextChoices):
        FESTIVAL_HQ = "festival_hq", "ستاد جشنواره شهید رجایی"
        STEERING = "steering", "کمیته راهبری ارزیابی عملکرد استان"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField("نهاد", max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "kind"], name="evaluation_body_unique")]

    def __str__(self) -> str:
        return self.get_kind_display()


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField("نام و نام خانوادگی", max_length=200)
    position = models.CharField("سمت اداری", max_length=200)
    role_in_body = models.CharField("سمت در نهاد", max_length=100)
    letter = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name


class OrientationSession(models.Model):
    """A briefing (آموزش توجیهی) for agencies' managers and experts."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField("عنوان", max_length=200)
    held_on = models.DateField("تاریخ برگزاری")
    place = models.CharField("محل", max_length=200)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(OrientationSession, on_delete=models.CASCADE, related_name="attendance")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    attendee = models.CharField("نام شرکت‌کننده", max_length=200)
    position = models.CharField("سمت", max_length=200)
    present = models.BooleanField("حاضر", default=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["organization__code", "id"]

    def __str__(self) -> str:
        return self.attendee


class Evaluation(models.Model):
    """One agency's evaluation in one cycle; its case carries the steps."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="evaluation")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="evaluations")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    # Agencies whose national headquarters run their own system are scored there (imported).
    hq_system = models.BooleanField("سامانه ارزیابی ستاد", default=False)
    reopened_until = models.DateField("مهلت بازگشایی خودارزیابی", null=True, blank=True)
    initial_percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    final_percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    level = models.CharField("سطح", max_length=60, blank=True)
    group_rank = models.PositiveIntegerField("رتبه در گروه", null=True, blank=True)
    # The evaluator team (تیم ارزیاب, seed row 13) the Organization assigns to this agency in this cycle: an
    # evaluator reaches only the agencies they are assigned to.
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="evaluations_assigned", verbose_name="تیم ارزیاب"
    )

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["cycle", "organization__code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organization"], name="evaluation_one_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.organization_id}"


class IndexScore(models.Model):
    """One index of one agency's evaluation: the claim, each reviewer's score, and the re-score."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    index = models.ForeignKey(Index, on_delete=models.PROTECT, related_name="+")
    actual = models.DecimalField("عملکرد واقعی", max_digits=12, decimal_places=2, null=True, blank=True)
    self_score = models.DecimalField("امتیاز خودارزیابی", max_digits=7, decimal_places=2, null=True)
    description = models.TextField("توضیح دستگاه", blank=True)
    hq_score = models.DecimalField("امتیاز ستاد", max_digits=7, decimal_places=2, null=True)
    evaluator_score = models.DecimalField("امتیاز تیم ارزیاب", max_digits=7, decimal_places=2, null=True)
    evaluator_comment = models.TextField("نظر ارزیاب", blank=True)
    rescore = models.DecimalField("امتیاز بازبینی", max_digits=7, decimal_places=2, null=True)
    evidence = models.ManyToManyField("EvidenceFile", blank=True, related_name="scores")

    objects = ScopedManager()
    scope_org_field = "evaluation__organization"

    class Meta:
        ordering = ["index__kind", "index__code"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "index"], name="evaluation_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}:{self.index_id}"

    @property
    def effective(self):
        """The score that counts: the re-score, else the evaluator's, else the headquarters'."""
        for value in (self.rescore, self.evaluator_score, self.hq_score):
            if value is not None:
                return value
        return None


class ScoreEntry(models.Model):
    """Every score ever given to an index of an agency, in order: nothing is overwritten."""

    class Stage(models.TextChoices):
        SELF = "self", "خودارزیابی"
        HQ = "hq", "ستاد دستگاه"
        EVALUATOR = "evaluator", "تیم ارزیاب"
        RESCORE = "rescore", "بازبینی پس از اعتراض"

    score = models.ForeignKey(IndexScore, on_delete=models.CASCADE, related_name="history")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    value = models.DecimalField(max_digits=7, decimal_places=2)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "score__evaluation__organization"

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.stage}:{self.value}"


def evidence_path(instance, filename: str) -> str:
    return f"evaluation/evidence/{instance.organization_id}/{instance.sha256[:2]}/{filename}"


class EvidenceFile(models.Model):
    """A file of an agency's evidence vault: versions of one title, each with its checksum, reusable yearly."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("عنوان", max_length=200)
    version = models.PositiveIntegerField("نسخه", default=1)
    file = models.FileField("فایل", upload_to=evidence_path)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "title", "version"], name="evidence_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @staticmethod
    def digest(uploaded) -> str:
        sha = hashlib.sha256()
        for chunk in uploaded.chunks():
            sha.update(chunk)
        uploaded.seek(0)
        return sha.hexdigest()


class Objection(models.Model):
    """An agency's objection (اعتراض) to one index's initial score, and the reviewer's answer."""

    score = models.ForeignKey(IndexScore, on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField("دلیل اعتراض")
    evidence = models.ForeignKey(
        EvidenceFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("پاسخ بازبین", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "score__evaluation__organization"

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["score"], condition=Q(answered_at__isnull=True), name="evaluation_one_open_objection"
            )
        ]

    def __str__(self) -> str:
        return f"objection {self.pk}"


class Nomination(models.Model):
    """An agency's top work team (تیم ویژه کاری برتر) put forward for the Shahid Rajaei festival."""

    class Status(models.TextChoices):
        NOMINATED = "nominated", "معرفی شده"
        SELECTED = "selected", "برگزیده ستاد جشنواره"
        HONOURED = "honoured", "تقدیر شده در جشنواره"
        NOT_SELECTED = "not_selected", "برگزیده نشد"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="nominations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    team_name = models.CharField("نام تیم", max_length=200)
    achievement = models.TextField("دستاورد")
    members = models.TextField("اعضا")
    # The nomination's own case in its process (`evaluation.nomination`); `status` follows it, written by the
    # workflow core alone.
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, editable=False, related_name="festival_nomination"
    )
    status = models.CharField(
        "وضعیت", max_length=20, choices=Status.choices, default=Status.NOMINATED, editable=False
    )
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["cycle", "organization__code", "id"]

    def __str__(self) -> str:
        return self.team_name
