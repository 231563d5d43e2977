"""API of saved views: the caller's views of a list (and those shared with them), save, delete, make default."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from apps.accounts.permissions import permission
from apps.core.pagination import BoundedPagination

from . import selectors, services
from .models import SavedView
from .permissions import SAVED_VIEW

router = Router(tags=["savedviews"])


class SavedViewOut(Schema):
    id: int
    list_key: str
    name: str
    query: str
    is_default: bool
    shared_with_unit: bool
    mine: bool
    owner: str
    created_at: dt.datetime

    @staticmethod
    def resolve_owner(view: SavedView):
        return view.owner.get_full_name() or view.owner.username


class SavedViewIn(Schema):
    list_key: str
    name: str
    query: str = ""
    is_default: bool = False
    shared_with_unit: bool = False


class DefaultIn(Schema):
    is_default: bool = True


def _out(view: SavedView, user) -> SavedView:
    view.mine = view.owner_id == user.pk
    return view


@router.get("/", response=list[SavedViewOut], summary="Saved views the caller may open, of one list or all")
@permission(SAVED_VIEW, "view")
@paginate(BoundedPagination)
def view_list(request: HttpRequest, list_key: str = ""):
    if list_key:
        rows = selectors.saved_views_for_list(user=request.user, list_key=list_key)
    else:
        rows = [*selectors.saved_views_of_owner(user=request.user).select_related("owner")]
        rows += list(selectors.saved_views_shared_with(user=request.user))
    return [_out(view, request.user) for view in rows]


@router.post("/", response={201: SavedViewOut}, summary="Save a list's filters under a name")
@permission(SAVED_VIEW, "create")
def view_create(request: HttpRequest, payload: SavedViewIn):
    view = services.saved_view_create(
        actor=request.user,
        list_key=payload.list_key,
        name=payload.name,
        query=payload.query,
        is_default=payload.is_default,
        shared=payload.shared_with_unit,
    )
    return Status(201, _out(view, request.user))


@router.delete("/{pk}", response={204: None}, summary="Delete one of the caller's views")
@permission(SAVED_VIEW, "edit", lookup="pk")
def view_delete(request: HttpRequest, pk: int):
    view = selectors.saved_view_get_for_user(user=request.user, pk=pk, action="edit")
    services.saved_view_delete(actor=request.user, view=view)
    return Status(204, None)


@router.post("/{pk}/default", response=SavedViewOut, summary="Make a view the caller's default of its list")
@permission(SAVED_VIEW, "edit", lookup="pk")
def view_set_default(request: HttpRequest, pk: int, payload: DefaultIn):
    view = selectors.saved_view_get_for_user(user=request.user, pk=pk, action="edit")
    view = services.saved_view_set_default(actor=request.user, view=view, is_default=payload.is_default)
    return _out(view, request.user)
