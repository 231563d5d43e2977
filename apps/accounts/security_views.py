"""The administrators' pages of the permission model: the whole table, and the accounts refused again and again."""

from django.shortcuts import render

from .models import SecurityEvent
from .permissions import Principal, Scope, matrix, permission
from .security import REPEATED_REFUSALS, REPEATED_WINDOW_HOURS, repeated_refusals

LATEST_EVENTS = 50


@permission("accounts.security_event", "view")
def permission_table(request):
    return render(
        request,
        "accounts/permission_table.html",
        {"matrix": matrix(), "principals": list(Principal), "scopes": list(Scope)},
    )


@permission("accounts.security_event", "view")
def security_events(request):
    return render(
        request,
        "accounts/security_events.html",
        {
            "repeated": repeated_refusals(),
            "threshold": REPEATED_REFUSALS,
            "window_hours": REPEATED_WINDOW_HOURS,
            "events": SecurityEvent.objects.select_related("organization")[:LATEST_EVENTS],
        },
    )
