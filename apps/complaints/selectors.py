"""Reads of issue 7: complaints scoped to the user, service-level figures from the step records,
satisfaction summaries, maintenance notices and the desk's uptime."""

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.accounts import permissions
from apps.accounts.models import Organization, User
from apps.accounts.permissions import province_of
from apps.accounts.provinces import province_filter_value, reaches_every_province
from apps.accounts.roles import OrgKind
from apps.accounts.selectors import users_with_roles
from apps.catalog.content import SERVICES, service_by_slug
from apps.core import dashboards
from apps.core.dashboards import ReportFilters
from apps.core.digits import normalize_text
from apps.core.jalali import today
from apps.core.models import MaintenanceNotice
from apps.core.workdays import WorkCalendar
from apps.workflow.models import Case, StepRecord
from apps.workflow.process import Process, all_processes
from apps.workflow.selectors import case_track_public

from .models import Complaint, HealthSample, SatisfactionResponse
from .permissions import COMPLAINT_CASE, REPORT, SATISFACTION, SERVICE_LEVEL, sees_every_agency
from .rules import SERVICE_LEVEL_PERCENTILE, UPTIME_WINDOWS_DAYS
from .workflow import COMPLAINT, HANDLING_UNIT, ORG_HANDLERS


def complaint_list_for_user(*, user, filters: dict | None = None) -> QuerySet[Complaint]:
    """The complaints the table lets this person see (`complaints.case`, view)."""
    filters = filters or {}
    cases = permissions.visible(Case.objects.all(), user, "view", kind_name=COMPLAINT_CASE)
    complaints = Complaint.objects.filter(case__in=cases).select_related("case", "case__owner", "assignee")
    code = normalize_text(filters.get("q") or "")
    if code:
        complaints = complaints.filter(Q(case__tracking_code=code) | Q(text__icontains=code))
    if filters.get("state"):
        complaints = complaints.filter(case__state=filters["state"])
    if filters.get("kind"):
        complaints = complaints.filter(kind=filters["kind"])
    # Narrows what the table lets the person see to one province; it never widens it.
    province = province_filter_value(filters.get("province", ""))
    if province is not None:
        complaints = complaints.filter(case__owner__province_id=province)
    return complaints.order_by("-case__created_at", "-id")


def complaint_get_for_user(*, user, tracking_code: str, action: str = "view") -> Complaint:
    """One complaint by its case's code: 404 out of the person's reach, 403 when `action` is refused."""
    case = permissions.get_or_refuse(
        Case.objects.all(), user, action, kind_name=COMPLAINT_CASE, tracking_code=tracking_code
    )
    return Complaint.objects.select_related("case", "case__owner", "assignee").get(case=case)


def complaint_track_public(*, tracking_code: str, mobile: str) -> Complaint | None:
    """The complainant's view from the code and the mobile they gave; other processes answer nothing."""
    case = case_track_public(tracking_code=tracking_code, mobile=mobile)
    if case is None or case.process != COMPLAINT.name:
        return None
    return Complaint.objects.select_related("case").get(case=case)


def complaint_handlers(*, province_id: int | None) -> QuerySet[User]:
    """The staff of the province's Organization a complaint may be assigned to: the handling group and those
    above it (another province's Organization handles its own province's complaints)."""
    staff = users_with_roles(*ORG_HANDLERS).filter(
        organization__kind=OrgKind.PROVINCE, organization__province_id=province_id
    )
    return staff.filter(Q(unit__code=HANDLING_UNIT) | Q(unit__isnull=True)).order_by("last_name", "id")


def agencies_for_filter(*, user) -> QuerySet[Organization]:
    """The agencies a report may be narrowed to: all for figures that span agencies, else only one's own."""
    agencies = Organization.objects.filter(kind=OrgKind.AGENCY, is_active=True).order_by("code")
    if not sees_every_agency(user):
        return agencies.filter(pk=user.organization_id)
    # The Organization's figures span its own province's agencies; the national body's every province's.
    return agencies if reaches_every_province(user) else agencies.filter(province_id=province_of(user))


