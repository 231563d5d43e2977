"""Admin for the desk-wide tables: holidays and the maintenance banner."""

from django.contrib import admin, messages
from django.core.cache import cache

from .context_processors import NOTICE_CACHE_KEY
from .holiday_calendar import coverage_warning, estimate_notice
from .models import Holiday, HolidayYear, MaintenanceNotice


def _warn_about_coverage(request) -> None:
    # Where the administrators keep the holidays, they see when the table runs short.
    if warning := coverage_warning():
        messages.warning(request, warning)
    if notice := estimate_notice():
        messages.info(request, notice)


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("__str__", "date", "province", "estimated")
    list_filter = ("estimated", "province")
    search_fields = ("title",)

    def changelist_view(self, request, extra_context=None):
        _warn_about_coverage(request)
        return super().changelist_view(request, extra_context)


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ("__str__", "first_day", "estimated", "updated_at")

    def changelist_view(self, request, extra_context=None):
        _warn_about_coverage(request)
        return super().changelist_view(request, extra_context)


@admin.register(MaintenanceNotice)
class MaintenanceNoticeAdmin(admin.ModelAdmin):
    list_display = ("message", "is_active", "starts_at", "ends_at")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(NOTICE_CACHE_KEY)
