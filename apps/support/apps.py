from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "apps.support"
    verbose_name = "گزارش خطا و پشتیبانی"

    def ready(self):
        from apps.core import demo, freshness, navigation

        from . import workflow  # noqa: F401  (registers the process)
        from .demo import build
        from .models import FaultReport

        # A fault report is its case's: the reporting agency's (apps/core/freshness.py).
        freshness.agency_tables(FaultReport, agency="case__owner")

        demo.register("support.fault", build, order=90)

        # Shown to those the page's rule lets file a report.
        navigation.register("گزارش خطا", "support:fault_report_new", group="میز خدمت", order=95)
