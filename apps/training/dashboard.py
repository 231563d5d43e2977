"""Service B's dashboard: courses run, participants, pass rate, satisfaction per course and instructor, and
the agencies' training hours; one build for the reports area and the service's own page."""

from django.db.models import Avg, Count, Q, Sum

from apps.core.dashboards import Chart, Dashboard, ReportFilters, Table

from . import selectors
from .models import CourseSession

RUN_STATES = (
    CourseSession.State.HELD,
    CourseSession.State.EXAMINED,
    CourseSession.State.CERTIFIED,
)


def _learners(user, filters: ReportFilters):
    learners = selectors.dashboard_learners(user=user).filter(request__session__state__in=RUN_STATES)
    if filters.start:
        learners = learners.filter(request__session__ends_on__gte=filters.start)
    if filters.end:
        learners = learners.filter(request__session__ends_on__lte=filters.end)
    if filters.organization_id:
        learners = learners.filter(organization_id=filters.organization_id)
    return learners


def _surveys(user, filters: ReportFilters):
    surveys = selectors.dashboard_surveys(user=user)
    if filters.start:
        surveys = surveys.filter(request__session__ends_on__gte=filters.start)
    if filters.end:
        surveys = surveys.filter(request__session__ends_on__lte=filters.end)
    if filters.organization_id:
        surveys = surveys.filter(request__organization_id=filters.organization_id)
    return surveys


def _rate(passed: int, examined: int) -> float:
    return round(100 * passed / examined, 1) if examined else 0.0


def build(*, user, filters: ReportFilters | None = None) -> Dashboard:
    filters = filters or ReportFilters()
    learners = _learners(user, filters)
    surveys = _surveys(user, filters)
    passed_q = Q(passed=True)
    examined_q = Q(passed__isnull=False)

    per_course = list(
        learners.values("request__course__title")
        .annotate(
            sessions=Count("request__session", distinct=True),
            people=Count("pk"),
            n_passed=Count("pk", filter=passed_q),
            n_examined=Count("pk", filter=examined_q),
        )
        .order_by("request__course__title")
    )
    satisfaction_by_course = dict(
        surveys.values_list("request__course__title").annotate(score=Avg("satisfaction")).order_by()
    )
    per_instructor = list(
        surveys.values("request__session__instructor")
        .annotate(score=Avg("satisfaction"), answers=Count("pk"))
        .order_by("request__session__instructor")
    )
    per_agency = list(
        learners.filter(passed=True)
        .values("organization__name")
        .annotate(hours=Sum("request__course__hours"), people=Count("national_id", distinct=True))
        .order_by("organization__name")
    )
    totals = learners.aggregate(
        sessions=Count("request__session", distinct=True),
        people=Count("pk"),
        n_passed=Count("pk", filter=passed_q),
        n_examined=Count("pk", filter=examined_q),
    )
    overall = surveys.aggregate(score=Avg("satisfaction"))["score"]

    course_titles = [row["request__course__title"] for row in per_course]
    dashboard = Dashboard(
        title="آموزش کارکنان دولت",
        figures=[
            ("دوره‌های اجراشده", totals["sessions"]),
            ("شرکت‌کنندگان", totals["people"]),
            ("نرخ قبولی (درصد)", _rate(totals["n_passed"], totals["n_examined"])),
            ("میانگین رضایت (از ۵)", round(overall, 2) if overall is not None else "—"),
        ],
    )
    dashboard.charts = [
        Chart(
            "شرکت‌کنندگان و قبول‌شدگان هر دوره",
            "bar",
            course_titles,
            [
                {"label": "شرکت‌کنندگان", "data": [r["people"] for r in per_course]},
                {"label": "قبول‌شدگان", "data": [r["n_passed"] for r in per_course]},
            ],
        ),
        Chart(
            "نرخ قبولی هر دوره (درصد)",
            "bar",
            course_titles,
            [{"label": "نرخ قبولی", "data": [_rate(r["n_passed"], r["n_examined"]) for r in per_course]}],
        ),
        Chart(
            "رضایت از دوره‌ها (از ۵)",
            "bar",
            list(satisfaction_by_course),
            [{"label": "میانگین رضایت", "data": [round(v, 2) for v in satisfaction_by_course.values()]}],
        ),
        Chart(
            "رضایت از مدرسان (از ۵)",
            "bar",
            [r["request__session__instructor"] for r in per_instructor],
            [{"label": "میانگین رضایت", "data": [round(r["score"], 2) for r in per_instructor]}],
        ),
        Chart(
            "ساعات آموزش دستگاه‌ها",
            "bar",
            [r["organization__name"] for r in per_agency],
            [{"label": "ساعت آموزش گواهی‌شده", "data": [r["hours"] for r in per_agency]}],
        ),
    ]
    dashboard.tables = [
        Table(
            "دوره‌ها",
            ["دوره", "اجرا", "شرکت‌کنندگان", "قبول‌شدگان", "نرخ قبولی (درصد)", "رضایت (از ۵)"],
            [
                [
                    r["request__course__title"],
                    r["sessions"],
                    r["people"],
                    r["n_passed"],
                    _rate(r["n_passed"], r["n_examined"]),
                    round(satisfaction_by_course[r["request__course__title"]], 2)
                    if r["request__course__title"] in satisfaction_by_course
                    else "",
                ]
                for r in per_course
            ],
        ),
        Table(
            "مدرسان",
            ["مدرس", "پاسخ‌های نظرسنجی", "رضایت (از ۵)"],
            [[r["request__session__instructor"], r["answers"], round(r["score"], 2)] for r in per_instructor],
        ),
        Table(
            "ساعات آموزش دستگاه‌ها",
            ["دستگاه", "کارکنان گواهی‌گرفته", "ساعت آموزش گواهی‌شده", "سرانه ساعت"],
            [
                [r["organization__name"], r["people"], r["hours"], round(r["hours"] / r["people"], 2)]
                for r in per_agency
            ],
        ),
    ]
    return dashboard
