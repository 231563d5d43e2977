"""Totals, levels and ranks computed from the stored scores: for the results, the what-if and levelling."""

from decimal import Decimal

from django.db.models import DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce

from .models import Cycle, Evaluation, IndexScore
from .rules import Standing, Weighted, rank_within_groups, weighted_percent


def _percents(scores, overrides: dict[int, Decimal]) -> dict[int, Decimal]:
    """Each evaluation's weighted total, summed by the database: a province's cycle holds 75 × 150 scores,
    which took a second to load as objects on every results page. A what-if override moves its agency's
    sum by the difference it makes."""
    money = DecimalField(max_digits=20, decimal_places=4)
    weight = F("index__weight")
    effective = Coalesce("rescore", "evaluator_score", "hq_score", Value(Decimal(0)), output_field=money)
    sums = {
        row["evaluation_id"]: [row["obtained"], row["possible"]]
        for row in scores.order_by()
        .values("evaluation_id")
        .annotate(
            obtained=Sum(weight * effective, output_field=money),
            possible=Sum(weight * F("index__max_score"), output_field=money),
        )
    }
    if overrides:
        changed = IndexScore.objects.filter(pk__in=list(overrides), evaluation_id__in=list(sums))
        for s in changed.select_related("index"):
            sums[s.evaluation_id][0] += s.index.weight * (
                Decimal(overrides[s.pk]) - Decimal(s.effective or 0)
            )
    return {
        pk: weighted_percent([Weighted(obtained, possible, Decimal(1))])
        for pk, (obtained, possible) in sums.items()
    }


def evaluation_percent(evaluation: Evaluation) -> Decimal:
    scores = IndexScore.objects.filter(evaluation=evaluation)
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
    scores = IndexScore.objects.filter(evaluation__in=evaluations)
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
