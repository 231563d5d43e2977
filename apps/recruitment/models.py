"""Recruitment rounds, the quota ledger per job-location, venues, supervisors, results and hire files."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.accounts.models import Organization
from apps.accounts.scoping import ScopedManager
from apps.core.jalali import today
from apps.core.national_id import validate_national_id
from apps.workflow.models import Case, CaseAttachment

from .rules import DISABLED_SHARE_PERCENT, VETERANS_SHARE_PERCENT, reserved_share


class Round(models.Model):
    """One recruitment round (دوره جذب) of the national joint exam, for the whole province."""

    class Stage(models.TextChoices):
        QUOTAS = "quotas", "ابلاغ سهمیه‌ها"
        ANNOUNCED = "announced", "اعلام زمان و حوزه‌های آزمون"
        REPORTED = "reported", "ارسال گزارش آزمون"
        RESULTS = "results", "اعلام نتایج و پذیرفته‌شدگان اولیه"
        INTERVIEWS = "interviews", "مصاحبه"
        REGISTRATION = "registration", "ثبت اطلاعات پذیرفته‌شدگان نهایی"
        CLOSED = "closed", "بسته شده"

    code = models.CharField("کد دوره", max_length=20)
    title = models.CharField("عنوان", max_length=200)
    # The round's own case in its process (`recruitment.round`, steps 1–7); `stage` follows it, written by
    # the workflow core alone, and the case keeps the stage's due date.
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, editable=False, related_name="recruitment_round"
    )
    stage = models.CharField(
        "مرحله", max_length=20, choices=Stage.choices, default=Stage.QUOTAS, editable=False
    )
    exam_date = models.DateField("تاریخ آزمون", null=True, blank=True)
    supervisors_requested = models.PositiveIntegerField("تعداد ناظر درخواستی", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # The province whose Organization defines it: the province scope of the permission model reads it.
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.PROTECT, null=True, related_name="+", verbose_name="استان"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        # A round's code names it within its province.
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="recruitment_round_code_unique")
        ]
        verbose_name = "دوره جذب"
        verbose_name_plural = "دوره‌های جذب"

    def __str__(self) -> str:
        return self.title

    @property
    def stage_index(self) -> int:
        return list(self.Stage.values).index(self.stage)

    def reached(self, stage: str) -> bool:
        return self.stage_index >= list(self.Stage.values).index(stage)

    @property
    def stage_due(self):
        """The current stage's due date: its step's allowance in working days, set by the workflow core."""
        return self.case.due_date if self.case_id else None

    @property
    def is_overdue(self) -> bool:
        return bool(self.stage_due and self.stage != self.Stage.CLOSED and self.stage_due < today())


class RoundDocument(models.Model):
    """A document the round asks of every hire file beyond the degree and the national card, set when
    the round is defined (a certificate of no criminal record, a military service card, …)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="extra_documents", verbose_name="دوره"
    )
    title = models.CharField("عنوان مدرک", max_length=200)

    class Meta:
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="recruitment_round_document_unique")
        ]
        verbose_name = "مدرک لازم دوره"
        verbose_name_plural = "مدارک لازم دوره"

    def __str__(self) -> str:
        return self.title


class JobQuota(models.Model):
    """One line of the quota ledger: a job-location (شغل محل: agency × job title × city) and its posts.

    `posts` is the national allocation, `allocated` what the Deputy opened for registration (step 7),
    `registered` and `approved` are consumed live by the hire files in the same transaction.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="quotas", verbose_name="دوره")
    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="job_quotas", verbose_name="دستگاه"
    )
    job_code = models.CharField("کد شغل محل", max_length=20)
    job_title = models.CharField("عنوان شغل", max_length=200)
    city = models.CharField("شهر", max_length=100)
    posts = models.PositiveIntegerField("سهمیه ابلاغی")
    natives_only = models.BooleanField("ویژه بومیان", default=False)
    allocated = models.PositiveIntegerField("سهمیه تخصیص‌یافته برای ثبت", default=0)
    registered = models.PositiveIntegerField("ثبت‌شده", default=0)
    approved = models.PositiveIntegerField("تأیید نهایی", default=0)

    objects = ScopedManager()
    # The owning agency; who else reads its rows is the permission table's (permissions.py).
    scope_org_field = "agency"

    class Meta:
        ordering = ["agency__code", "job_code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "job_code"], name="recruitment_job_code_unique"),
            models.CheckConstraint(
                condition=Q(allocated__lte=models.F("posts")), name="recruitment_alloc_le_posts"
            ),
            models.CheckConstraint(
                condition=Q(registered__lte=models.F("allocated")), name="recruitment_reg_le_alloc"
            ),
        ]
        verbose_name = "شغل محل"
        verbose_name_plural = "دفتر سهمیه"

    def __str__(self) -> str:
        return f"{self.job_title} — {self.city}"

    @property
    def veterans_share(self) -> int:
        return reserved_share(self.posts, VETERANS_SHARE_PERCENT)

    @property
    def disabled_share(self) -> int:
        return reserved_share(self.posts, DISABLED_SHARE_PERCENT)

    @property
    def free_posts(self) -> int:
        """Seats of the job-location open to anyone: the reserved shares stay for their groups."""
        return self.posts - self.veterans_share - self.disabled_share

    @property
    def remaining(self) -> int:
        return self.allocated - self.registered


class QuotaType(models.TextChoices):
    FREE = "free", "آزاد"
    VETERAN = "veteran", "ایثارگران (ماده ۲۱)"
    DISABLED = "disabled", "افراد دارای معلولیت"


class Venue(models.Model):
    """An exam venue (حوزه برگزاری) of a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="venues", verbose_name="دوره")
    name = models.CharField("نام حوزه", max_length=200)
    address = models.CharField("نشانی", max_length=400)
    capacity = models.PositiveIntegerField("ظرفیت")

    class Meta:
        ordering = ["round", "id"]
        verbose_name = "حوزه آزمون"
        verbose_name_plural = "حوزه‌های آزمون"

    def __str__(self) -> str:
        return self.name


