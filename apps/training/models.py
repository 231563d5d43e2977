"""Service B's data: the calendar's courses, registration requests with their learners, course sessions
with their meetings and absences, and the agencies' course evaluations and satisfaction surveys."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.accounts.models import Organization, copied_province
from apps.accounts.scoping import ScopedManager
from apps.core.jalali import MONTH_NAMES
from apps.documents.models import IssuedDocument
from apps.workflow.models import Case

from .rules import EXAM_TOTAL_MARK


class Category(models.TextChoices):
    """The categories of the national employee training system (SPEC, service B)."""

    INDUCTION = "induction", "توجیهی بدو خدمت"
    JOB_GENERAL = "job_general", "شغلی عمومی"
    JOB_SPECIALIZED = "job_specialized", "شغلی تخصصی"
    GENERAL = "general", "عمومی (فرهنگی، اجتماعی، توانمندی‌ها، فناوری اطلاعات)"
    MANAGEMENT = "management", "بهبود مدیریت"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "حضوری"
    VIRTUAL = "virtual", "مجازی"
    BLENDED = "blended", "ترکیبی"


class EmploymentType(models.TextChoices):
    OFFICIAL = "official", "رسمی"
    CONTRACTUAL = "contractual", "پیمانی"
    OTHER = "other", "قراردادی و سایر"


MONTH_CHOICES = [(n, name) for n, name in enumerate(MONTH_NAMES, start=1)]


class Course(models.Model):
    """One course of the annual training calendar (تقویم آموزشی سالانه); public."""

    year = models.PositiveSmallIntegerField("سال (شمسی)", db_index=True)
    title = models.CharField("عنوان دوره", max_length=200)
    category = models.CharField("گروه دوره", max_length=20, choices=Category.choices)
    syllabus = models.TextField("سرفصل مصوب")
    hours = models.PositiveSmallIntegerField("ساعت آموزشی", validators=[MinValueValidator(1)])
    tuition = models.PositiveBigIntegerField("شهریه هر نفر (ریال)")
    planned_month = models.PositiveSmallIntegerField("ماه برگزاری", choices=MONTH_CHOICES)
    mode = models.CharField("نحوه اجرا", max_length=10, choices=Mode.choices)
    venue = models.CharField("محل برگزاری", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField("ظرفیت", validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(auto_now_add=True)
    # The province whose Organization defines it: the province scope of the permission model reads it.
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="استان"
    )

    class Meta:
        ordering = ["year", "planned_month", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "title"], name="training_course_province_unique"
            )
        ]
        verbose_name = "دوره آموزشی"
        verbose_name_plural = "تقویم آموزشی"

    def __str__(self) -> str:
        return self.title


class CourseSession(models.Model):
    """One run of a course, planned once the quorum is reached; it may merge several agencies' requests."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "برنامه‌ریزی شده"
        ANNOUNCED = "announced", "اعلام شده / در حال اجرا"
        HELD = "held", "برگزار شده / آزمون"
        EXAMINED = "examined", "آزمون برگزار شده"
        CERTIFIED = "certified", "گواهی‌نامه‌ها صادر شده"
        CANCELLED = "cancelled", "لغو شده"

    # Not yet held: a request may still be merged into the session (top-up) or leave it (cancelled).
    OPEN_STATES = (State.SCHEDULED, State.ANNOUNCED)

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name="دوره")
    starts_on = models.DateField("تاریخ شروع")
    ends_on = models.DateField("تاریخ پایان")
    place = models.CharField("محل برگزاری", max_length=200)
    mode = models.CharField("نحوه اجرا", max_length=10, choices=Mode.choices)
    instructor = models.CharField("مدرس", max_length=200)
    # The session's own case in its process (`training.session`); `state` follows it, written by the
    # workflow core alone.
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, editable=False, related_name="course_session"
    )
    state = models.CharField(
        "وضعیت", max_length=10, choices=State.choices, default=State.SCHEDULED, editable=False
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Who certified and when: the background tasks issue every certificate in that person's name, and
    # the recovery sweep leaves a batch alone while it is still young enough to be in the queue.
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    certified_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    # An agency sees a session its own requests were merged into.
    scope_org_field = "requests__organization"

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "اجرای دوره"
        verbose_name_plural = "اجراهای دوره"

    def __str__(self) -> str:
        return f"{self.course.title} ({self.pk})"


class Meeting(models.Model):
    """One class meeting (جلسه) of a session, where attendance is taken."""

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField("جلسه")
    hours = models.DecimalField("ساعت", max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="training_meeting_unique")]

    def __str__(self) -> str:
        return f"جلسه {self.number}"


