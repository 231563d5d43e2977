"""Service D's landing panel: the agencies' levels in the latest approved results (or one's own agency's)."""

from django.db.models import Count
from django.urls import reverse

from apps.accounts.permissions import PROVINCE, scopes_for, visible
from apps.core import landing
from apps.core.templatetags.jalali import fa

from .models import Cycle, Evaluation

EVALUATION = "evaluation.evaluation"


def agency_levels(user) -> landing.Panel | None:
    """Province readers see how many agencies reached each level in the latest approved cycle; an agency
    sees its own level, score and rank. Decided by the table's `evaluation.evaluation` view."""
    scopes = scopes_for(user, EVALUATION, "view")
    if not scopes:
        return None
    approved = visible(
        Evaluation.objects.filter(case__state="approved", cycle__phase=Cycle.Phase.FINAL).exclude(level=""),
        user,
        kind_name=EVALUATION,
    )
    latest = (
        approved.select_related("cycle", "organization")
        .order_by("-cycle__year", "organization__code")
        .first()
    )
    if latest is None:
        return None
    cycle = latest.cycle
    results = reverse("evaluation:cycle_detail", args=[cycle.pk])
    if max(scopes) < PROVINCE:
        return landing.Panel(
            title=f"ارزیابی عملکرد {latest.organization.name} — {fa(str(cycle.year))}",
            figures=[
                ("سطح", latest.level),
                ("امتیاز نهایی", latest.final_percent),
                ("رتبه در گروه", latest.group_rank or "—"),
            ],
            next_label="دیدن برگه ارزیابی",
            next_url=reverse("evaluation:evaluation_detail", args=[latest.pk]),
        )
    levels = list(
        approved.filter(cycle=cycle)
        .order_by()
        .values("level")
        .annotate(n=Count("id"))
        .order_by("-n", "level")
    )
    return landing.Panel(
        title=f"سطح ارزیابی دستگاه‌ها — {fa(str(cycle.year))}",
        figures=[("دستگاه ارزیابی‌شده", sum(r["n"] for r in levels))],
        charts=[
            landing.Chart(
                "شمار دستگاه‌ها در هر سطح",
                "doughnut",
                [r["level"] for r in levels],
                [{"label": "دستگاه", "data": [r["n"] for r in levels]}],
            )
        ],
        next_label="دیدن نتایج و رتبه‌بندی",
        next_url=results,
    )
