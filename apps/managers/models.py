"""Service C's data: the managers' database (Form 2), posts, nominations (Forms 1, 3, 4), sessions, decrees."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from apps.accounts.models import Organization
from apps.accounts.scoping import ScopedManager
from apps.core.national_id import validate_national_id
from apps.workflow.models import Case

from .rules import GENERAL_CRITERIA


class Level(models.TextChoices):
    MIDDLE = "middle", "میانی"
    BASE = "base", "پایه"


class Source(models.TextChoices):
    AGENCY = "agency", "بانک اطلاعات مدیران دستگاه"
    NATIONAL = "national", "بانک اطلاعات ملی"
    JUDGEMENT = "judgement", "نظر مقام مربوط"


class ManagerProfile(models.Model):
    """One person of an agency's managers' database: Form 2, current managers and candidates alike."""

    class Marital(models.TextChoices):
        SINGLE = "single", "مجرد"
        MARRIED = "married", "متأهل"

    class Military(models.TextChoices):
        COMPLETED = "completed", "پایان خدمت"
        EXEMPT = "exempt", "کارت معافیت"
        LIABLE = "liable", "مشمول"
        NOT_APPLICABLE = "not_applicable", "موضوع ندارد"

    class Veteran(models.TextChoices):
        NONE = "none", "ندارد"
        COMBATANT = "combatant", "رزمنده"
        FREED_POW = "freed_pow", "آزاده"
        DISABLED = "disabled", "جانباز"
        MARTYR_FAMILY = "martyr_family", "خانواده شهید"
        BASIJ = "basij", "بسیجی فعال"

    class Employment(models.TextChoices):
        PERMANENT = "permanent", "رسمی"
        CONTRACTUAL = "contractual", "پیمانی"
        OTHER = "other", "سایر عناوین"

    class Degree(models.TextChoices):
        BACHELOR = "bachelor", "کارشناسی"
        MASTER = "master", "کارشناسی ارشد"
        DOCTORATE = "doctorate", "دکتری"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="manager_profiles", verbose_name="دستگاه"
    )
    full_name = models.CharField("نام و نام خانوادگی", max_length=200)
    father_name = models.CharField("نام پدر", max_length=100)
    national_id = models.CharField(
        "شماره شناسنامه / کد ملی", max_length=10, validators=[validate_national_id], blank=True
    )
    birth_place = models.CharField("محل تولد", max_length=100, blank=True)
    marital_status = models.CharField("وضعیت تأهل", max_length=10, choices=Marital.choices, blank=True)
    children = models.PositiveSmallIntegerField("تعداد فرزندان", default=0)
    military_status = models.CharField(
        "وضعیت نظام وظیفه", max_length=20, choices=Military.choices, blank=True
    )
    veteran_status = models.CharField(
        "وضعیت ایثارگری", max_length=20, choices=Veteran.choices, default=Veteran.NONE
    )
    veteran_detail = models.CharField("مدت / درصد / نسبت", max_length=100, blank=True)
    address = models.CharField("نشانی محل سکونت", max_length=300, blank=True)
    phone = models.CharField("تلفن", max_length=20, blank=True)
    mobile = models.CharField("شماره همراه", max_length=11, blank=True)
    employment_type = models.CharField("نوع استخدام", max_length=20, choices=Employment.choices, blank=True)
    current_agency = models.CharField("دستگاه محل خدمت فعلی", max_length=200, blank=True)
    current_unit = models.CharField("واحد سازمانی فعلی", max_length=200, blank=True)
    current_location = models.CharField("محل جغرافیایی خدمت فعلی", max_length=200, blank=True)
    highest_degree = models.CharField("آخرین مدرک", max_length=20, choices=Degree.choices)
    bachelor_field = models.CharField("رشته کارشناسی", max_length=200)
    education = models.TextField("سوابق تحصیلی (مقطع، رشته و مؤسسه)", blank=True)
    master_in_management = models.BooleanField("کارشناسی ارشد در یکی از رشته‌های مدیریت", default=False)
    courses = models.TextField("دوره‌های آموزشی (عنوان و مدت)", blank=True)
    research = models.TextField("تحقیق، تألیف، ترجمه و …", blank=True)
    languages_computer = models.TextField("آشنایی با زبان خارجی و کار با رایانه", blank=True)
    commendations = models.TextField("تشویق‌ها (با ذکر مقام تشویق‌کننده)", blank=True)
    self_actions = models.TextField("مهم‌ترین اقدامات در پست‌های قبلی", blank=True)
    self_plans = models.TextField("برنامه‌ها برای پیشبرد کار در پست مدیریتی جدید", blank=True)
    related_experience_months = models.PositiveIntegerField("سابقه کارشناسی مرتبط (ماه)", default=0)
    management_experience_months = models.PositiveIntegerField("سابقه مدیریتی مرتبط (ماه)", default=0)
    general_exam_points = models.DecimalField(
        "امتیاز آزمون معیارهای عمومی مدیریتی", max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_current_manager = models.BooleanField("مدیر فعلی", default=False)
    published_to_pool = models.BooleanField("در بانک ملی منتشر شده", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["full_name", "id"]
        # The database list pages in name order: the Organization's over every agency, an agency's over its own.
        indexes = [
            models.Index(fields=["full_name", "id"], name="managers_profile_name"),
            models.Index(fields=["organization", "full_name", "id"], name="managers_profile_org_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "national_id"],
                condition=~models.Q(national_id=""),
                name="managers_profile_national_id_unique",
            )
        ]
        verbose_name = "پرونده مدیر / داوطلب"
        verbose_name_plural = "بانک اطلاعات مدیران"

    def __str__(self) -> str:
        return self.full_name


class JobRecord(models.Model):
    """Form 2, item 14a: one expert or managerial post the person held."""

    class Region(models.TextChoices):
        NORMAL = "normal", "عادی"
        DEPRIVED = "deprived", "محروم"

    profile = models.ForeignKey(ManagerProfile, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField("عنوان شغل یا سمت", max_length=200)
    agency_name = models.CharField("نام دستگاه", max_length=200)
    unit = models.CharField("واحد سازمانی", max_length=200, blank=True)
    started_on = models.DateField("تاریخ انتصاب")
    months = models.PositiveIntegerField("مدت تصدی (ماه)")
    region = models.CharField("محل خدمت", max_length=10, choices=Region.choices, default=Region.NORMAL)
    is_management = models.BooleanField("مدیریتی", default=False)

    objects = ScopedManager()
    scope_org_field = "profile__organization"

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """A managerial post within the directive's scope, with the competent superior the agency named for it."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="manager_posts", verbose_name="دستگاه"
    )
    title = models.CharField("عنوان پست", max_length=200)
    number = models.CharField("شماره پست", max_length=30)
    level = models.CharField("سطح پست", max_length=10, choices=Level.choices)
    unit = models.CharField("واحد سازمانی", max_length=200)
    location = models.CharField("محل جغرافیایی پست", max_length=200)
    job_field = models.CharField("رشته شغلی", max_length=200)
    superior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="مقام مافوق ذی‌صلاح (پیشنهاددهنده و صادرکننده حکم)",
    )

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="managers_post_number_unique")
        ]
        verbose_name = "پست مدیریتی"
        verbose_name_plural = "پست‌های مدیریتی"

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class AgencyRules(models.Model):
    """An agency's own settings under the directive: its body, Form 4's weights and desired scores."""

    class Body(models.TextChoices):
        COUNCIL = "council", "شورای تحول اداری"
        COMMISSION = "commission", "کمیسیون تحول اداری"
        COMMITTEE = "committee", "کمیته امور مدیران"

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="manager_rules")
    body = models.CharField("مرجع بررسی", max_length=20, choices=Body.choices, default=Body.COUNCIL)
    weight_general = models.DecimalField("ضریب معیارهای عمومی", max_digits=4, decimal_places=2)
    weight_specific = models.DecimalField("ضریب معیارهای اختصاصی", max_digits=4, decimal_places=2)
    weight_appraisal = models.DecimalField("ضریب میانگین ارزشیابی", max_digits=4, decimal_places=2)
    weight_performance = models.DecimalField("ضریب میانگین ارزیابی عملکرد", max_digits=4, decimal_places=2)
    desired_middle = models.DecimalField("امتیاز مطلوب سطح میانی", max_digits=5, decimal_places=2)
    desired_base = models.DecimalField("امتیاز مطلوب سطح پایه", max_digits=5, decimal_places=2)
    specific_criteria = models.JSONField("معیارهای اختصاصی", default=list, blank=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    def __str__(self) -> str:
        return str(self.organization)

    def desired_for(self, level: str) -> Decimal:
        return self.desired_middle if level == Level.MIDDLE else self.desired_base


class ExtraCondition(models.Model):
    """A condition the agency's council adds to the four of clause 3 (clause 3, note 3)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField("شرط", max_length=200)
    is_active = models.BooleanField("فعال", default=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CouncilSession(models.Model):
    """A session of the council, commission or managers' committee; its minutes' number and date."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    body = models.CharField("مرجع", max_length=20, choices=AgencyRules.Body.choices)
    number = models.CharField("شماره صورت‌جلسه", max_length=30)
    held_on = models.DateField("تاریخ جلسه")
    attendees = models.JSONField("حاضران", default=list)
    superior_invited = models.BooleanField("مقام مافوق به جلسه دعوت شد", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="managers_session_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class Nomination(models.Model):
    """Form 1: the superior's nomination for one post; its case carries it through the steps."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="nomination")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="nominations")
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposer_position = models.CharField("سمت پیشنهاددهنده", max_length=200)
    remarks = models.TextField("توضیحات", blank=True)
    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    selected = models.ForeignKey(
        "Candidate", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opinion = models.TextField("نظر شورا", blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.post} — {self.case.tracking_code}"


class Candidate(models.Model):
    """One nominee of Form 1 with HR's Form 3 check and the council's Form 4 scores."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="candidates")
    profile = models.ForeignKey(ManagerProfile, on_delete=models.PROTECT, related_name="candidacies")
    source = models.CharField("منبع معرفی", max_length=20, choices=Source.choices)
    priority = models.PositiveSmallIntegerField("اولویت")
    # Form 3, checked by HR (None: not checked yet).
    checked_at = models.DateTimeField(null=True, blank=True)
    bachelor_matches = models.BooleanField(null=True)
    last_degree_confirmed = models.BooleanField(null=True)
    management_course_confirmed = models.BooleanField(null=True)
    master_management_confirmed = models.BooleanField(null=True)
    related_experience_months = models.PositiveIntegerField(default=0)
    management_experience_months = models.PositiveIntegerField(default=0)
    appraisal_scores = models.JSONField(
        default=list, blank=True
    )  # [{"year", "score"}] of the last four years
    performance_scores = models.JSONField(default=list, blank=True)
    extra_results = models.JSONField(default=dict, blank=True)  # {condition id: true/false}
    training_courses = models.JSONField(default=list, blank=True)  # service B's management courses
    # Form 4, scored by the council.
    general_scores = models.JSONField(default=dict, blank=True)
    specific_scores = models.JSONField(default=list, blank=True)
    weighted = models.JSONField(default=dict, blank=True)
    final_score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "nomination__organization"

    class Meta:
        ordering = ["priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "profile"], name="managers_candidate_once"),
            models.UniqueConstraint(fields=["nomination", "priority"], name="managers_candidate_priority"),
        ]

    def __str__(self) -> str:
        return self.profile.full_name

    @property
    def general_total(self) -> Decimal | None:
        if len(self.general_scores) < len(GENERAL_CRITERIA):
            return None
        return sum((Decimal(str(v)) for v in self.general_scores.values()), Decimal("0"))


class Decree(models.Model):
    """The four-year appointment decree; only the appointment process's last step creates one, and its
    lifecycle (`managers.decree` in apps/managers/workflow.py) ends it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "معتبر"
        REPLACED = "replaced", "تغییر در شش ماه نخست"
        CHANGED = "changed", "تغییر پیش از پایان چهار سال"
        EXPIRED = "expired", "پایان اعتبار"

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="decree")
    profile = models.ForeignKey(ManagerProfile, on_delete=models.PROTECT, related_name="decrees")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="decrees")
    issued_on = models.DateField("تاریخ صدور")
    valid_until = models.DateField("اعتبار تا")
    minutes_number = models.CharField("شماره صورت‌جلسه شورا", max_length=30)
    minutes_date = models.DateField("تاریخ صورت‌جلسه شورا")
    final_score = models.DecimalField(max_digits=7, decimal_places=2)
    document = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The written notice to the council when the superior replaced the appointee within six months.
    notice_document = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The decree's own case in its lifecycle (`managers.decree`, opened by the appointment's last step);
    # `status` follows it, written by the workflow core alone.
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, editable=False, related_name="manager_decree"
    )
    status = models.CharField(
        "وضعیت", max_length=20, choices=Status.choices, default=Status.ACTIVE, editable=False
    )
    ended_on = models.DateField(null=True, blank=True)
    end_note = models.TextField("شرح تغییر", blank=True)
    # Set when the superior was told the decree entered the expiry window, so the reminder goes once.
    expiry_notified_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["valid_until", "id"]

    def __str__(self) -> str:
        return f"{self.profile} — {self.post}"

    @property
    def allowance_eligible(self) -> bool:
        """Clause 11: allowances follow a compliant decree, i.e. one the process issued and still active."""
        return self.status == self.Status.ACTIVE


class PerformanceEvaluation(models.Model):
    """Clause 10, note 1: the yearly performance evaluation of a manager in post."""

    decree = models.ForeignKey(Decree, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField("سال")
    score = models.DecimalField("امتیاز", max_digits=5, decimal_places=2)
    note = models.TextField("توضیح", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager()
    scope_org_field = "decree__organization"

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["decree", "year"], name="managers_evaluation_yearly")]

    def __str__(self) -> str:
        return f"{self.decree_id}:{self.year}"


class ChangeProposal(models.Model):
    """Clause 10: a change before four years — a proposal with evaluation results for the council."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="manager_change")
    decree = models.ForeignKey(Decree, on_delete=models.PROTECT, related_name="change_proposals")
    proposal = models.TextField("پیشنهاد مقام مسئول")
    evaluation_summary = models.TextField("نتایج ارزیابی عملکرد")

    objects = ScopedManager()
    scope_org_field = "organization"

    def __str__(self) -> str:
        return self.case.tracking_code


class Hearing(models.Model):
    """Clause 10, note 2: a complainant's request to be heard at the council's session."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    complainant = models.CharField("نام شاکی", max_length=200)
    subject = models.TextField("موضوع شکایت")
    in_presence = models.BooleanField("درخواست حضور در جلسه", default=True)
    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, null=True, blank=True, related_name="hearings"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "organization"

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return self.complainant
