from django.contrib import admin

from .models import ProvinceServiceText


@admin.register(ProvinceServiceText)
class ProvinceServiceTextAdmin(admin.ModelAdmin):
    list_display = ("province", "service", "field")
    list_filter = ("province", "service")
