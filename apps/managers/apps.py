"""Service C: selecting, appointing and changing managers (seed 003)."""

from django.apps import AppConfig


class ManagersConfig(AppConfig):
    name = "apps.managers"
    verbose_name = "انتصاب مدیران"

    def ready(self):
        from apps.core import dashboards, demo, freshness, navigation
        from apps.workflow import panels

        from . import kinds, permissions, workflow  # noqa: F401  (registers the document kind and the processes)
        from .dashboard import build as dashboard_build
        from .demo import build
        from .models import JobRecord, ManagerProfile
        from .panels import PANEL_KEY, PANEL_TITLE, expiring_items

        # An agency's managers' database is its own (apps/core/freshness.py), but for the profiles it
        # publishes to the national pool, which every agency's HR reads: writing one of those, or one
        # published before the write, empties every agency's kept lists. A profile's job records are shown
        # only with the profile itself, never in the pool.
        freshness.agency_tables(ManagerProfile, agency="organization")
        freshness.agency_tables(JobRecord, agency="profile__organization")
        freshness.shared_rows(ManagerProfile, "published_to_pool", "managers.pool")
        # A manager's decree is found by their national ID, whichever agency appointed them: an employee
        # who reads their own reads across.
        freshness.own_beyond_agency("managers.decree", permissions.DECREE_DOCUMENT)

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
