"""Every write of saved views: save, rename, delete, make default, share and unshare, each by its owner alone."""

import re

from django.db import IntegrityError, transaction

from apps.accounts.permissions import may, may_at_all
from apps.audit.trail import audit_append
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError

from .lists import LISTS, query_clean
from .models import SavedView
from .permissions import SAVED_VIEW

NAME_MAX_LENGTH = SavedView._meta.get_field("name").max_length
QUERY_MAX_LENGTH = SavedView._meta.get_field("query").max_length
# Enough for every way a person reads one list; the bar stays a short menu.
MAX_VIEWS_PER_LIST = 30
NOT_OWNER = "فقط صاحب این نما می‌تواند آن را تغییر دهد."


def _name_clean(name: str) -> str:
    name = re.sub(r"\s+", " ", (name or "").replace("ي", "ی").replace("ك", "ک")).strip()
    if not name:
        raise InvalidError("نامی برای نما بنویسید.")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidError(f"نام نما حداکثر {to_persian_digits(NAME_MAX_LENGTH)} نویسه است.")
    return name


def _list_views_locked(*, owner, list_key: str) -> list[SavedView]:
    """The owner's views of one list, locked: a second save or default of the same list waits for this one."""
    return list(
        SavedView.objects.select_for_update(no_key=True)
        .filter(owner_id=owner.pk, list_key=list_key)
        .order_by("pk")
    )


def _name_free(*, views: list[SavedView], name: str, pk=None) -> None:
    if any(v.name == name and v.pk != pk for v in views):
        raise InvalidError(f"نمایی به نام «{name}» برای این فهرست دارید؛ نام دیگری بنویسید.")


def _owned(*, actor, view: SavedView) -> SavedView:
    """The view re-read under lock, when `actor` may change it (its owner); a refusal otherwise."""
    locked = SavedView.objects.select_for_update(no_key=True).filter(pk=view.pk).first()
    if locked is None:
        raise NotFoundError("این نما دیگر وجود ندارد.")
    if not may(actor, SAVED_VIEW, "edit", locked):
        raise ForbiddenError(NOT_OWNER)
    return locked


def _audit(*, actor, view: SavedView, action: str, changes: dict) -> None:
    audit_append(
        action=f"savedviews.view.{action}",
        actor=actor,
        subject=view,
        changes={"list": view.list_key, "name": view.name, **changes},
    )


def _saved(save) -> None:
    # Two simultaneous defaults of one list meet the database's one-default rule: the second is told.
    try:
        with transaction.atomic():
            save()
    except IntegrityError as exc:
        raise ConflictError("این نما هم‌زمان تغییر کرد؛ دوباره تلاش کنید.") from exc


@transaction.atomic
def saved_view_create(
    *, actor, list_key: str, name: str, query: str, is_default: bool = False, shared: bool = False
) -> SavedView:
    """Saves the list's current filters (`query`, the page's query string) under a name."""
    if list_key not in LISTS:
        raise InvalidError("برای این فهرست نمی‌توان نما ذخیره کرد.")
    if not may_at_all(actor, SAVED_VIEW, "create"):
        raise ForbiddenError("شما اجازهٔ ذخیرهٔ نما را ندارید.")
    name = _name_clean(name)
    query = query_clean(list_key, query)
    if len(query) > QUERY_MAX_LENGTH:
        raise InvalidError("فیلترهای این فهرست برای ذخیره بیش از اندازه بلند است؛ آن‌ها را کوتاه‌تر کنید.")
    views = _list_views_locked(owner=actor, list_key=list_key)
    _name_free(views=views, name=name)
    if len(views) >= MAX_VIEWS_PER_LIST:
        raise InvalidError(
            f"برای هر فهرست حداکثر {to_persian_digits(MAX_VIEWS_PER_LIST)} نما می‌توانید داشته باشید؛ یکی را حذف کنید."
        )
    view = SavedView(
        owner=actor,
        list_key=list_key,
        name=name,
        query=query,
        is_default=is_default,
        shared_with_unit=shared,
        unit_id=actor.unit_id,
        organization_id=actor.organization_id,
    )

    def save():
        if is_default:
            SavedView.objects.filter(pk__in=[v.pk for v in views if v.is_default]).update(is_default=False)
        view.save(force_insert=True)

    _saved(save)
    _audit(
        actor=actor,
        view=view,
        action="created",
        changes={"query": view.query, "is_default": is_default, "shared": shared},
    )
    return view


@transaction.atomic
def saved_view_rename(*, actor, view: SavedView, name: str) -> SavedView:
    view = _owned(actor=actor, view=view)
    name = _name_clean(name)
    _name_free(views=_list_views_locked(owner=actor, list_key=view.list_key), name=name, pk=view.pk)
    old = view.name
    view.name = name
    _saved(lambda: view.save(update_fields=["name"]))
    _audit(actor=actor, view=view, action="renamed", changes={"from": old})
    return view


@transaction.atomic
def saved_view_delete(*, actor, view: SavedView) -> None:
    view = _owned(actor=actor, view=view)
    _audit(actor=actor, view=view, action="deleted", changes={"query": view.query})
    view.delete()


@transaction.atomic
def saved_view_set_default(*, actor, view: SavedView, is_default: bool = True) -> SavedView:
    """Makes the view the list's default for its owner (the one before it stops being), or no longer one."""
    view = _owned(actor=actor, view=view)
    views = _list_views_locked(owner=actor, list_key=view.list_key)

    def save():
        if is_default:
            others = [v.pk for v in views if v.is_default and v.pk != view.pk]
            SavedView.objects.filter(pk__in=others).update(is_default=False)
        view.is_default = is_default
        view.save(update_fields=["is_default"])

    _saved(save)
    _audit(actor=actor, view=view, action="default" if is_default else "undefault", changes={})
    return view


@transaction.atomic
def saved_view_share(*, actor, view: SavedView, shared: bool = True) -> SavedView:
    """Shares the view with the owner's group as it is now (or their organization, without one), or stops."""
    view = _owned(actor=actor, view=view)
    view.shared_with_unit = shared
    view.unit_id = actor.unit_id
    view.organization_id = actor.organization_id
    view.save(update_fields=["shared_with_unit", "unit", "organization"])
    _audit(actor=actor, view=view, action="shared" if shared else "unshared", changes={"unit": view.unit_id})
    return view
