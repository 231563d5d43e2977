"""Cases, their steps and attachments, the append-only audit chain, reason templates, bulk jobs."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from apps.accounts.models import Organization, OrgUnit, copied_province
from apps.accounts.scoping import ScopedManager


def new_tracking_code() -> str:
    """Ten digits, the first never zero, easy to read out on the phone."""
    return str(secrets.randbelow(9 * 10**9) + 10**9)


# The prefix of the national body's own cases; provinces take 11 to 99.
NATIONAL_TRACKING_PREFIX = "10"


def tracking_code_new(owner: Organization) -> str:
    """Ten digits: the owner's province's two, then eight at random, so the code says where the case is
    and two provinces never hand out the same one. A code already taken is drawn again (the unique index
    still guards the race between two drawing the same at once)."""
    prefix = NATIONAL_TRACKING_PREFIX
    if owner.province_id:
        prefix = owner.province.tracking_prefix
    while True:
        code = f"{prefix}{secrets.randbelow(10**8):08d}"
        if not Case.objects.filter(tracking_code=code).exists():
            return code


class Case(ConcurrentTransitionMixin, models.Model):
    """A request (پرونده) of any service: one tracking code, one owner agency, one state."""

    tracking_code = models.CharField("کد رهگیری", max_length=10, unique=True, default=new_tracking_code)
    process = models.CharField("فرایند", max_length=60, db_index=True)
    title = models.CharField("عنوان", max_length=300)
    owner = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="cases", verbose_name="دستگاه"
    )
    # The owner's province, copied when the case is opened (None for the national body's own): read from
    # `case_province_idx` instead of walking every province's cases through the owner.
    province = copied_province()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ثبت‌کننده"
    )
    requester_mobile = models.CharField("شماره همراه متقاضی", max_length=11, blank=True)
    # Protected: only the workflow core moves a case, through `_move`.
    state = FSMField("وضعیت", max_length=40, protected=True, db_index=True)
    current_org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    current_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_date = models.DateField("مهلت", null=True, blank=True)
    step_started_at = models.DateTimeField(null=True, blank=True)
    last_actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_closed = models.BooleanField(default=False)
    created_at = models.DateTimeField("تاریخ ثبت", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # "process:state", kept by the database. The cartable asks for the steps a user acts on as a list of
    # these, which an index answers as ranges; OR-ed (process, state) pairs were a filter applied to every
    # open case of the organization.
    step_key = models.GeneratedField(
        expression=Concat("process", Value(":"), "state", output_field=models.CharField()),
        output_field=models.CharField(max_length=101),
        db_persist=True,
    )

    objects = ScopedManager()
    scope_org_field = "owner"

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["current_org", "is_closed", "due_date"], name="case_cartable_idx"),
            models.Index(fields=["owner", "-created_at"], name="case_owner_idx"),
            # A province's lists, newest first (ORDER BY id DESC) and their capped count.
            models.Index(fields=["province", "-id"], name="case_province_idx"),
            # The cartable's count reads only the open cases at the user's steps, from this index alone.
            models.Index(
                fields=["current_org", "step_key", "current_unit"],
                condition=models.Q(is_closed=False),
                name="case_open_step_key_idx",
            ),
        ]
        verbose_name = "پرونده"
        verbose_name_plural = "پرونده‌ها"

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.title}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.province_id is None and self.owner_id:
            self.province_id = self.owner.province_id
        super().save(*args, **kwargs)

    @staticmethod
    def scope_extra(user):
        # Whoever is asked to act on a case (the national body, say) sees it while it waits on them.
        return Q(current_org_id=user.organization_id)

    @transition(field=state, source="*", target=RETURN_VALUE())
    def _move(self, to: str) -> str:
        return to

    @staticmethod
    def step_key_of(process: str, state: str) -> str:
        """What `step_key` holds for a case of `process` in `state`."""
        return f"{process}:{state}"

    @property
    def process_def(self):
        from .process import get_process

        return get_process(self.process)

    @property
    def step(self):
        return self.process_def.step(self.state)

    @property
    def state_label(self) -> str:
        return self.step.label

    @property
    def is_overdue(self) -> bool:
        from apps.core.jalali import today

        return bool(self.due_date and not self.is_closed and self.due_date < today())


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("عنوان", max_length=200)
    file = models.FileField("فایل", upload_to="attachments/%Y/%m/")
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_org_field = "case__owner"

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = "پیوست"
        verbose_name_plural = "پیوست‌ها"

    def __str__(self) -> str:
        return self.title


class StepRecord(models.Model):
    """One stay of a case in one step: when it began, when it was due, when and how it ended."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    state = models.CharField(max_length=40)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, related_name="+")
    started_at = models.DateTimeField()
    due_date = models.DateField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40, blank=True)
    # Who the step was finished for, when `finished_by` acted as their substitute.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    on_time = models.BooleanField(null=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["finished_at", "due_date"], name="step_open_due_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.state}"


class ReasonTemplate(models.Model):
    """A canned reason for a return or rejection at one step, which the user can amend."""

    process = models.CharField("فرایند", max_length=60)
    state = models.CharField("مرحله", max_length=40)
    text = models.TextField("متن دلیل")
    order = models.PositiveSmallIntegerField("ترتیب", default=0)
    is_active = models.BooleanField("فعال", default=True)

    class Meta:
        ordering = ["process", "state", "order", "id"]
        verbose_name = "دلیل آماده"
        verbose_name_plural = "دلیل‌های آماده"

    def __str__(self) -> str:
        return self.text[:60]


class BulkJob(models.Model):
    """One bulk action over many cases, run in the background with progress the page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", "در صف"
        RUNNING = "running", "در حال اجرا"
        DONE = "done", "پایان یافته"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    case_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    succeeded = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_org_field = "user__organization"

    def __str__(self) -> str:
        return f"{self.action} × {self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
