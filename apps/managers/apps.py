"""Service C: selecting, appointing and changing managers (seed 003)."""

from django.apps import AppConfig


class ManagersConfig(AppConfig):
    name = "apps.managers"
    verbose_name = "انتصاب مدیران"
