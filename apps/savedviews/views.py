"""Pages of saved views: saving from a list's bar, and the page where a person manages their views."""

from urllib.parse import parse_qsl

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from apps.accounts.permissions import permission
from apps.core.digits import to_persian_digits
from apps.core.http import attempt, paginate

from . import selectors, services
from .forms import FlagForm, RenameForm, SaveForm
from .lists import LISTS, PARAM_LABELS
from .permissions import SAVED_VIEW


def _back(request, fallback: str = "savedviews:view_list"):
    """Back to the page the form was sent from (the list with its filters), when it is one of the desk's."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _open_url(list_key: str, query: str) -> str:
    """The list's address with the view's filters; "" for a list inside a record (a round's hire files)."""
    try:
        url = reverse(list_key)
    except NoReverseMatch:
        return ""
    return f"{url}?{query or 'view=all'}"


def _labelled(views):
    for view in views:
        found = LISTS.get(view.list_key)
        view.list_label = found.label if found else view.list_key
        view.open_url = _open_url(view.list_key, view.query)
        view.filters = "، ".join(
            f"{PARAM_LABELS.get(name, name)}: {to_persian_digits(value)}"
            for name, value in parse_qsl(view.query)
        )
    return views


@permission(SAVED_VIEW, "view")
def view_list(request):
    page = paginate(request, selectors.saved_views_of_owner(user=request.user))
    return render(
        request,
        "savedviews/view_list.html",
        {
            "page": page,
            "mine": _labelled(list(page)),
            "shared": _labelled(list(selectors.saved_views_shared_with(user=request.user)[:50])),
        },
    )


@require_POST
@permission(SAVED_VIEW, "create")
def view_save(request):
    form = SaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "فهرستی که نمای آن را ذخیره می‌کنید معلوم نیست.")
        return _back(request)
    data = form.cleaned_data
    attempt(
        request,
        lambda: services.saved_view_create(
            actor=request.user,
            list_key=data["list_key"],
            name=data["name"],
            query=data["query"],
            is_default=data["is_default"],
            shared=data["shared"],
        ),
        lambda view: f"نمای «{view.name}» ذخیره شد.",
    )
    return _back(request)


@require_POST
@permission(SAVED_VIEW, "edit", lookup="pk")
def view_rename(request, pk: int):
    view = selectors.saved_view_get_for_user(user=request.user, pk=pk, action="edit")
    form = RenameForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    attempt(
        request,
        lambda: services.saved_view_rename(actor=request.user, view=view, name=name),
        "نام نما تغییر کرد.",
    )
    return _back(request)


def _flag(request, pk: int, change, said_on: str, said_off: str):
    """A view's yes/no setting (default, shared) from its checkbox, through `change(view, on)`."""
    view = selectors.saved_view_get_for_user(user=request.user, pk=pk, action="edit")
    form = FlagForm(request.POST)
    on = form.is_valid() and form.cleaned_data["on"]
    attempt(request, lambda: change(view, on), said_on if on else said_off)
    return _back(request)


@require_POST
@permission(SAVED_VIEW, "edit", lookup="pk")
def view_default(request, pk: int):
    return _flag(
        request,
        pk,
        lambda view, on: services.saved_view_set_default(actor=request.user, view=view, is_default=on),
        "نمای پیش‌فرض این فهرست تعیین شد.",
        "این نما دیگر پیش‌فرض نیست.",
    )


@require_POST
@permission(SAVED_VIEW, "edit", lookup="pk")
def view_share(request, pk: int):
    return _flag(
        request,
        pk,
        lambda view, on: services.saved_view_share(actor=request.user, view=view, shared=on),
        "نما با همکاران گروه شما به اشتراک گذاشته شد.",
        "اشتراک این نما برداشته شد.",
    )


@permission(SAVED_VIEW, "edit", lookup="pk")
def view_delete(request, pk: int):
    view = selectors.saved_view_get_for_user(user=request.user, pk=pk, action="edit")
    if request.method == "POST":
        attempt(request, lambda: services.saved_view_delete(actor=request.user, view=view), "نما حذف شد.")
        return redirect("savedviews:view_list")
    return render(request, "savedviews/view_confirm_delete.html", {"view": _labelled([view])[0]})
