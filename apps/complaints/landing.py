"""The complaints app's landing panel: how often each service met its steps' allowances lately."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from apps.accounts.permissions import may_at_all, visible
from apps.core import landing
from apps.workflow.models import StepRecord
from apps.workflow.process import get_process

from .permissions import SERVICE_LEVEL

# The window the panel counts: long enough for every service to have finished steps, short enough to
# read a recent trend and to stay cheap on the step records' (finished_at, due_date) index.
WINDOW_DAYS = 90


def service_levels(user) -> landing.Panel | None:
    """On-time share of the steps finished in the last 90 days, per service, over the step records the
    table lets this person count (their agency's, their group's or the province's)."""
    if not may_at_all(user, SERVICE_LEVEL, "view"):
        return None
    since = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    records = visible(StepRecord.objects.all(), user, kind_name=SERVICE_LEVEL).filter(
        finished_at__gte=since, due_date__isnull=False
    )
    rows = (
        records.order_by()
        .values("case__process")
        .annotate(finished=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
    )
    services: dict[str, list[int]] = {}
    for row in rows:
        service = get_process(row["case__process"]).label
        done, kept = services.setdefault(service, [0, 0])
        services[service] = [done + row["finished"], kept + row["on_time"]]
    finished = sum(d for d, _ in services.values())
    kept = sum(k for _, k in services.values())
    panel = landing.Panel(
        title="سطح خدمات — ۹۰ روز گذشته",
        figures=[
            ("مرحله انجام‌شده", finished),
            ("درصد در مهلت", round(100 * kept / finished) if finished else "—"),
        ],
        empty="در ۹۰ روز گذشته مرحله‌ای انجام نشده است.",
        next_label="دیدن سطح خدمات هر مرحله",
        next_url=reverse("complaints:service_level_dashboard"),
    )
    if services:
        panel.charts.append(
            landing.Chart(
                "درصد مرحله‌های انجام‌شده در مهلت، هر فرایند",
                "bar",
                list(services),
                [{"label": "درصد در مهلت", "data": [round(100 * k / d) for d, k in services.values()]}],
                horizontal=True,
            )
        )
    return panel
