"""Service B: training courses for government employees (seed 002)."""

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "apps.training"
    verbose_name = "آموزش کارکنان دولت"

    def ready(self):
        from apps.core import dashboards, demo, freshness, landing, navigation, providers

        from . import documents, permissions, workflow  # noqa: F401  (the document kind and the process)
        from .dashboard import build as dashboard_build
        from .demo import build as demo_build
        from .landing import my_training
        from .models import (
            CourseEvaluation,
            CourseSession,
            Learner,
            Meeting,
            SatisfactionSurvey,
            TrainingRequest,
        )
        from .providers import hours_per_employee, management_courses

        # A request, its learners and its two forms are the requesting agency's; the courses and sessions
        # that gather several agencies' requests are not (apps/core/freshness.py).
        freshness.agency_tables(TrainingRequest, Learner, agency="organization")
        freshness.agency_tables(CourseEvaluation, SatisfactionSurvey, agency="request__organization")
        # A session's lifecycle is its own case, opened by the training group (services/sessions.py); the
        # session, its meetings and its case are seen within an agency only by the agencies whose requests it
        # took (its kinds' agency scope, permissions.py), so its steps are theirs, not every agency's.
        freshness.organization_records(
            CourseSession,
            agencies="requests__organization",
            province="course__province",
            rows={Meeting: "session"},
        )
        # A person's own learner rows are found by their national ID, whichever agency enrolled them: an
        # employee who reads their own reads across.
        freshness.own_beyond_agency(
            permissions.REQUEST,
            permissions.SESSION,
            permissions.LEARNER,
            permissions.HISTORY,
            permissions.LEARNER_CERTIFICATE,
            f"document.{permissions.CERTIFICATE_CODE}",
        )

        demo.register("training.requests", demo_build, order=40)
        landing.register("training.mine", my_training, order=30)
        navigation.register("تقویم آموزشی", "training:calendar", group="آموزش", order=30)
        # Each entry shows to whom its page's rule (apps/training/permissions.py) opens it.
        navigation.register("درخواست‌های آموزش", "training:request_list", group="آموزش", order=31)
        navigation.register("برنامه‌ریزی دوره‌ها", "training:planning", group="آموزش", order=32)
        navigation.register("سوابق آموزشی", "training:history", group="آموزش", order=33)
        dashboards.register("training", "آموزش کارکنان", dashboard_build, order=20)
        providers.provide("training.management_courses", management_courses)
        providers.provide("training.hours_per_employee", hours_per_employee)
