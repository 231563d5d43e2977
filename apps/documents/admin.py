"""Admin: issued documents are read-only records; issuing and revoking go through the services."""

from django.contrib import admin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ("verification_code", "kind", "title", "owner", "issued_at", "revoked_at")
    list_filter = ("kind",)
    search_fields = ("verification_code", "title", "holder_name")
    list_select_related = ("owner",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
