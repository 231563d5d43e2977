"""Complaints and suggestions, service levels, satisfaction and reports across the desk."""

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "apps.complaints"
    verbose_name = "شکایات، پیشنهادها و گزارش‌ها"
