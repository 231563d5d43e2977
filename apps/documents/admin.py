"""Admin: issued documents are read-only records; issuing and revoking go through the services."""

from django.contrib import admin

from apps.audit.admin import ReadOnlyAdmin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("verification_code", "kind", "title", "owner", "issued_at", "revoked_at")
    list_filter = ("kind",)
    search_fields = ("verification_code", "title", "holder_name")
    list_select_related = ("owner",)
