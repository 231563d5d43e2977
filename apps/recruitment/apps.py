"""Service A: supervising the recruitment of the province's agencies (seeds 000 and 001)."""

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "apps.recruitment"
    verbose_name = "نظارت بر استخدام"

    def ready(self):
        from apps.accounts.roles import Role
        from apps.core import dashboards, demo, freshness, navigation

        from . import documents, workflow  # noqa: F401  (register the process and the card's kind)
        from .dashboard import build as dashboard_build
        from .demo import build as demo_build
        from .models import Hire, HireDocument, JobQuota

        # A hire file and its documents are the hiring agency's, and so is a job-location of the ledger,
        # whose seats a registered file takes; the rounds and their candidates are not
        # (apps/core/freshness.py).
        freshness.agency_tables(Hire, JobQuota, agency="agency")
        freshness.agency_tables(HireDocument, agency="hire__agency")

        demo.register("recruitment.rounds", demo_build, order=20)
        # The menu shows each entry to whom the permission table opens its page.
        navigation.register("دوره‌های استخدام", "recruitment:round_list", group="نظارت بر استخدام", order=20)
        # The staff who may open it too reach venues through the rounds: "my venues" is the supervisors'.
        navigation.register(
            "حوزه‌های نظارت من",
            "recruitment:my_venues",
            group="نظارت بر استخدام",
            roles={Role.SUPERVISOR},
            order=21,
        )
        dashboards.register("recruitment", "نظارت بر استخدام", dashboard_build, order=10)
