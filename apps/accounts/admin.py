"""Admin for organizations and users."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Organization, OrgUnit, Province, User


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "tracking_prefix")
    search_fields = ("code", "name")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province", "evaluation_group", "is_active")
    list_filter = ("kind", "province", "evaluation_group")
    search_fields = ("code", "name")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "organization")


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "organization", "national_id", "is_active")
    list_filter = ("organization__kind", "is_active")
    search_fields = ("username", "first_name", "last_name", "national_id")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("میز خدمت", {"fields": ("organization", "unit", "national_id", "mobile", "title", "roles")}),
    )