def effective_filters(*, user, filters: ReportFilters) -> ReportFilters:
    """An agency user's figures are always their own agency's, whatever the filter says."""
    if sees_every_agency(user):
        return filters
    return ReportFilters(start=filters.start, end=filters.end, organization_id=user.organization_id)


def dashboards_for(user) -> list[dashboards.DashboardEntry]:
    """The reports area's dashboards this person may see: a service's when they may view its cases."""
    if not permissions.may_at_all(user, REPORT, "view"):
        return []
    return [e for e in dashboards.entries() if permissions.may_at_all(user, f"{e.service}.case", "view")]


def _cases_in(cases: QuerySet[Case], filters: ReportFilters) -> QuerySet[Case]:
    if filters.organization_id:
        cases = cases.filter(owner_id=filters.organization_id)
    if filters.start:
        cases = cases.filter(created_at__date__gte=filters.start)
    if filters.end:
        cases = cases.filter(created_at__date__lte=filters.end)
    return cases


def complaint_cases_for_user(*, user, filters: ReportFilters) -> QuerySet[Case]:
    """Complaint cases for the dashboard: the user's scope, then the report's agency and date range."""
    filters = effective_filters(user=user, filters=filters)
    cases = permissions.visible(Case.objects.all(), user, "view", kind_name=COMPLAINT_CASE)
    return _cases_in(cases, filters)


@dataclass
class StepLevel:
    """The promise of one step against what happened: the row of every service-level page."""

    service: str
    process: str
    process_label: str
    state: str
    step_label: str
    allowance_days: int
    finished: int = 0
    on_time: int = 0
    median_days: float | None = None
    percentile_days: int | None = None
    open_now: int = 0
    overdue_now: int = 0

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.finished) if self.finished else None


