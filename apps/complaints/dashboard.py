"""The complaints and service-level dashboard, registered once for the reports area and shown on its own page."""

from collections import Counter

from django.db.models import Avg

from apps.accounts.permissions import may_at_all
from apps.core.dashboards import Chart, Dashboard, ReportFilters, Table
from apps.core.jalali import today

from . import selectors
from .models import Complaint
from .permissions import SATISFACTION
from .workflow import COMPLAINT

LEVEL_HEADERS = [
    "خدمت",
    "مرحله",
    "مهلت (روز کاری)",
    "پایان‌یافته",
    "درصد به‌موقع",
    "میانه روزهای کاری",
    "صدک ۹۰ روزهای کاری",
    "باز",
    "دارای دیرکرد",
]


def level_table_rows(levels) -> list[list]:
    return [
        [
            row.process_label,
            row.step_label,
            row.allowance_days,
            row.finished,
            "" if row.on_time_percent is None else row.on_time_percent,
            "" if row.median_days is None else row.median_days,
            "" if row.percentile_days is None else row.percentile_days,
            row.open_now,
            row.overdue_now,
        ]
        for row in levels
    ]


def build(*, user, filters: ReportFilters) -> Dashboard:
    filters = selectors.effective_filters(user=user, filters=filters)
    levels = selectors.service_levels_for_user(user=user, filters=filters)
    cases = selectors.complaint_cases_for_user(user=user, filters=filters)
    states = Counter(cases.values_list("state", flat=True))
    overdue = cases.filter(is_closed=False, due_date__lt=today()).count()
    rating = Complaint.objects.filter(case__in=cases, rating__isnull=False).aggregate(avg=Avg("rating"))[
        "avg"
    ]
    # The satisfaction scores are the province staff's (the table); an agency's board leaves them out.
    shows_satisfaction = may_at_all(user, SATISFACTION, "view")
    satisfaction = selectors.satisfaction_summary(user=user, filters=filters) if shows_satisfaction else []
    measured = [row for row in levels if row.finished]
    return Dashboard(
        title="شکایات، سطح خدمات و رضایت",
        figures=[
            ("شکایات و پیشنهادها", sum(states.values())),
            ("باز", sum(n for state, n in states.items() if state != "closed")),
            ("دارای دیرکرد", overdue),
            ("میانگین امتیاز پاسخ‌ها", round(rating, 2) if rating is not None else "—"),
        ],
        charts=[
            Chart(
                title="درصد انجام به‌موقع هر مرحله",
                kind="bar",
                labels=[f"{row.process_label} — {row.step_label}" for row in measured],
                datasets=[{"label": "درصد به‌موقع", "data": [row.on_time_percent for row in measured]}],
            ),
            Chart(
                title="شکایات بر پایه وضعیت",
                kind="doughnut",
                labels=[COMPLAINT.step(state).label for state in states],
                datasets=[{"label": "تعداد", "data": list(states.values())}],
            ),
        ],
        tables=[
            Table(title="سطح خدمات هر مرحله", headers=LEVEL_HEADERS, rows=level_table_rows(levels)),
            *(
                [
                    Table(
                        title="رضایت خدمت‌گیرندگان",
                        headers=["خدمت", "مرحله", "تعداد پاسخ", "میانگین امتیاز (از ۵)"],
                        rows=[
                            [r.process_label, r.step_label or "کل خدمت", r.responses, r.average]
                            for r in satisfaction
                        ],
                    )
                ]
                if shows_satisfaction
                else []
            ),
        ],
    )
