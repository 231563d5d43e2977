"""Reads of saved views, each through the permission model: a person's own views and those shared with them."""

from django.db.models import QuerySet

from apps.accounts.permissions import get_or_refuse, may_at_all, visible
from apps.core import freshness

from .models import SavedView
from .permissions import SAVED_VIEW


def saved_views_for_list(*, user, list_key: str) -> list[SavedView]:
    """The views of one list this person may open, theirs first then shared ones by name: one query."""
    if not may_at_all(user, SAVED_VIEW, "view"):
        return []
    rows = visible(SavedView.objects.filter(list_key=list_key), user).select_related("owner")
    return sorted(rows, key=lambda v: (v.owner_id != user.pk, v.name, v.pk))


def saved_views_for_request(request, list_key: str) -> list[SavedView]:
    """`saved_views_for_list` read once per request (the default's redirect and the bar share it), and kept
    between requests until the next committed write to a shared table (`freshness.kept`): a view saved, renamed, shared or
    deleted, or the person's group changed, is one. Every look at a list asked it of the database."""
    found = request.__dict__.setdefault("_saved_views", {})
    if list_key not in found:
        user = request.user
        found[list_key] = freshness.kept(
            ("saved views", str(user.pk), list_key),
            lambda: saved_views_for_list(user=user, list_key=list_key),
            shared=True,
        )
    return found[list_key]


def saved_view_default(*, user, views: list[SavedView]) -> SavedView | None:
    """This person's own default among `views` (a colleague's default is theirs, not this person's)."""
    return next((v for v in views if v.is_default and v.owner_id == user.pk), None)


def saved_views_of_owner(*, user) -> QuerySet[SavedView]:
    """The views this person owns, of every list, for their page of views."""
    return visible(SavedView.objects.filter(owner_id=user.pk), user).order_by("list_key", "name", "pk")


def saved_views_shared_with(*, user) -> QuerySet[SavedView]:
    """Views colleagues shared with this person's group (or organization), read-only to them."""
    return (
        visible(SavedView.objects.exclude(owner_id=user.pk), user)
        .select_related("owner")
        .order_by("list_key", "name", "pk")
    )


def saved_view_get_for_user(*, user, pk, action: str = "view") -> SavedView:
    """One view: 404 when out of the person's reach, 403 when they see it but may not `action` it."""
    return get_or_refuse(SavedView.objects.select_related("owner"), user, action, kind_name=SAVED_VIEW, pk=pk)
