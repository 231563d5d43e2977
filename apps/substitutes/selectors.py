"""Reads of substitutions: whom a person stands in for today, who stands in for whom, the lists."""

import datetime as dt

from django.db.models import Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import AGENCY, NATION, OWN, UNIT, get_or_refuse, scopes_for, visible
from apps.core import freshness
from apps.core.jalali import today

from .models import Substitution

SUBSTITUTION = "substitutes.substitution"
MODEL = "substitutes.Substitution"
NAMING = "substitutes.naming"


def _running(day: dt.date) -> Q:
    return Q(starts_on__lte=day, ends_on__gte=day, cancelled_at__isnull=True)


def active_absentees(user, on: dt.date | None = None) -> list[User]:
    """The people `user` stands in for on `on` (today by default): active, of the same organization.

    Asked by the permission model on every request that checks a case, and by the menu on every page, so
    today's answer is kept on the user object for the request, as `principals_of` keeps its own, and between
    requests until the next committed write to a shared table (`freshness.kept`: a substitution named, ended or cancelled, a
    person deactivated or moved, is one), and stops holding the day after.
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "pk", None) or not user.is_active:
        return []
    day = on or today()
    cached = getattr(user, "_desk_absentees", None)
    if on is None and cached is not None and cached[0] == day:
        return cached[1]
    found = freshness.kept(
        ("absentees", str(user.pk), str(user.organization_id), day.isoformat()),
        lambda: _absentees(user, day),
        shared=True,
    )
    if on is None:
        user._desk_absentees = (day, found)
    return found


def _absentees(user, day: dt.date) -> list[User]:
    return [
        s.absent
        for s in Substitution.objects.filter(_running(day), substitute_id=user.pk)
        .select_related("absent__organization", "absent__unit")
        .order_by("absent_id")
        # Someone deactivated, or moved to another organization since, is nobody's work to borrow.
        if s.absent.is_active and s.absent.organization_id == user.organization_id
    ]


def stand_ins(users, on: dt.date | None = None) -> dict[int, User]:
    """{absent person's id: their substitute} for those of `users` who are away on `on` (today)."""
    people = {u.pk: u for u in users if getattr(u, "pk", None)}
    if not people:
        return {}
    rows = Substitution.objects.filter(_running(on or today()), absent_id__in=list(people)).select_related(
        "substitute"
    )
    # A substitute deactivated, or moved to another organization since, receives nothing of the absent's.
    return {
        s.absent_id: s.substitute
        for s in rows
        if s.substitute.is_active and s.substitute.organization_id == people[s.absent_id].organization_id
    }


def substitution_list_for_user(*, user) -> QuerySet[Substitution]:
    """The substitutions this person may see: theirs (as absent, substitute or namer), and for a superior
    those of the people under them."""
    return (
        visible(Substitution.objects.all(), user, kind_name=SUBSTITUTION)
        .select_related("absent", "substitute", "named_by")
        .order_by("-starts_on", "-id")
    )


def substitution_get_for_user(*, user, pk: int, action: str = "view") -> Substitution:
    """One substitution: 404 when the person may not even see it, 403 when they see it but may not
    `action` it (the substitute, asking to cancel what others decided)."""
    return get_or_refuse(
        Substitution.objects.select_related("absent", "substitute", "named_by"), user, action, pk=pk
    )


def _people_in(user, scopes) -> Q | None:
    """The people a scope of the naming table reaches: oneself, one's group, one's organization, all."""
    if NATION in scopes:
        return Q()
    parts = []
    if OWN in scopes:
        parts.append(Q(pk=user.pk))
    if UNIT in scopes and user.unit_id:
        parts.append(Q(unit_id=user.unit_id, organization_id=user.organization_id))
    if AGENCY in scopes and user.organization_id:
        parts.append(Q(organization_id=user.organization_id))
    if not parts:
        return None
    q = parts[0]
    for part in parts[1:]:
        q |= part
    return q


def absent_choices(user) -> QuerySet[User]:
    """Whom this person may name a substitute for (the table's `create` on namings): themself, and for a
    superior or an administrator the people under them."""
    q = _people_in(user, scopes_for(user, NAMING, "create"))
    if q is None:
        return User.objects.none()
    return User.objects.filter(q, is_active=True).order_by("last_name", "first_name", "id")


def may_name_for(user, absent: User) -> bool:
    return absent_choices(user).filter(pk=absent.pk).exists()


def substitute_choices(user) -> QuerySet[User]:
    """The people the picker offers: active people of the namer's organization (every organization's for
    an administrator without one); the service checks the substitute is of the absent person's."""
    people = User.objects.filter(is_active=True, organization__isnull=False)
    if user.organization_id:
        people = people.filter(organization_id=user.organization_id)
    return people.select_related("organization").order_by("last_name", "first_name", "id")


def cancellable_ids(*, user, substitutions) -> set[int]:
    """Which of these substitutions this person may cancel, in one query (the list's buttons)."""
    ids = [s.pk for s in substitutions if s.cancelled_at is None and s.ends_on >= today()]
    if not ids:
        return set()
    rows = visible(Substitution.objects.filter(pk__in=ids), user, "act", kind_name=NAMING)
    return set(rows.values_list("pk", flat=True))
