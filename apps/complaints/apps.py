"""Complaints and suggestions, service levels, satisfaction and reports across the desk."""

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "apps.complaints"
    verbose_name = "شکایات، پیشنهادها و گزارش‌ها"

    def ready(self):
        from apps.core import dashboards, demo, freshness, landing, navigation

        from . import dashboard, workflow  # noqa: F401  (workflow registers the process)
        from .demo import build
        from .landing import service_levels
        from .models import Complaint, SatisfactionResponse

        # A complaint and a satisfaction answer are their case's owner's, never shown to another agency, even
        # the one a complaint is about (permissions.py; apps/core/freshness.py).
        freshness.agency_tables(Complaint, SatisfactionResponse, agency="case__owner")

        demo.register("complaints.complaint", build, order=95)
        landing.register("complaints.service_levels", service_levels, order=50)
        navigation.register("شکایات و پیشنهادها", "complaints:complaint_list", group="شکایات", order=85)
        navigation.register("داشبوردهای خدمات", "complaints:reports", group="گزارش‌ها", order=90)
        # Each entry is shown to whom its page's rule admits (apps/complaints/permissions.py).
        navigation.register("رضایت", "complaints:satisfaction", group="گزارش‌ها", order=91)
        dashboards.register("complaints", "شکایات، سطح خدمات و رضایت", dashboard.build, order=900)
