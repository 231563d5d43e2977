"""What every page's layout needs besides the top bar (`{% top_bar %}`): the maintenance banner."""

from django.core.cache import cache
from django.utils import timezone

from . import freshness
from .models import MaintenanceNotice

# Where the banner is held for 30 seconds when the desk keeps nothing between writes (no shared cache):
# the administrators' page empties it when a notice is saved there.
NOTICE_CACHE_KEY = "core:maintenance-notice"


def active_notice() -> str:
    """The banner's text: the newest notice switched on and not yet ended; "" when none.

    Where the desk keeps values between writes, the notices are kept as any shared value is
    (`freshness.kept`): read once per process until the next committed write to a shared table, which
    saving a notice is, so the administrator who switches one on sees it on their next page, as does
    everyone else. Each request then only compares the notices' ends with the time, so a notice ends on
    time without a write. (It was read from the shared cache on every page: a Redis round trip each.)
    Where nothing is kept, it is held in the cache for 30 seconds."""
    if freshness.enabled():
        now = timezone.now()
        notices = freshness.kept(("maintenance-notices",), _running_notices, shared=True)
        return next((message for message, ends_at in notices if ends_at is None or ends_at >= now), "")
    notice = cache.get(NOTICE_CACHE_KEY)
    if notice is None:
        notice = next((message for message, _ in _running_notices()), "")
        cache.set(NOTICE_CACHE_KEY, notice, 30)
    return notice


def _running_notices() -> list[tuple[str, object]]:
    """(message, end) of every notice switched on and not ended yet, newest first."""
    return list(
        MaintenanceNotice.objects.filter(is_active=True)
        .exclude(ends_at__lt=timezone.now())
        .values_list("message", "ends_at")
    )


def desk(request):
    return {"maintenance_notice": active_notice()}
