"""Saved views: a list's filters and sort, kept under a name per user."""

from django.apps import AppConfig


class SavedviewsConfig(AppConfig):
    name = "apps.savedviews"
    verbose_name = "نماهای ذخیره‌شده"

    def ready(self):
        from apps.core import demo, navigation

        from .demo import build

        demo.register("savedviews.views", build, order=120)
        # Everyone whose rule opens the page: every person the desk knows.
        navigation.register("نماهای ذخیره‌شده", "savedviews:view_list", group="میز خدمت", order=93)
