"""Service C: selecting, appointing and changing managers (seed 003)."""

from django.apps import AppConfig


class ManagersConfig(AppConfig):
    name = "apps.managers"
    verbose_name = "انتصاب مدیران"

    def ready(self):
        from apps.core import dashboards, demo, navigation
        from apps.workflow import panels

        from . import kinds, workflow  # noqa: F401  (registers the document kind and the processes)
        from .dashboard import build as dashboard_build
        from .demo import build
        from .panels import PANEL_KEY, PANEL_TITLE, expiring_items

        demo.register("managers.appointments", build, order=60)
        panels.register(PANEL_KEY, PANEL_TITLE, expiring_items)
        # The menu shows each entry to whom the permission table opens its page.
        navigation.register("میز انتصاب مدیران", "managers:home", group="انتصاب مدیران", order=40)
        navigation.register("گزارش شش‌ماهه", "managers:report", group="انتصاب مدیران", order=41)
        dashboards.register(
            "managers",
            "انتصاب مدیران",
            dashboard_build,
            order=30,
        )
