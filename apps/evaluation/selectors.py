"""Every read of service D, scoped to the user who asks."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.accounts import permissions

from .models import (
    Attendance,
    BodyMember,
    CircularAttachment,
    Cycle,
    CyclePhaseDate,
    Evaluation,
    EvidenceFile,
    Index,
    IndexScore,
    Nomination,
    Objection,
    OrientationSession,
    ScoreEntry,
)
from .rules import Standing
from .scoring import cycle_standings


def cycle_list(*, user, province: int | None = None) -> QuerySet[Cycle]:
    """Cycles are province-wide announcements: whoever the table lets read cycles reads their province's
    (the national body every province's, narrowed to one by `province`)."""
    cycles = permissions.visible(Cycle.objects.all(), user, kind_name="evaluation.cycle")
    if province is not None:
        cycles = cycles.filter(province_id=province)
    return (
        cycles.select_related("province")
        .annotate(index_count=Count("indices", distinct=True))
        .order_by("-year", "province__name", "pk")
    )


def cycle_get(*, user, pk: int) -> Cycle:
    """A cycle this person may see: their province's, or any for the nation's roles. Every page and call
    about one cycle (its indices, bodies, results, nominations…) reads it so, whatever its own rule's kind,
    so that none reaches another province's cycle: one out of reach is not found, as a row a list leaves out."""
    cycles = permissions.visible(
        Cycle.objects.select_related("case"), user, "view", kind_name="evaluation.cycle"
    )
    return get_object_or_404(cycles, pk=pk)


def cycle_calendar(*, cycle: Cycle) -> QuerySet[CyclePhaseDate]:
    """The cycle's phases in order; as public as the cycle itself."""
    return cycle.calendar.order_by("starts_on", "id")


def circular_attachment_list(*, cycle: Cycle) -> QuerySet[CircularAttachment]:
    """A circular's attachments are as public as its cycle's page: any signed-in user."""
    return cycle.circular_attachments.order_by("uploaded_at", "id")


def circular_attachment_get(*, pk: int) -> CircularAttachment:
    """A circular's attachment is as public as its cycle's page: any signed-in user."""
    return get_object_or_404(CircularAttachment, pk=pk)


def cycle_latest() -> Cycle | None:
    return Cycle.objects.order_by("-year").first()


def index_list(*, cycle: Cycle, filters: dict | None = None) -> QuerySet[Index]:
    filters = filters or {}
    indices = cycle.indices.annotate(agency_count=Count("agencies"))
    if filters.get("kind"):
        indices = indices.filter(kind=filters["kind"])
    if filters.get("q"):
        indices = indices.filter(Q(code__icontains=filters["q"]) | Q(title__icontains=filters["q"]))
    return indices.order_by("kind", "code")


def evaluation_list_for_user(
    *, user, cycle: Cycle, filters: dict | None = None, action: str = "view"
) -> QuerySet[Evaluation]:
    """The agencies' evaluations the person reaches: their agency's, an evaluator's assigned ones, or all."""
    filters = filters or {}
    evaluations = Evaluation.objects.visible_to(user, action).filter(cycle=cycle)
    if filters.get("state"):
        evaluations = evaluations.filter(case__state=filters["state"])
    return evaluations.select_related("organization", "case").order_by("organization__code")


def evaluation_get_for_user(*, user, pk: int, action: str = "view") -> Evaluation:
    return permissions.get_or_refuse(
        Evaluation.objects.select_related("organization", "case", "cycle"),
        user,
        action,
        kind_name="evaluation.evaluation",
        pk=pk,
    )


def evaluation_for_case(*, case) -> Evaluation | None:
    return Evaluation.objects.filter(case=case).select_related("cycle").first()


def evaluator_scores_visible(*, user, evaluation: Evaluation) -> bool:
    """Whether the user may read the evaluator team's scores and comments on this evaluation.

    The management development group, the deputy, the head and the evaluators assigned to the agency
    always (`evaluation.evaluator_score`); the agency itself only once its initial results are announced
    (seed row 14: `evaluation.announced_score`, the states of ANNOUNCED_STATES).
    """
    scores = IndexScore.objects.filter(evaluation=evaluation)
    return any(
        permissions.visible(scores, user, kind_name=name).exists()
        for name in ("evaluation.evaluator_score", "evaluation.announced_score")
    )


# The history entries that carry the evaluator team's scores: its own, and its re-scores after objections.
EVALUATOR_STAGES = (ScoreEntry.Stage.EVALUATOR, ScoreEntry.Stage.RESCORE)


def scores_for_evaluation(*, user, evaluation: Evaluation) -> list[IndexScore]:
    """The sheet and the objection workbench: claim, each score, objections and history per index.

    Before the announcement an agency reads its own claims and its headquarters' scores, and the evaluator
    team's columns come back empty: they are blanked here, in the one read the page and the API share,
    so neither can show them by mistake. The rows are for reading only; nothing saves them.
    """
    visible = evaluator_scores_visible(user=user, evaluation=evaluation)
    history = ScoreEntry.objects.select_related("actor").order_by("id")
    if not visible:
        history = history.exclude(stage__in=EVALUATOR_STAGES)
    scores = list(
        IndexScore.objects.filter(evaluation=evaluation)
        .select_related("index")
        .prefetch_related(
            "evidence",
            Prefetch("objections", queryset=Objection.objects.select_related("evidence").order_by("id")),
            Prefetch("history", queryset=history),
        )
        .order_by("index__kind", "index__code")
    )
    if not visible:
        for score in scores:
            score.evaluator_score, score.evaluator_comment, score.rescore = None, "", None
    return scores


def score_get_for_user(*, user, pk: int) -> IndexScore:
    """One index of an evaluation the person reaches (its claim, or its scores). The routes naming a score
    declare their own rule on it; an objection's route names the kind as a whole, so an unknown score here
    is a plain 404."""
    scores = IndexScore.objects.select_related("evaluation__case", "evaluation__cycle", "index")
    return get_object_or_404(permissions.visible(scores, user), pk=pk)


def objection_list_for_user(*, user, cycle: Cycle, action: str = "view") -> QuerySet[Objection]:
    return (
        Objection.objects.visible_to(user, action)
        .filter(score__evaluation__cycle=cycle)
        .select_related(
            "score__index", "score__evaluation__organization", "score__evaluation__case", "evidence"
        )
        .order_by("answered_at", "id")
    )


def evaluators_by_ids(ids) -> list:
    """The people named for an evaluator team; the service refuses any who is not an evaluator."""
    from apps.accounts.models import User

    people = list(User.objects.filter(pk__in=set(ids)))
    if len(people) != len(set(ids)):
        raise Http404
    return people


def evaluator_choices(*, province_id: int | None) -> list:
    """The active evaluators of the province's Organization, for naming an agency's evaluator team."""
    from apps.accounts.roles import OrgKind, Role
    from apps.accounts.selectors import users_with_roles

    people = users_with_roles(Role.EVALUATOR).filter(
        organization__kind=OrgKind.PROVINCE, organization__province_id=province_id
    )
    return list(people.order_by("last_name", "pk"))


def objections_open_to(*, user, evaluation: Evaluation, action: str = "view") -> bool:
    """Whether any of this evaluation's objections is open to `action` by the person (the answer button)."""
    rows = Objection.objects.filter(score__evaluation=evaluation)
    return permissions.visible(rows, user, action, kind_name="evaluation.objection").exists()


def objection_get_for_user(*, user, pk: int) -> Objection:
    return permissions.get_or_refuse(Objection.objects.select_related("score"), user, pk=pk)


def vault_list_for_user(*, user, action: str = "view") -> QuerySet[EvidenceFile]:
    """The vault: the agency's own files, an evaluator's assigned agencies' evidence, or the province's."""
    return (
        EvidenceFile.objects.visible_to(user, action)
        .select_related("organization")
        .order_by("organization__code", "title", "-version")
    )


def evidence_get_for_user(*, user, pk: int) -> EvidenceFile:
    return permissions.get_or_refuse(EvidenceFile.objects.all(), user, pk=pk)


def nomination_list_for_user(*, user, cycle: Cycle, action: str = "view") -> QuerySet[Nomination]:
    return (
        Nomination.objects.visible_to(user, action)
        .filter(cycle=cycle)
        # The case: each row's buttons are its step's declared actions (`record_actions`).
        .select_related("organization", "case")
        .order_by("organization__code", "id")
    )


def nomination_get_for_user(*, user, pk: int) -> Nomination:
    return permissions.get_or_refuse(Nomination.objects.select_related("case"), user, pk=pk)


def session_list(*, cycle: Cycle) -> QuerySet[OrientationSession]:
    return cycle.sessions.annotate(
        present=Count("attendance", filter=Q(attendance__present=True)), invited=Count("attendance")
    )


def session_get(*, pk: int) -> OrientationSession:
    return get_object_or_404(OrientationSession.objects.select_related("cycle"), pk=pk)


def attendance_for_user(*, user, session: OrientationSession, action: str = "view") -> QuerySet[Attendance]:
    return Attendance.objects.visible_to(user, action).filter(session=session).select_related("organization")


def index_averages(*, cycle: Cycle) -> list[dict]:
    """Each index's average final share of its ceiling over the approved agencies, for tables and charts.

    Summed by the database: a province's cycle has 11,250 scores, too many to load as objects for a chart.
    """
    effective = Coalesce(
        "rescore", "evaluator_score", "hq_score", Value(Decimal(0)), output_field=DecimalField()
    )
    rows = (
        IndexScore.objects.filter(evaluation__cycle=cycle, evaluation__case__state="approved")
        .order_by()
        .values("index__code", "index__title", "index__max_score")
        .annotate(total=Sum(effective), count=Count("id"))
        .order_by("index__code")
    )
    return [
        {
            "code": row["index__code"],
            "title": row["index__title"],
            "percent": round(row["total"] * 100 / (row["index__max_score"] * row["count"]), 1),
        }
        for row in rows
    ]


def standings(
    *, cycle: Cycle, overrides: dict | None = None, bands: list[dict] | None = None
) -> list[Standing]:
    """Every agency's current total, level and rank; with overrides or bands, the council's what-if."""
    return cycle_standings(cycle, overrides=overrides, bands=bands)


def public_results(*, cycle: Cycle) -> list[Standing]:
    """Approved totals, levels and ranks only: no names of people, no scores per index."""
    if cycle.phase != Cycle.Phase.FINAL:
        return []
    return cycle_standings(cycle, states=("approved",))


def agency_scores(organization_id: int, years) -> dict[int, float]:
    """Provider `evaluation.agency_scores`: an agency's approved final total per Jalali year."""
    rows = Evaluation.objects.filter(
        organization_id=organization_id,
        cycle__year__in=list(years),
        case__state="approved",
        final_percent__isnull=False,
    ).values_list("cycle__year", "final_percent")
    return {year: float(percent) for year, percent in rows}


def disputed_scores(*, cycle: Cycle) -> QuerySet[IndexScore]:
    """Scores that drew an objection, for the council's what-if."""
    return (
        IndexScore.objects.filter(evaluation__cycle=cycle, objections__isnull=False)
        .distinct()
        .select_related("index", "evaluation__organization")
        .order_by("evaluation__organization__code", "index__code")
    )


def public_cycles(*, year: int) -> list[Cycle]:
    """The year's cycles whose final results are public: one per province, by the province's name."""
    return list(
        Cycle.objects.filter(year=year, phase=Cycle.Phase.FINAL)
        .select_related("province")
        .order_by("province__name", "pk")
    )


def public_cycle_pick(*, cycles: list[Cycle], asked: int | None, reader_province: int | None) -> Cycle | None:
    """Which province's results a public page shows: the one asked for; else the reader's own; else the only
    one there is. None when several provinces have results and none is chosen (the page offers them)."""
    by_province = {cycle.province_id: cycle for cycle in cycles}
    if asked is not None:
        return by_province.get(asked)
    if reader_province in by_province:
        return by_province[reader_province]
    return cycles[0] if len(cycles) == 1 else None


def member_get(*, pk: int) -> BodyMember:
    """Bodies are province-wide like their cycle: any signed-in user may read a member."""
    return get_object_or_404(BodyMember.objects.select_related("body__cycle", "letter"), pk=pk)


def member_list(*, cycle: Cycle) -> QuerySet[BodyMember]:
    return (
        BodyMember.objects.filter(body__cycle=cycle)
        .select_related("body", "letter")
        .order_by("body__kind", "id")
    )
