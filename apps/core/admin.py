"""Admin for the desk-wide tables: holidays and the maintenance banner."""

from django.contrib import admin
from django.core.cache import cache

from .context_processors import NOTICE_CACHE_KEY
from .models import Holiday, MaintenanceNotice


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("__str__", "date")
    search_fields = ("title",)


@admin.register(MaintenanceNotice)
class MaintenanceNoticeAdmin(admin.ModelAdmin):
    list_display = ("message", "is_active", "starts_at", "ends_at")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(NOTICE_CACHE_KEY)
