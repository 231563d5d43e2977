"""Saved views: a list's filters and sort, kept under a name per user."""

from django.apps import AppConfig


class SavedviewsConfig(AppConfig):
    name = "apps.savedviews"
    verbose_name = "نماهای ذخیره‌شده"
