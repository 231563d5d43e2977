"""What every page's layout needs: the maintenance banner, the menu and the top bar's pieces."""

from django.core.cache import cache
from django.utils import timezone

from . import navigation, topbar
from .models import MaintenanceNotice

NOTICE_CACHE_KEY = "core:maintenance-notice"


def active_notice() -> str:
    notice = cache.get(NOTICE_CACHE_KEY)
    if notice is None:
        now = timezone.now()
        row = (
            MaintenanceNotice.objects.filter(is_active=True)
            .exclude(ends_at__lt=now)
            .values_list("message", flat=True)
            .first()
        )
        notice = row or ""
        cache.set(NOTICE_CACHE_KEY, notice, 30)
    return notice


def desk(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "maintenance_notice": active_notice(),
        "nav_groups": navigation.menu_for(user) if signed_in else [],
        "topbar": topbar.slots() if signed_in else {},
    }
