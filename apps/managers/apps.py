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
        from .models import (
            AgencyRules,
            Candidate,
            ChangeProposal,
            CouncilSession,
            Decree,
            ExtraCondition,
            Hearing,
            JobRecord,
            ManagerProfile,
            Nomination,
            PerformanceEvaluation,
            Post,
        )
        from .panels import PANEL_KEY, PANEL_TITLE, expiring_items

        # An agency's managers' database is its own (apps/core/freshness.py), but for the profiles it
        # publishes to the national pool, which every agency's HR reads: writing one of those, or one
        # published before the write, empties every agency's kept lists. A profile's job records are shown
        # only with the profile itself, never in the pool.
        freshness.agency_tables(ManagerProfile, agency="organization")
        freshness.agency_tables(JobRecord, agency="profile__organization")
        freshness.shared_rows(ManagerProfile, "published_to_pool", "managers.pool")
        # The rest of the service is its agency's too, granted within it to its head, HR and council, and to
        # the province's group (permissions.py): posts, rules and extra conditions, the council's sessions
        # and hearings, nominations, decrees (with their lifecycle's cases) and change proposals. A nominee
        # is always a profile of the nomination's own agency (a pooled profile is adopted into it first:
        # `candidate_add`, `profile_adopt`), and a yearly evaluation is its decree's.
        freshness.agency_tables(
            Post,
            AgencyRules,
            ExtraCondition,
            CouncilSession,
            Hearing,
            Nomination,
            Decree,
            ChangeProposal,
            agency="organization",
        )
        freshness.agency_tables(Candidate, agency="nomination__organization")
        freshness.agency_tables(PerformanceEvaluation, agency="decree__organization")
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
