"""Admin: reason templates are editable; the audit trail is read-only; cases are moved only by the core."""

from django.contrib import admin

from .models import AuditEntry, Case, ReasonTemplate


@admin.register(ReasonTemplate)
class ReasonTemplateAdmin(admin.ModelAdmin):
    list_display = ("process", "state", "text", "order", "is_active")
    list_filter = ("process", "is_active")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "created_at", "action", "actor_name", "from_state", "to_state")
    list_filter = ("action",)
    search_fields = ("case__tracking_code", "actor_name")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "title", "process", "state", "owner", "due_date")
    list_filter = ("process", "state")
    search_fields = ("tracking_code", "title")
