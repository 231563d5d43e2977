"""Provinces as people pick them: the province filter of the lists the national body reads."""

from django.db.models import QuerySet

from .models import Province
from .permissions import NATION, Principal, principals_of, scopes_for

# The people whose lists reach every province, and who therefore filter them by one.
NATIONWIDE = frozenset({Principal.NATIONAL_OFFICER, Principal.ADMIN})


def reaches_every_province(user) -> bool:
    return bool(principals_of(user) & NATIONWIDE)


def province_choices(user) -> QuerySet[Province] | list:
    """The provinces to filter a list by: every province for the national body, none for anyone else (their
    lists hold their own province's rows only)."""
    if not reaches_every_province(user):
        return []
    return Province.objects.order_by("name")


def province_choices_on(user, kind_name: str, action: str = "view") -> QuerySet[Province] | list:
    """The provinces to filter a list of `kind_name` by: every province for whom the table lets read that
    kind across provinces (NATION), none for anyone else — so the filter shows exactly where
    the list can hold more than one province."""
    if NATION not in scopes_for(user, kind_name, action):
        return []
    return Province.objects.order_by("name")


def province_filter_value(raw: str) -> int | None:
    """The chosen province's id from a query string, None for none or for anything that is not an id."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else None