class Supervisor(models.Model):
    """A person on the supervisors' roster (از کارکنان یا فهرست ناظران); a desk account is optional."""

    full_name = models.CharField("نام و نام خانوادگی", max_length=200)
    national_id = models.CharField("کد ملی", max_length=10, unique=True, validators=[validate_national_id])
    mobile = models.CharField("شماره همراه", max_length=11, blank=True)
    photo = models.FileField("عکس", upload_to="recruitment/supervisors/")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recruitment_supervisor",
        verbose_name="حساب کاربری",
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = "ناظر"
        verbose_name_plural = "فهرست ناظران"

    def __str__(self) -> str:
        return self.full_name


class Nomination(models.Model):
    """A supervisor nominated for a venue, and the card issued for it."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="nominations", verbose_name="حوزه"
    )
    supervisor = models.ForeignKey(
        Supervisor, on_delete=models.PROTECT, related_name="nominations", verbose_name="ناظر"
    )
    card_number = models.CharField("شماره کارت", max_length=20, unique=True)
    valid_until = models.DateField("اعتبار تا")
    card = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["venue", "id"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "supervisor"], name="recruitment_nomination_unique")
        ]
        verbose_name = "ناظر حوزه"
        verbose_name_plural = "ناظران حوزه‌ها"

    def __str__(self) -> str:
        return f"{self.supervisor} — {self.venue}"


class ExamReport(models.Model):
    """A venue's exam report filed by its supervisor (attendance, incidents, forms)."""

    venue = models.OneToOneField(Venue, on_delete=models.CASCADE, related_name="report", verbose_name="حوزه")
    present = models.PositiveIntegerField("حاضران")
    absent = models.PositiveIntegerField("غایبان")
    incidents = models.TextField("رویدادها و تخلفات", blank=True)
    forms_file = models.FileField("فرم‌ها و پیوست", upload_to="recruitment/reports/", blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("ارسال به سازمان اداری و استخدامی", null=True, blank=True)

    class Meta:
        verbose_name = "گزارش آزمون"
        verbose_name_plural = "گزارش‌های آزمون"

    def __str__(self) -> str:
        return str(self.venue)


class InterviewPanel(models.Model):
    """An interview panel (هیئت مصاحبه) with its time, place and the supervisor who attends it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panels", verbose_name="دوره")
    title = models.CharField("عنوان هیئت", max_length=200)
    date = models.DateField("تاریخ مصاحبه")
    place = models.CharField("محل", max_length=300)
    supervisor = models.ForeignKey(
        Supervisor, on_delete=models.PROTECT, related_name="panels", verbose_name="ناظر"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "هیئت مصاحبه"
        verbose_name_plural = "هیئت‌های مصاحبه"

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    """A person on the national org's initially accepted list, for one job-location."""

    class Status(models.TextChoices):
        INITIAL = "initial", "پذیرفته‌شده اولیه"
        FINAL = "final", "پذیرفته‌شده نهایی"
        NOT_ACCEPTED = "not_accepted", "پذیرفته نشد"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="candidates")
    job = models.ForeignKey(
        JobQuota, on_delete=models.PROTECT, related_name="candidates", verbose_name="شغل محل"
    )
    national_id = models.CharField("کد ملی", max_length=10)
    first_name = models.CharField("نام", max_length=100)
    last_name = models.CharField("نام خانوادگی", max_length=100)
    exam_score = models.DecimalField("نمره آزمون", max_digits=6, decimal_places=2)
    quota_type = models.CharField("سهمیه", max_length=10, choices=QuotaType.choices, default=QuotaType.FREE)
    # The interview's outcome (process `recruitment.candidate`, a step of the round): written by the workflow
    # core alone, without a case per candidate.
    status = models.CharField(
        "وضعیت", max_length=20, choices=Status.choices, default=Status.INITIAL, editable=False
    )
    panel = models.ForeignKey(
        InterviewPanel, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates"
    )
    interview_score = models.PositiveSmallIntegerField("نمره مصاحبه", null=True, blank=True)
    interview_minutes = models.TextField("صورت‌جلسه مصاحبه", blank=True)

    objects = ScopedManager()
    # The owning agency; who else reads its rows is the permission table's (permissions.py).
    scope_org_field = "job__agency"

    class Meta:
        ordering = ["job__job_code", "-exam_score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "national_id"], name="recruitment_candidate_unique")
        ]
        # The round's list in the index's order: 50 rows without sorting the round's 20,000 candidates.
        indexes = [
            models.Index(fields=["round", "job", "-exam_score", "id"], name="recruitment_candidate_list")
        ]
        verbose_name = "پذیرفته‌شده"
        verbose_name_plural = "پذیرفته‌شدگان"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Hire(models.Model):
    """The file (پرونده) of one final accepted person registered by an agency; it moves as a case."""

    class Education(models.TextChoices):
        DIPLOMA = "diploma", "دیپلم"
        ASSOCIATE = "associate", "کاردانی"
        BACHELOR = "bachelor", "کارشناسی"
        MASTER = "master", "کارشناسی ارشد"
        DOCTORATE = "doctorate", "دکتری"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="hire")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="hires", verbose_name="دوره")
    agency = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="دستگاه"
    )
    job = models.ForeignKey(JobQuota, on_delete=models.PROTECT, related_name="hires", verbose_name="شغل محل")
    national_id = models.CharField("کد ملی", max_length=10, validators=[validate_national_id])
    first_name = models.CharField("نام", max_length=100)
    last_name = models.CharField("نام خانوادگی", max_length=100)
    father_name = models.CharField("نام پدر", max_length=100)
    birth_date = models.DateField("تاریخ تولد")
    mobile = models.CharField("شماره همراه", max_length=11)
    education = models.CharField("مدرک تحصیلی", max_length=20, choices=Education.choices)
    field_of_study = models.CharField("رشته تحصیلی", max_length=200)
    quota_type = models.CharField("سهمیه", max_length=10, choices=QuotaType.choices, default=QuotaType.FREE)
    is_native = models.BooleanField("بومی", default=False)
    employee_number = models.CharField("شماره مستخدم", max_length=20, blank=True)

    objects = ScopedManager()
    # The owning agency; who else reads its rows is the permission table's (permissions.py).
    scope_org_field = "agency"

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "national_id"], name="recruitment_hire_once_per_round"),
            models.UniqueConstraint(
                fields=["employee_number"],
                condition=~Q(employee_number=""),
                name="recruitment_employee_number_unique",
            ),
        ]
        verbose_name = "پرونده استخدام"
        verbose_name_plural = "پرونده‌های استخدام"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def return_reason(self) -> str:
        """The reason of the latest return, shown to the agency under the file (seed 001)."""
        entry = self.case.audit.filter(to_state="returned").order_by("-id").first()
        return entry.reason if entry else ""


class HireDocument(models.Model):
    """One required document of a hire file: which requirement it answers, and the checked upload.

    The file itself is the case's attachment (checked, hashed and audited by the workflow core); a newer
    upload for the same requirement takes its place here while the older one stays on the case.
    """

    hire = models.ForeignKey(Hire, on_delete=models.CASCADE, related_name="documents", verbose_name="پرونده")
    # "degree", "national_card", or "round-<RoundDocument id>" (see selectors.hire_requirements).
    requirement = models.CharField("مدرک لازم", max_length=40)
    attachment = models.OneToOneField(
        CaseAttachment, on_delete=models.PROTECT, related_name="+", verbose_name="پیوست"
    )

    class Meta:
        ordering = ["hire", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hire", "requirement"], name="recruitment_hire_document_unique")
        ]
        verbose_name = "مدرک پرونده استخدام"
        verbose_name_plural = "مدارک پرونده‌های استخدام"

    def __str__(self) -> str:
        return f"{self.hire} — {self.requirement}"
