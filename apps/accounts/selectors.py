"""Reads of people: who holds which roles where."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from .models import User


def users_with_roles(
    *roles: str,
    organization_ids=None,
    unit_id: int | None = None,
    active: bool = True,
) -> QuerySet[User]:
    """The people holding any of `roles`, in these organizations (any, when None) and, when given, this group
    or none above the groups. Read in the database: each role is a quoted string in the JSON list, so
    "org_expert" never matches "org_expert_head", on PostgreSQL (jsonb as text) and SQLite alike."""
    if not roles:
        return User.objects.none()
    people = User.objects.filter(reduce(or_, (Q(roles__icontains=f'"{role}"') for role in roles)))
    if active:
        people = people.filter(is_active=True)
    if organization_ids is not None:
        people = people.filter(organization_id__in=list(organization_ids))
    if unit_id is not None:
        people = people.filter(Q(unit_id=unit_id) | Q(unit__isnull=True))
    return people