class TrainingRequest(models.Model):
    """An agency's registration request for one course: the case, the bank receipt and its learners."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="training_request")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="requests", verbose_name="دوره")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="training_requests", verbose_name="دستگاه"
    )
    # The requesting organization's province, copied when the request is filed (`training_request_province_idx`
    # instead of walking every province's newer requests down the primary key).
    province = copied_province()
    session = models.ForeignKey(
        CourseSession, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    receipt_number = models.CharField("شماره فیش بانکی", max_length=40)
    receipt_amount = models.PositiveBigIntegerField("مبلغ واریزی (ریال)")
    receipt_date = models.DateField("تاریخ واریز")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["-id"]
        indexes = [
            # A province's list, newest first (ORDER BY id DESC), and its capped count.
            models.Index(fields=["province", "-id"], name="training_request_province_idx"),
        ]
        verbose_name = "درخواست آموزش"
        verbose_name_plural = "درخواست‌های آموزش"

    def __str__(self) -> str:
        return f"{self.course.title} — {self.organization.name}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.province_id is None and self.organization_id:
            self.province_id = self.organization.province_id
        super().save(*args, **kwargs)

    @property
    def forms_complete(self) -> bool:
        return hasattr(self, "evaluation") and hasattr(self, "survey")


class Learner(models.Model):
    """One person on a request's learner form; their training record once the course is examined."""

    request = models.ForeignKey(TrainingRequest, on_delete=models.CASCADE, related_name="learners")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField("نام و نام خانوادگی", max_length=200)
    national_id = models.CharField("کد ملی", max_length=10, db_index=True)
    employment_type = models.CharField("نوع استخدام", max_length=12, choices=EmploymentType.choices)
    post = models.CharField("پست سازمانی", max_length=200)
    education = models.CharField("مدرک تحصیلی", max_length=100)
    mobile = models.CharField("شماره همراه", max_length=11)
    score = models.DecimalField(
        "نمره آزمون",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(EXAM_TOTAL_MARK)],
    )
    absent_hours = models.DecimalField("ساعات غیبت", max_digits=6, decimal_places=2, default=Decimal(0))
    passed = models.BooleanField("قبول", null=True)
    certificate = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="training_learner"
    )

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["request", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "national_id"], name="training_learner_once_per_request"
            )
        ]
        verbose_name = "فراگیر"
        verbose_name_plural = "فراگیران"

    def __str__(self) -> str:
        return self.full_name


class Absence(models.Model):
    """A learner missing one meeting; the hours missed add up against the allowed tenth."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="absences")
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="absences")

    objects = ScopedManager()
    scope_org_field = "learner__organization"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "learner"], name="training_absence_unique")]

    def __str__(self) -> str:
        return f"{self.learner_id}@{self.meeting_id}"


RATING_LOWEST, RATING_HIGHEST = 1, 5
RATING = [MinValueValidator(RATING_LOWEST), MaxValueValidator(RATING_HIGHEST)]


class CourseEvaluation(models.Model):
    """The course evaluation form (فرم ارزشیابی دوره) the agency fills after the course."""

    request = models.OneToOneField(TrainingRequest, on_delete=models.PROTECT, related_name="evaluation")
    syllabus = models.PositiveSmallIntegerField("تناسب سرفصل با نیاز شغلی", validators=RATING)
    instructor = models.PositiveSmallIntegerField("تسلط و بیان مدرس", validators=RATING)
    venue = models.PositiveSmallIntegerField("مکان و امکانات", validators=RATING)
    usefulness = models.PositiveSmallIntegerField("کاربرد در کار", validators=RATING)
    comment = models.TextField("پیشنهاد", blank=True)
    filled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filled_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "request__organization"

    def __str__(self) -> str:
        return f"ارزشیابی {self.request_id}"


class SatisfactionSurvey(models.Model):
    """The satisfaction survey (فرم نظرسنجی) on the service as a whole."""

    request = models.OneToOneField(TrainingRequest, on_delete=models.PROTECT, related_name="survey")
    satisfaction = models.PositiveSmallIntegerField("رضایت کلی از دوره", validators=RATING)
    timeliness = models.PositiveSmallIntegerField("به‌موقع بودن اطلاع‌رسانی و اجرا", validators=RATING)
    desk = models.PositiveSmallIntegerField("سهولت کار با میز خدمت", validators=RATING)
    comment = models.TextField("نظر", blank=True)
    filled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filled_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "request__organization"

    def __str__(self) -> str:
        return f"نظرسنجی {self.request_id}"
