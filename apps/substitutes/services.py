"""Every write of substitutes: naming one for a range of days, and cancelling one early."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.permissions import may
from apps.audit.trail import audit_append
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError
from apps.core.jalali import format_date, today
from apps.notifications.services import notify_users

from .models import Substitution
from .selectors import NAMING, may_name_for

MAX_REASON_LENGTH = Substitution._meta.get_field("reason").max_length
# Longer absences are a change of post, not a substitution.
MAX_DAYS = 366


def _overlapping(qs, starts_on: dt.date, ends_on: dt.date):
    return qs.filter(cancelled_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on)


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def substitution_name(
    *,
    actor: User,
    absent: User,
    substitute: User,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str = "",
    ip: str | None = None,
) -> Substitution:
    """Names `substitute` to act for `absent` from `starts_on` to `ends_on` (both included)."""
    if not may_name_for(actor, absent):
        raise ForbiddenError("شما نمی‌توانید برای این شخص جانشین تعیین کنید.")
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise InvalidError(f"علت حداکثر {to_persian_digits(MAX_REASON_LENGTH)} نویسه است.")
    if substitute.pk == absent.pk:
        raise InvalidError("هیچ‌کس جانشین خودش نمی‌شود؛ همکار دیگری را برگزینید.")
    if not substitute.is_active or substitute.organization_id != absent.organization_id:
        raise InvalidError("جانشین باید کاربر فعال همان سازمان یا دستگاه باشد.")
    if ends_on < starts_on:
        raise InvalidError("تاریخ پایان نباید پیش از تاریخ آغاز باشد.")
    if starts_on < today():
        raise InvalidError("تاریخ آغاز نباید گذشته باشد.")
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise InvalidError(f"جانشینی حداکثر {to_persian_digits(MAX_DAYS)} روز است.")
    with transaction.atomic():
        # Both people's rows are locked so two namings at once cannot both pass the overlap checks.
        list(
            User.objects.select_for_update(no_key=True)
            .filter(pk__in=[absent.pk, substitute.pk])
            .order_by("pk")
        )
        clash = _overlapping(Substitution.objects.filter(absent=absent), starts_on, ends_on).first()
        if clash is not None:
            raise ConflictError(
                f"برای {_name(absent)} در این روزها جانشین دیگری ({_name(clash.substitute)}) تعیین شده است.",
            )
        # A substitute who is away on those days cannot stand in, and neither is work passed on twice.
        if _overlapping(Substitution.objects.filter(absent=substitute), starts_on, ends_on).exists():
            raise ConflictError(f"{_name(substitute)} خود در این روزها غایب است و جانشین دارد.")
        if _overlapping(Substitution.objects.filter(substitute=absent), starts_on, ends_on).exists():
            raise ConflictError(f"{_name(absent)} در این روزها جانشین شخص دیگری است؛ نخست آن را لغو کنید.")
        substitution = Substitution.objects.create(
            absent=absent,
            substitute=substitute,
            starts_on=starts_on,
            ends_on=ends_on,
            named_by=actor,
            reason=reason,
        )
        audit_append(
            action="substitutes.named",
            actor=actor,
            subject=substitution,
            changes={
                "absent": _name(absent),
                "substitute": _name(substitute),
                "starts_on": format_date(starts_on, persian_digits=False),
                "ends_on": format_date(ends_on, persian_digits=False),
                "reason": reason,
            },
            ip=ip,
        )
        span = f"از {format_date(starts_on)} تا {format_date(ends_on)}"
        notify_users(
            users=[substitute],
            subject=f"شما جانشین {_name(absent)} شدید ({span})",
            body="در این روزها کارتابل و پیام‌های او به شما می‌رسد و به جانشینی از او اقدام می‌کنید.",
        )
    return substitution


def substitution_cancel(*, actor: User, substitution: Substitution, ip: str | None = None) -> Substitution:
    """Ends a substitution before its last day (or before it starts); it ends by itself otherwise."""
    with transaction.atomic():
        locked = (
            Substitution.objects.select_for_update(no_key=True, of=("self",))
            .select_related("absent", "substitute")
            .get(pk=substitution.pk)
        )
        if not may(actor, NAMING, "act", locked):
            raise ForbiddenError("شما نمی‌توانید این جانشینی را لغو کنید.")
        if locked.cancelled_at is not None:
            raise ConflictError("این جانشینی پیش‌تر لغو شده است.")
        if locked.ends_on < today():
            raise ConflictError("این جانشینی پایان یافته است.")
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = actor
        locked.save(update_fields=["cancelled_at", "cancelled_by"])
        audit_append(
            action="substitutes.cancelled",
            actor=actor,
            subject=locked,
            changes={"absent": _name(locked.absent), "substitute": _name(locked.substitute)},
            ip=ip,
        )
        notify_users(
            users=[locked.substitute],
            subject=f"جانشینی شما برای {_name(locked.absent)} لغو شد",
            body="کارتابل و پیام‌های او دیگر به شما نمی‌رسد.",
        )
    return locked
