"""Refusals of the permission model, answered the same way on pages and in the API and written down.

`Refused` is raised by `apps.accounts.permissions`; the middleware below answers it on pages and
`khedmat/api.py` in the API, both through `refusal_record`. Each answer carries the header
`X-Khedmat-Refused`, so a program (and the route walk) can tell the permission model's refusal from a
business rule's.
"""

import datetime as dt
import logging

from django.db.models import Count, Max
from django.shortcuts import render
from django.utils import timezone

from apps.core.http import client_ip

from .models import SecurityEvent
from .permissions import Refused, rules_of

REFUSED_HEADER = "X-Khedmat-Refused"
# An account refused this many times within the window is listed for the administrators.
REPEATED_REFUSALS = 5
REPEATED_WINDOW_HOURS = 24

log = logging.getLogger("khedmat.security")


def refusal_record(request, refused: Refused) -> None:
    """Writes the refusal down (the permission model refuses before a view opens a transaction)."""
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    if refused.status == 401:
        return
    event = SecurityEvent(
        user=user,
        username=user.get_username() if user else "",
        organization_id=user.organization_id if user else None,
        method=request.method[:8],
        path=request.get_full_path()[:500],
        kind=refused.kind[:80],
        action=refused.action[:20],
        object_ref=refused.obj_ref[:200],
        status=refused.status,
        ip=client_ip(request),
    )
    event.save()
    log.warning("refused %s %s for %s: %s", request.method, request.path, event.username or "-", refused)


# Views that keep a gate of their own: the files of the development server, and the API's operations, whose
# rules are checked when the caller is known (`apps.accounts.permissions.enforce_api_route`). Django's admin
# (staff accounts only) is known by its URL namespace, as an app's ModelAdmin may define its views.
_OWN_GATES = ("django.views.static", "ninja.operation")


class RefusalMiddleware:
    """Deny by default: a page whose view declares no rule is refused; a page's `Refused` is answered with
    the desk's 403 or 404 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if rules_of(view_func) or getattr(request.resolver_match, "app_name", "") == "admin":
            return None
        module = getattr(getattr(view_func, "func", view_func), "__module__", "") or ""
        if module.startswith(_OWN_GATES):
            return None
        return self.process_exception(request, Refused(403, kind="undeclared", obj_ref=request.path[:200]))

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        refusal_record(request, exception)
        template = "404.html" if exception.status == 404 else "403.html"
        response = render(request, template, status=exception.status if exception.status != 401 else 403)
        response[REFUSED_HEADER] = str(exception.status)
        return response


def repeated_refusals(*, hours: int = REPEATED_WINDOW_HOURS, at_least: int = REPEATED_REFUSALS):
    """Accounts refused at least `at_least` times in the last `hours`, most refused first."""
    since = timezone.now() - dt.timedelta(hours=hours)
    return (
        SecurityEvent.objects.filter(created_at__gte=since, user__isnull=False)
        .values("user_id", "username", "organization__name")
        .annotate(refusals=Count("id"), last_at=Max("created_at"))
        .filter(refusals__gte=at_least)
        .order_by("-refusals", "username")
    )
