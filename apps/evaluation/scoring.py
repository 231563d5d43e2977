"""Totals, levels and ranks computed from the stored scores: for the results, the what-if and levelling."""

from decimal import Decimal

from .models import Cycle, Evaluation, IndexScore
from .rules import Standing, Weighted, rank_within_groups, weighted_percent


def _percents(scores, overrides: dict[int, Decimal]) -> dict[int, Decimal]:
    by_evaluation: dict[int, list[Weighted]] = {}
    for s in scores:
        value = overrides.get(s.pk, s.effective)
        by_evaluation.setdefault(s.evaluation_id, []).append(
            Weighted(value, s.index.max_score, s.index.weight)
        )
    return {pk: weighted_percent(items) for pk, items in by_evaluation.items()}


def evaluation_percent(evaluation: Evaluation) -> Decimal:
    scores = IndexScore.objects.filter(evaluation=evaluation).select_related("index")
    return _percents(scores, {}).get(evaluation.pk, Decimal(0))


def cycle_standings(
    cycle: Cycle,
    *,
    overrides: dict[int, Decimal] | None = None,
    bands: list[dict] | None = None,
    states: tuple[str, ...] | None = None,
) -> list[Standing]:
    """Every agency's total, level and rank in its group; `overrides` (score id → value) and `bands` try a what-if."""
    evaluations = Evaluation.objects.filter(cycle=cycle).select_related("organization", "case")
    if states:
        evaluations = evaluations.filter(case__state__in=states)
    evaluations = list(evaluations)
    scores = IndexScore.objects.filter(evaluation__in=evaluations).select_related("index")
    percents = _percents(scores, overrides or {})
    standings = [
        Standing(
            evaluation_id=e.pk,
            organization=e.organization.name,
            group=e.organization.evaluation_group or "بدون گروه",
            percent=percents.get(e.pk, Decimal(0)),
        )
        for e in evaluations
    ]
    return rank_within_groups(standings, bands if bands is not None else cycle.bands)


def cycle_level(cycle: Cycle) -> list[Standing]:
    """Stores each agency's final total, level and group rank (سطح‌بندی و رتبه‌بندی) once all await the council."""
    standings = cycle_standings(cycle, states=("final_review", "approved"))
    rows = {e.pk: e for e in Evaluation.objects.filter(pk__in=[s.evaluation_id for s in standings])}
    for standing in standings:
        row = rows[standing.evaluation_id]
        row.final_percent, row.level, row.group_rank = standing.percent, standing.level, standing.rank
    Evaluation.objects.bulk_update(rows.values(), ["final_percent", "level", "group_rank"])
    return standings
