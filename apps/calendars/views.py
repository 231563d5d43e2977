"""Pages of the calendars: the Jalali month and week of the person's events, the timelines, the private
feed address, and the feed itself (opened by its secret token, without signing in)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from apps.accounts.permissions import permission, public
from apps.core.http import client_ip
from apps.core.jalali import MONTH_NAMES, WEEKDAY_NAMES, format_date, to_jalali

from . import selectors, services
from .forms import RegenerateForm
from .ical import feed_ics
from .permissions import CALENDAR
from .registry import timelines_for


def _sources_asked(request) -> tuple[list[tuple[str, str]], list[str] | None]:
    """The person's sources, and those the page was asked to show (None: all of them)."""
    choices = selectors.source_choices(user=request.user)
    offered = {name for name, _label in choices}
    asked = [name for name in request.GET.getlist("source") if name in offered]
    return choices, asked or None


def _absolute(path: str) -> str:
    """The desk's public address of a page: what a phone's calendar keeps, whatever host served the page."""
    return settings.KHEDMAT_SITE_URL.rstrip("/") + path


def _keep(asked: list[str] | None, **params) -> str:
    """A link's query that keeps the source filter."""
    return urlencode([*params.items(), *(("source", name) for name in asked or ())])


@permission(CALENDAR, "view")
def month(request):
    choices, asked = _sources_asked(request)
    year, month_number = selectors.month_asked(request.GET.get("year"), request.GET.get("month"))
    view = selectors.month_view(user=request.user, year=year, month=month_number, names=asked)
    return render(
        request,
        "calendars/month.html",
        {
            "view": view,
            "weekday_names": WEEKDAY_NAMES,
            "month_names": list(enumerate(MONTH_NAMES, start=1)),
            "choices": choices,
            "asked": asked or [],
            "previous_query": _keep(asked, year=view.previous[0], month=view.previous[1]),
            "following_query": _keep(asked, year=view.following[0], month=view.following[1]),
            "source_query": _keep(asked),
            "month_keep": [("year", view.year), ("month", view.month)],
        },
    )


@permission(CALENDAR, "view")
def week(request):
    choices, asked = _sources_asked(request)
    day = selectors.day_asked(request.GET.get("day"))
    view = selectors.week_view(user=request.user, day=day, names=asked)
    first = to_jalali(view.first)
    return render(
        request,
        "calendars/week.html",
        {
            "view": view,
            "choices": choices,
            "asked": asked or [],
            "day": day,
            "previous_query": _keep(asked, day=format_date(view.previous, persian_digits=False)),
            "following_query": _keep(asked, day=format_date(view.following, persian_digits=False)),
            "month_query": _keep(asked, year=first.year, month=first.month),
            "week_keep": [("day", format_date(day, persian_digits=False))],
        },
    )


@permission(CALENDAR, "view")
def timelines(request):
    return render(request, "calendars/timelines.html", {"groups": timelines_for(request.user)})


@never_cache
@permission(CALENDAR, "view", method="GET")
@permission(CALENDAR, "edit", method="POST")
def feed_settings(request):
    feed = selectors.feed_token_for_user(user=request.user)
    # The first address needs no confirmation; replacing one does, as the old one stops working.
    form = RegenerateForm(request.POST if request.method == "POST" else None) if feed else None
    if request.method == "POST" and (form is None or form.is_valid()):
        services.feed_token_issue(user=request.user, ip=client_ip(request))
        messages.success(
            request,
            "نشانی تازه ساخته شد؛ نشانی پیشین دیگر کار نمی‌کند."
            if feed
            else "نشانی خصوصی تقویم شما ساخته شد.",
        )
        return redirect("calendars:feed_settings")
    address = _absolute(reverse("calendars:feed", args=[feed.token])) if feed else ""
    return render(request, "calendars/feed_settings.html", {"feed": feed, "address": address, "form": form})


@never_cache
@public
def feed(request, token: str):
    """The token is the credential: an unknown or replaced one names nothing (404)."""
    user = selectors.feed_owner(token=token)
    if user is None:
        raise Http404("نشانی تقویم معتبر نیست.")
    body = feed_ics(
        selectors.feed_events(user=user),
        name=f"میز خدمت — {user.get_full_name() or user.username}",
        absolute=_absolute,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="khedmat.ics"'
    return response
