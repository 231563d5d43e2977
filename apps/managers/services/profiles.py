"""The managers' database: Form 2 profiles, the national pool and the employment record."""

from django.db import transaction

from apps.accounts.models import User
from apps.core.checks import as_typed, check_fields
from apps.core.errors import InvalidError, NotFoundError
from apps.core.forms import MobileField, NationalIdField

from ..models import JobRecord, ManagerProfile
from .common import audit, require

PROFILE_FIELDS = tuple(
    f.name
    for f in ManagerProfile._meta.fields
    if f.name not in ("id", "organization", "published_to_pool", "created_at", "updated_at")
)
# What another agency may copy from the national pool: nothing personal (no ID, address, mobile).
POOL_FIELDS = (
    "full_name",
    "highest_degree",
    "bachelor_field",
    "education",
    "master_in_management",
    "courses",
    "research",
    "languages_computer",
    "related_experience_months",
    "management_experience_months",
)


# The managers' database.


@transaction.atomic
def profile_save(*, actor: User, data: dict, profile: ManagerProfile | None = None) -> ManagerProfile:
    """Creates or updates a Form 2 profile in the actor's agency database."""
    require(actor, "managers.profile", "edit" if profile else "create", profile)
    created = profile is None
    profile = profile or ManagerProfile(organization=actor.organization)
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.national_id = as_typed(
        NationalIdField(required=False), profile.national_id, "شماره شناسنامه / کد ملی"
    )
    profile.mobile = as_typed(MobileField(required=False), profile.mobile, "شماره همراه")
    check_fields(profile, exclude=("organization",))
    national_id = profile.national_id
    duplicate = ManagerProfile.objects.filter(
        organization_id=profile.organization_id, national_id=national_id
    )
    if national_id and duplicate.exclude(pk=profile.pk).exists():
        raise InvalidError("فردی با این کد ملی در بانک اطلاعات دستگاه هست.")
    profile.save()
    audit(
        "profile.created" if created else "profile.updated", actor, profile, {"full_name": profile.full_name}
    )
    return profile


@transaction.atomic
def profile_publish(*, actor: User, profile: ManagerProfile, published: bool) -> ManagerProfile:
    """Puts a profile in (or takes it out of) the national pool that every agency reads, without personal data."""
    require(actor, "managers.profile", "act", profile)
    profile.published_to_pool = published
    profile.save(update_fields=["published_to_pool", "updated_at"])
    audit("profile.published" if published else "profile.withdrawn", actor, profile, {"published": published})
    return profile


@transaction.atomic
def profile_adopt(*, actor: User, pooled: ManagerProfile) -> ManagerProfile:
    """Copies a national-pool profile's public part into the actor's own database; personal data is asked anew."""
    require(actor, "managers.pool", "act", pooled)
    require(actor, "managers.profile", "create")
    if not pooled.published_to_pool or pooled.organization_id == actor.organization_id:
        raise NotFoundError("این پرونده در بانک ملی دستگاه‌های دیگر نیست.")
    profile = ManagerProfile(organization=actor.organization, father_name="—")
    for name in POOL_FIELDS:
        setattr(profile, name, getattr(pooled, name))
    profile.save()
    audit("profile.adopted", actor, profile, {"from_pool": pooled.pk})
    return profile


@transaction.atomic
def job_record_add(*, actor: User, profile: ManagerProfile, data: dict) -> JobRecord:
    """Adds one row of Form 2's employment and managerial record."""
    require(actor, "managers.profile", "edit", profile)
    record = JobRecord.objects.create(profile=profile, **data)
    audit("profile.job_added", actor, profile, {"title": record.title, "months": record.months})
    return record
