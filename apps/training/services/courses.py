"""The training group's calendar: adding a course (the whole calendar also imports from .xlsx)."""

from django.db import transaction

from apps.accounts import permissions
from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.errors import ForbiddenError, InvalidError

from ..models import Course
from ..permissions import COURSE


@transaction.atomic
def course_create(*, actor: User, data: dict, ip: str | None = None) -> Course:
    """Row 1: a course of the annual calendar, public as soon as it is saved."""
    if not permissions.may(actor, COURSE, "manage"):
        raise ForbiddenError("تقویم آموزشی را گروه آموزش سازمان منتشر می‌کند.")
    # The calendar is the actor's province's.
    province_id = actor.organization.province_id if actor.organization_id else None
    if Course.objects.filter(province_id=province_id, year=data["year"], title=data["title"]).exists():
        raise InvalidError("این دوره در تقویم همین سال پیش‌تر ثبت شده است.")
    course = Course.objects.create(**data, province_id=province_id)
    audit_append(
        action="training.course.published",
        actor=actor,
        subject=course,
        changes={"year": course.year, "title": course.title, "hours": course.hours},
        ip=ip,
    )
    return course
