"""Service D: yearly performance evaluation of the province's agencies (seed 004)."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "apps.evaluation"
    verbose_name = "ارزیابی عملکرد دستگاه‌ها"

    def ready(self):
        from apps.core import dashboards, demo, freshness, landing, navigation, providers

        from . import documents, workflow  # noqa: F401  (register the process and the document kinds)
        from .dashboard import build as dashboard_build
        from .demo import build as demo_build
        from .landing import agency_levels
        from .models import (
            Body,
            BodyMember,
            CircularAttachment,
            Cycle,
            CyclePhaseDate,
            Evaluation,
            EvidenceFile,
            Index,
            IndexScore,
            Objection,
            OrientationSession,
            ScoreEntry,
        )
        from .selectors import agency_scores

        # An agency's evaluation, its claims and scores with their history, its evidence and objections are
        # that agency's; the cycles, indices and bodies are the Organization's (apps/core/freshness.py).
        freshness.agency_tables(Evaluation, EvidenceFile, agency="organization")
        freshness.agency_tables(IndexScore, agency="evaluation__organization")
        freshness.agency_tables(ScoreEntry, Objection, agency="score__evaluation__organization")
        # A cycle's timeline is its own case, opened by the Organization (services/cycles.py). Who sees a
        # cycle and the rows that are part of it (permissions.py): its kinds, and those of its circular's
        # attachments, indices, bodies' members and briefing sessions, have no agency scope, only the
        # cycle's province ("province", "cycle__province", "body__cycle__province"), granted to every
        # agency's officer, council secretary and head (`_CYCLE_READ`), to the evaluators and the
        # Organization's staff of the province, and to the nation; its calendar and its phase dates are read
        # through the cycle's kind. So every agency of its province sees it, and its steps move those
        # agencies and its province, not every province's.
        freshness.organization_records(
            Cycle,
            agencies=freshness.EVERY_AGENCY,
            province="province",
            rows={
                CyclePhaseDate: "cycle",
                CircularAttachment: "cycle",
                Index: "cycle",
                Body: "cycle",
                OrientationSession: "cycle",
            },
        )
        # Its records point only at documents the Organization issues to itself (the results book, the
        # festival's report, a body member's letter): a grant on a cycle or a member beyond the agency shows
        # no agency's document.
        freshness.organization_rows(Cycle, "results_book", "festival_report")
        freshness.organization_rows(BodyMember, "letter")
        demo.register("evaluation.cycle", demo_build, order=60)
        landing.register("evaluation.levels", agency_levels, order=60)
        providers.provide("evaluation.agency_scores", agency_scores)
        dashboards.register("evaluation", "ارزیابی عملکرد دستگاه‌ها", dashboard_build, order=40)
        # Who sees each entry is the rule of its page (permissions.py).
        navigation.register("دوره‌های ارزیابی", "evaluation:cycle_list", group="ارزیابی عملکرد", order=50)
        navigation.register("بایگانی مستندات", "evaluation:vault", group="ارزیابی عملکرد", order=51)
