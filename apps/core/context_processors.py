"""What every page's layout needs besides the top bar (`{% top_bar %}`): the maintenance banner."""

from django.core.cache import cache
from django.utils import timezone

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
    return {"maintenance_notice": active_notice()}
