"""Organizations, their units, the people who use the desk, and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from apps.core.national_id import validate_national_id

from .roles import ROLES_BY_KIND, OrgKind, Role


class Province(models.Model):
    """A province of the nation: its Organization, its agencies, its local holidays and its case numbers."""

    code = models.CharField("کد", max_length=20, unique=True)
    name = models.CharField("نام", max_length=100)
    # The first two digits of its cases' tracking codes, so a code names its province and two provinces'
    # codes never meet.
    tracking_prefix = models.CharField("پیشوند کد رهگیری", max_length=2, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "استان"
        verbose_name_plural = "استان‌ها"

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    kind = models.CharField("نوع", max_length=16, choices=OrgKind.choices, db_index=True)
    code = models.CharField("کد", max_length=20, unique=True)
    name = models.CharField("نام", max_length=200)
    category = models.CharField("گونه", max_length=40, blank=True)
    evaluation_group = models.CharField("گروه ارزیابی", max_length=100, blank=True)
    is_active = models.BooleanField("فعال", default=True)
    # Every organization but the national body belongs to one province; the province scope reads it.
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name="استان",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "سازمان / دستگاه"
        verbose_name_plural = "سازمان‌ها و دستگاه‌ها"

    def __str__(self) -> str:
        return self.name

    @property
    def is_agency(self) -> bool:
        return self.kind == OrgKind.AGENCY

    def clean(self):
        super().clean()
        if self.kind == OrgKind.NATIONAL and self.province_id:
            raise ValidationError({"province": "نهاد ملی به استانی تعلق ندارد."})
        if self.kind != OrgKind.NATIONAL and not self.province_id:
            raise ValidationError({"province": "استان این سازمان را انتخاب کنید."})


def copied_province() -> models.ForeignKey:
    """A row's own copy of its organization's province, set when the row is made: a province's list filters
    the row's table alone, newest first from an index on (province, -id) that the model declares; that
    index's first column is this field's index, so it has none of its own."""
    return models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        verbose_name="استان",
    )


def province_organization(province_id: int | None) -> "Organization | None":
    """The Management and Planning Organization of a province (None for none)."""
    if province_id is None:
        return None
    return Organization.objects.filter(kind=OrgKind.PROVINCE, province_id=province_id).order_by("id").first()


class OrgUnit(models.Model):
    """A group of the Deputy (توسعه مدیریت، آموزش و توانمندسازی، بودجه و تشکیلات)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    code = models.SlugField("کد", max_length=40)
    name = models.CharField("نام", max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="unit_code_unique")]
        verbose_name = "گروه"
        verbose_name_plural = "گروه‌ها"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """One named person in one organization, holding one or more roles."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="users", null=True, verbose_name="سازمان"
    )
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name="گروه"
    )
    national_id = models.CharField(
        "کد ملی", max_length=10, unique=True, null=True, validators=[validate_national_id]
    )
    mobile = models.CharField("شماره همراه", max_length=11, blank=True)
    roles = models.JSONField("نقش‌ها", default=list, blank=True)
    title = models.CharField("سمت", max_length=200, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = "کاربر"
        verbose_name_plural = "کاربران"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        unknown = set(self.roles) - set(Role.values)
        if unknown:
            raise ValidationError({"roles": f"نقش ناشناخته: {', '.join(sorted(unknown))}"})
        if self.organization_id:
            allowed = ROLES_BY_KIND[OrgKind(self.organization.kind)]
            misplaced = set(self.roles) - allowed
            if misplaced:
                raise ValidationError({"roles": "این نقش‌ها به این نوع سازمان تعلق ندارند."})

    def has_role(self, *roles: str) -> bool:
        return bool(set(self.roles) & set(roles))

    @property
    def org_kind(self) -> str | None:
        return self.organization.kind if self.organization_id else None

    @property
    def is_province_staff(self) -> bool:
        return self.org_kind == OrgKind.PROVINCE

    @property
    def is_agency_user(self) -> bool:
        return self.org_kind == OrgKind.AGENCY

    @property
    def is_national_user(self) -> bool:
        return self.org_kind == OrgKind.NATIONAL

    @property
    def role_labels(self) -> list[str]:
        from .roles import role_label

        return [role_label(r) for r in self.roles]


class ApiToken(models.Model):
    """A personal API token; only its hash is kept, the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("نام", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = "توکن API"
        verbose_name_plural = "توکن‌های API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "kh_" + secrets.token_urlsafe(32)


class SecurityEvent(models.Model):
    """A refusal of the permission model: who asked for what, by which route, and what they were told.

    Written once and never changed; an administrator reads them to find an account that keeps knocking on
    doors its role does not open.
    """

    user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="کاربر"
    )
    username = models.CharField("نام کاربری", max_length=150, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="سازمان",
    )
    method = models.CharField("روش", max_length=8)
    path = models.CharField("نشانی", max_length=500)
    kind = models.CharField("نوع داده", max_length=80, blank=True)
    action = models.CharField("کار", max_length=20, blank=True)
    object_ref = models.CharField("شناسه", max_length=200, blank=True)
    status = models.PositiveSmallIntegerField("پاسخ")
    ip = models.GenericIPAddressField("نشانی IP", null=True, blank=True)
    created_at = models.DateTimeField("زمان", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="security_event_user_idx")]
        verbose_name = "رخداد امنیتی"
        verbose_name_plural = "رخدادهای امنیتی"

    def __str__(self) -> str:
        return f"{self.username} {self.method} {self.path} → {self.status}"
