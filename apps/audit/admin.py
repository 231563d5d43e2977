"""The audit trail in the admin: read only, like everything the desk writes once."""

from django.contrib import admin

from .models import AuditEntry


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
