"""Admin: reason templates are editable; cases are moved only by the core."""

from django.contrib import admin

from apps.audit.admin import ReadOnlyAdmin

from .models import Case, ReasonTemplate


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    list_display = ("process", "state", "text", "order", "is_active")
    list_filter = ("process", "is_active")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "title", "process", "state", "owner", "due_date")
    list_filter = ("process", "state")
    search_fields = ("tracking_code", "title")
