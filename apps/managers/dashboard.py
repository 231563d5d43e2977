"""Service C's dashboard: the semi-annual report's figures, for the reports area and the managers' panel."""

from apps.core.dashboards import Chart, Dashboard, ReportFilters, Table

from .selectors import REPORT_HEADERS, period_current, period_of, report_rows


def build(*, user, filters: ReportFilters) -> Dashboard:
    period = period_of(filters.start) if filters.start else period_current()
    rows = report_rows(user=user, period=period, organization_id=filters.organization_id)
    totals = [sum(r[i] for r in rows) for i in range(1, len(REPORT_HEADERS))]
    figures = list(zip(REPORT_HEADERS[1:], totals, strict=True))
    top = sorted(rows, key=lambda r: -r[2])[:10]
    return Dashboard(
        title=f"انتصاب مدیران — {period.label}",
        figures=figures[:3] + figures[5:6],
        charts=[
            Chart(
                title="احکام صادرشده به تفکیک دستگاه",
                kind="bar",
                labels=[r[0] for r in top],
                datasets=[{"label": "احکام صادرشده", "data": [r[2] for r in top]}],
            )
        ],
        tables=[Table(title="گزارش شش‌ماهه", headers=REPORT_HEADERS, rows=rows)],
    )
