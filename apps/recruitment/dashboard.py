"""Service A's dashboard: quota vs registered vs approved per agency, and the time files spend per step.

The reports area shows it for every round; the round's own page builds it for that round alone.
"""

from django.db.models import Avg, DurationField, ExpressionWrapper, F

from apps.accounts.models import User
from apps.core.dashboards import Chart, Dashboard, ReportFilters, Table
from apps.core.digits import to_persian_digits
from apps.workflow.models import StepRecord

from . import permissions
from .models import Hire, JobQuota, Round
from .selectors import ledger_by_agency, ledger_totals
from .workflow import HIRE


def _quotas(user: User, round_: Round | None, filters: ReportFilters):
    quotas = JobQuota.objects.visible_to(user)
    if round_ is not None:
        quotas = quotas.filter(round=round_)
    if filters.organization_id:
        quotas = quotas.filter(agency_id=filters.organization_id)
    return quotas


def _days_per_step(user: User, round_: Round | None, filters: ReportFilters) -> list[tuple[str, float]]:
    hires = Hire.objects.visible_to(user)
    if round_ is not None:
        hires = hires.filter(round=round_)
    if filters.organization_id:
        hires = hires.filter(agency_id=filters.organization_id)
    records = StepRecord.objects.filter(case__hire__in=hires, finished_at__isnull=False)
    if filters.start:
        records = records.filter(started_at__date__gte=filters.start)
    if filters.end:
        records = records.filter(started_at__date__lte=filters.end)
    spent = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    averages = {
        row["state"]: row["avg"] for row in records.values("state").annotate(avg=Avg(spent)).order_by()
    }
    return [
        (step.label, round(averages[step.state].total_seconds() / 86400, 1))
        for step in HIRE.steps
        if step.state in averages
    ]


def recruitment_dashboard(*, user: User, filters: ReportFilters, round_: Round | None = None) -> Dashboard:
    quotas = _quotas(user, round_, filters)
    totals = ledger_totals(quotas=quotas)
    agencies = ledger_by_agency(quotas=quotas)
    names = [a["agency__name"] for a in agencies]
    steps = _days_per_step(user, round_, filters)
    return Dashboard(
        title=f"نظارت بر استخدام — {round_.title}" if round_ else "نظارت بر استخدام",
        figures=[
            ("سهمیه ابلاغی", totals["posts"]),
            ("تخصیص برای ثبت", totals["allocated"]),
            ("ثبت‌شده", totals["registered"]),
            ("تأیید نهایی", totals["approved"]),
        ],
        charts=[
            Chart(
                title="سهمیه، ثبت‌شده و تأییدشده به تفکیک دستگاه",
                kind="bar",
                labels=names,
                datasets=[
                    {"label": "سهمیه ابلاغی", "data": [a["posts"] for a in agencies]},
                    {"label": "ثبت‌شده", "data": [a["registered"] for a in agencies]},
                    {"label": "تأیید نهایی", "data": [a["approved"] for a in agencies]},
                ],
            ),
            Chart(
                title="میانگین ماندن پرونده در هر مرحله (روز)",
                kind="bar",
                labels=[label for label, _ in steps],
                datasets=[{"label": "روز", "data": [days for _, days in steps]}],
            ),
        ],
        tables=[
            Table(
                title="دفتر سهمیه به تفکیک دستگاه",
                headers=["دستگاه", "شغل محل", "سهمیه ابلاغی", "تخصیص", "ثبت‌شده", "تأیید نهایی"],
                rows=[
                    [a["agency__name"], a["jobs"], a["posts"], a["allocated"], a["registered"], a["approved"]]
                    for a in agencies
                ],
            ),
            Table(
                title="زمان هر مرحله",
                headers=["مرحله", "میانگین (روز)"],
                rows=[[label, to_persian_digits(days)] for label, days in steps],
            ),
        ],
    )


def build(*, user: User, filters: ReportFilters) -> Dashboard:
    """The reports area's entry: every round the user may see."""
    if not permissions.may_at_all(user, permissions.ROUND, "view"):
        return Dashboard(title="نظارت بر استخدام")
    return recruitment_dashboard(user=user, filters=filters)
