"""The front door, the health check and the page a server error shows."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from apps.accounts.permissions import public, signed_in

from . import landing as landing_panels
from .jalali import today

SERVER_ERROR = "خطایی در میز خدمت رخ داد و کار شما انجام نشد. خطا ثبت شد؛ چند دقیقه دیگر دوباره تلاش کنید."
UNAVAILABLE = (
    "پایگاه داده میز خدمت لحظاتی در دسترس نیست و کار شما انجام نشد. چند ثانیه دیگر دوباره تلاش کنید."
)
# A database restart takes a few seconds (bench/fault_pg_restart.sh measures it).
RETRY_AFTER_SECONDS = 10


@public
def home(request):
    if request.user.is_authenticated:
        # A signed-in person starts at their landing page: what their role has to see and do.
        return redirect("core:landing")
    return render(request, "core/home.html")


@signed_in
def landing(request):
    """The page after sign-in: the panels the apps registered (apps.core.landing) that this person may see."""
    panels = landing_panels.panels_for(request.user)
    has_charts = any(panel.charts for panel in panels)
    return render(
        request,
        "core/landing.html",
        {"panels": panels, "has_charts": has_charts, "greeting": _greeting(), "today": today()},
    )


def _greeting() -> str:
    hour = timezone.localtime().hour
    return "صبح بخیر" if hour < 12 else "روز بخیر" if hour < 17 else "عصر بخیر"


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _redis_ok() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


@public
def healthz(request):
    checks = {"database": _database_ok()}
    if settings.REDIS_URL:
        checks["redis"] = _redis_ok()
    # Always 200: the body tells a monitor which part does not answer.
    return JsonResponse({"status": "ok" if all(checks.values()) else "degraded", **checks})


def server_error(request):
    """A Persian 500; a database that does not answer is a 503 the caller may retry in a few seconds.

    Drawn without the database or the context processors: they may be what failed.
    """
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status, title, message = (
        (503, "میز خدمت لحظاتی در دسترس نیست", UNAVAILABLE)
        if unavailable
        else (500, "خطای میز خدمت", SERVER_ERROR)
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        body = render_to_string("errors/base.html", {"title": title, "message": message})
        response = HttpResponse(body, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
