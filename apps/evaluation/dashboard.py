"""Service D's dashboard: scores by agency and by index, and totals year over year."""

from decimal import Decimal

from django.db.models import Avg

from apps.accounts.permissions import province_of
from apps.core.dashboards import Chart, Dashboard, ReportFilters, Table
from apps.core.jalali import format_year

from .models import Cycle, Evaluation
from .selectors import index_averages


def build(*, user, filters: ReportFilters | None = None) -> Dashboard:
    filters = filters or ReportFilters()
    cycles = _cycles_in_range(filters)
    # A province's people read their province's cycles; the national body reads every province's.
    if province_of(user) is not None:
        cycles = cycles.filter(province_id=province_of(user))
    approved = Evaluation.objects.visible_to(user).filter(case__state="approved", cycle__in=cycles)
    if filters.organization_id:
        approved = approved.filter(organization_id=filters.organization_id)
    latest = cycles.filter(phase=Cycle.Phase.FINAL).order_by("-year").first()
    dashboard = Dashboard(title="ارزیابی عملکرد دستگاه‌ها")
    yearly = list(approved.values("cycle__year").annotate(avg=Avg("final_percent")).order_by("cycle__year"))
    dashboard.figures = [
        ("دوره‌های ارزیابی", cycles.count()),
        ("ارزیابی‌های تصویب‌شده", approved.count()),
        ("میانگین امتیاز آخرین دوره", _round(yearly[-1]["avg"]) if yearly else "—"),
    ]
    dashboard.charts.append(
        Chart(
            "میانگین امتیاز نهایی، سال به سال",
            "line",
            [str(r["cycle__year"]) for r in yearly],
            [{"label": "درصد امتیاز", "data": [_round(r["avg"]) for r in yearly]}],
        )
    )
    if latest is not None:
        rows = list(
            approved.filter(cycle=latest)
            .select_related("organization")
            .order_by("-final_percent", "organization__code")
        )
        dashboard.charts.append(
            Chart(
                f"امتیاز دستگاه‌ها — {format_year(latest.year)}",
                "bar",
                [e.organization.name for e in rows],
                [{"label": "درصد امتیاز", "data": [_round(e.final_percent) for e in rows]}],
            )
        )
        dashboard.tables.append(
            Table(
                f"سطح و رتبه دستگاه‌ها — {format_year(latest.year)}",
                ["دستگاه", "گروه", "امتیاز", "سطح", "رتبه در گروه"],
                [
                    [
                        e.organization.name,
                        e.organization.evaluation_group,
                        _round(e.final_percent),
                        e.level,
                        e.group_rank,
                    ]
                    for e in rows
                ],
            )
        )
        averages = index_averages(cycle=latest) if user.is_province_staff else []
        if averages:
            dashboard.charts.append(
                Chart(
                    f"میانگین درصد امتیاز هر شاخص — {format_year(latest.year)}",
                    "bar",
                    [a["code"] for a in averages],
                    [{"label": "درصد از سقف", "data": [float(a["percent"]) for a in averages]}],
                )
            )
    return dashboard


def _cycles_in_range(filters: ReportFilters):
    """Cycles whose circular was issued within the range.

    A cycle is one year's evaluation and its scores are a single yearly verdict, so the range picks whole
    cycles rather than the dates single scores were typed in; the circular's date is when the cycle ran.
    """
    cycles = Cycle.objects.all()
    if filters.start:
        cycles = cycles.filter(circular_date__gte=filters.start)
    if filters.end:
        cycles = cycles.filter(circular_date__lte=filters.end)
    return cycles


def _round(value) -> float:
    return float(round(Decimal(value or 0), 1))