def _percentile(values: list[int], percent: int) -> int | None:
    """Nearest-rank percentile: the smallest value at or above `percent` of the values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def _processes(service: str | None) -> list[Process]:
    return [p for p in all_processes() if service is None or p.service == service]


def service_levels(
    *,
    cases: QuerySet[Case] | None = None,
    records: QuerySet[StepRecord] | None = None,
    service: str | None = None,
) -> list[StepLevel]:
    """Per declared step with an allowance: on-time rate, median and percentile working days, overdue now;
    over the step records given (every one by default), of the cases given (every one by default)."""
    records = StepRecord.objects.all() if records is None else records
    if cases is not None:
        records = records.filter(case__in=cases)
    processes = _processes(service)
    rows = {
        (p.name, s.state): StepLevel(
            service=p.service,
            process=p.name,
            process_label=p.label,
            state=s.state,
            step_label=s.label,
            allowance_days=s.allowance.days,
        )
        for p in processes
        for s in p.steps
        if s.allowance and not s.final
    }
    records = records.filter(case__process__in=[p.name for p in processes]).values_list(
        "case__process", "state", "started_at", "finished_at", "due_date", "on_time"
    )
    calendar, now = WorkCalendar(), today()
    taken = defaultdict(list)
    for process, state, started_at, finished_at, due_date, on_time in records.iterator(chunk_size=2000):
        row = rows.get((process, state))
        if row is None:
            continue
        if finished_at is None:
            row.open_now += 1
            row.overdue_now += bool(due_date and due_date < now)
            continue
        row.finished += 1
        row.on_time += bool(on_time)
        taken[(process, state)].append(
            calendar.working_days_between(timezone.localdate(started_at), timezone.localdate(finished_at))
        )
    for key, values in taken.items():
        median = statistics.median(values)
        # Whole days print as whole numbers; a median between two stays show one decimal.
        rows[key].median_days = int(median) if median == int(median) else round(median, 1)
        rows[key].percentile_days = _percentile(values, SERVICE_LEVEL_PERCENTILE)
    return list(rows.values())


def service_levels_for_user(*, user, filters: ReportFilters, service: str | None = None) -> list[StepLevel]:
    """The step records the table lets this person count (`complaints.service_level`), in the report's
    agency and date range."""
    filters = effective_filters(user=user, filters=filters)
    records = permissions.visible(StepRecord.objects.all(), user, "view", kind_name=SERVICE_LEVEL)
    return service_levels(
        records=records.filter(case__in=_cases_in(Case.objects.all(), filters)), service=service
    )


def service_levels_public(*, service: str) -> list[StepLevel]:
    """The public page: counts over every agency, no case, person or agency named."""
    return service_levels(service=service)


def public_services() -> list[tuple[str, str]]:
    """(slug, title) of every catalog service and every other service with a declared process."""
    seen = {service.slug: service.title for service in SERVICES}
    for process in all_processes():
        catalog = service_by_slug(process.service)
        seen.setdefault(process.service, catalog.title if catalog else process.label)
    return list(seen.items())


def public_service_title(*, service: str) -> str | None:
    return dict(public_services()).get(service)


@dataclass
class SatisfactionRow:
    process_label: str
    step_label: str  # "" for the service as a whole
    responses: int
    average: float


def satisfaction_summary(*, user, filters: ReportFilters) -> list[SatisfactionRow]:
    """Average score per service and per step, over the surveys the user may see."""
    filters = effective_filters(user=user, filters=filters)
    answers = permissions.visible(SatisfactionResponse.objects.all(), user, "view", kind_name=SATISFACTION)
    answers = answers.filter(case__in=_cases_in(Case.objects.all(), filters)).values_list(
        "process", "score", "step_scores"
    )
    overall, per_step = defaultdict(list), defaultdict(list)
    for process, score, step_scores in answers:
        overall[process].append(score)
        for state, value in (step_scores or {}).items():
            per_step[(process, state)].append(value)
    rows = []
    for process in all_processes():
        if process.name not in overall:
            continue
        scores = overall[process.name]
        rows.append(SatisfactionRow(process.label, "", len(scores), round(statistics.mean(scores), 2)))
        for step in process.steps:
            values = per_step.get((process.name, step.state))
            if values:
                rows.append(
                    SatisfactionRow(process.label, step.label, len(values), round(statistics.mean(values), 2))
                )
    return rows


def satisfaction_answered(*, case: Case, user) -> bool:
    return SatisfactionResponse.objects.filter(case=case, respondent=user).exists()


def survey_steps(*, case: Case) -> list[tuple[str, str]]:
    """(state, label) of the steps with an allowance this case passed through, in order."""
    allowances = {s.state: s.label for s in case.process_def.steps if s.allowance}
    visited = StepRecord.objects.filter(case=case).order_by("id").values_list("state", flat=True)
    return [(state, allowances[state]) for state in dict.fromkeys(visited) if state in allowances]


def maintenance_notices() -> QuerySet[MaintenanceNotice]:
    """Planned maintenance that is on now or still to come (a notice without an end stays on)."""
    return MaintenanceNotice.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gte=timezone.now())).filter(
        Q(is_active=True) | Q(starts_at__gte=timezone.now())
    )


@dataclass
class Uptime:
    days: int
    samples: int
    ok: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.ok / self.samples, 2) if self.samples else None


def uptime(*, now: dt.datetime | None = None) -> list[Uptime]:
    """The share of the desk's own health checks that answered ok, over each window."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=max(UPTIME_WINDOWS_DAYS))
    samples = list(
        HealthSample.objects.filter(checked_at__gt=since, checked_at__lte=now).values_list("checked_at", "ok")
    )
    figures = []
    for days in UPTIME_WINDOWS_DAYS:
        start = now - dt.timedelta(days=days)
        window = [ok for at, ok in samples if at > start]
        figures.append(Uptime(days=days, samples=len(window), ok=sum(window)))
    return figures
