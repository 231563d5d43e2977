"""The workflow core's landing panels: the cases waiting on the person, their agency's open cases by
service, and the province's summary for those the permission table lets read the whole province."""

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import reverse

from apps.accounts.permissions import PROVINCE, Scope, kind, kinds_of, route_open_to, scopes_for, visible
from apps.core import landing
from apps.core.digits import to_persian_digits
from apps.core.jalali import today
from apps.core.templatetags.jalali import fa

from .models import Case
from .process import get_process
from .selectors import cartable_for_user

LIST_LENGTH = 5
# How many open cases the agency's panel lists, soonest deadline first, shared among its services.
AGENCY_LIST_LENGTH = 12
PER_SERVICE = 3
TOP_STEPS = 8


def _widest_case_scope(user) -> Scope | None:
    scopes = [s for name in kinds_of(Case) for s in scopes_for(user, name, "view")]
    return max(scopes) if scopes else None


def _service_label(service: str) -> str:
    # The table's own name for the service's cases ("پرونده‌های آموزش کارکنان دولت").
    try:
        return kind(f"{service}.case").label
    except KeyError:
        return service


def _item(case: Case, now: dt.date) -> landing.Item:
    return landing.Item(
        label=to_persian_digits(case.title),
        url=reverse("workflow:case_detail", args=[case.tracking_code]),
        detail=f"{case.state_label} — کد رهگیری {to_persian_digits(case.tracking_code)}",
        due=case.due_date,
        overdue=bool(case.due_date and case.due_date < now),
    )


def waiting_on_me(user) -> landing.Panel | None:
    """The cartable's head: how many cases wait on the person, how many are late, and the next one."""
    if not route_open_to(user, "workflow:cartable"):
        return None
    now = today()
    cases = cartable_for_user(user=user)
    counts = cases.order_by().aggregate(n=Count("id"), late=Count("id", filter=Q(due_date__lt=now)))
    first = list(cases.order_by(F("due_date").asc(nulls_last=True), "id")[:LIST_LENGTH])
    panel = landing.Panel(
        title="در انتظار اقدام شما",
        figures=[("پرونده در کارتابل", counts["n"]), ("دیرکرد", counts["late"])],
        items=[_item(c, now) for c in first],
        empty="پرونده‌ای در انتظار اقدام شما نیست.",
        more_url=reverse("workflow:cartable"),
        more_label="همه کارتابل",
    )
    if first:
        panel.next_label = f"اقدام بر «{to_persian_digits(first[0].title)}»"
        panel.next_url = _item(first[0], now).url
    return panel


def agency_cases(user) -> landing.Panel | None:
    """The open cases of the person's agency, by service, soonest deadline first: for those the table lets
    read their agency's cases but not the province's."""
    scope = _widest_case_scope(user)
    if scope is None or scope != Scope.AGENCY:
        return None
    now = today()
    open_cases = visible(Case.objects.filter(is_closed=False), user)
    counts = (
        open_cases.order_by()
        .values("process")
        .annotate(n=Count("id"), late=Count("id", filter=Q(due_date__lt=now)))
    )
    soonest = list(
        open_cases.select_related("owner").order_by(F("due_date").asc(nulls_last=True), "id")[
            :AGENCY_LIST_LENGTH
        ]
    )
    groups: dict[str, landing.Group] = {}
    for row in counts:
        service = get_process(row["process"]).service
        group = groups.setdefault(service, landing.Group(title=_service_label(service), count=0))
        group.count += row["n"]
        group.overdue += row["late"]
    for case in soonest:
        group = groups.get(case.process_def.service)
        if group is not None and len(group.items) < PER_SERVICE:
            group.items.append(_item(case, now))
    ordered = sorted(groups.values(), key=lambda g: (-g.overdue, -g.count))
    panel = landing.Panel(
        title="پرونده‌های باز دستگاه به تفکیک خدمت",
        groups=ordered,
        empty="پرونده بازی در دستگاه شما نیست.",
        more_url=reverse("workflow:case_list"),
        more_label="همه پرونده‌ها",
    )
    late = next((c for c in soonest if c.due_date and c.due_date < now), None) or (
        soonest[0] if soonest else None
    )
    if late is not None:
        panel.next_label = f"پیگیری «{to_persian_digits(late.title)}»"
        panel.next_url = _item(late, now).url
    return panel


def province_summary(user) -> landing.Panel | None:
    """The province at a glance, for those the table lets read every agency's cases (the head of the
    Organization, the deputy, the groups for their services): open cases by service and step, and overdue."""
    scope = _widest_case_scope(user)
    if scope is None or scope < PROVINCE:
        return None
    now = today()
    cases = visible(Case.objects.all(), user).order_by()
    by_step = list(
        cases.filter(is_closed=False)
        .values("process", "state")
        .annotate(n=Count("id"), late=Count("id", filter=Q(due_date__lt=now)))
    )
    closed = cases.filter(is_closed=True, closed_at__date__gte=now - dt.timedelta(days=30)).count()
    services: dict[str, list[int]] = {}
    steps = []
    for row in by_step:
        process = get_process(row["process"])
        on_time, late = services.setdefault(process.service, [0, 0])
        services[process.service] = [on_time + row["n"] - row["late"], late + row["late"]]
        steps.append((row["n"], f"{process.label}: {process.step(row['state']).label}", row["late"]))
    steps.sort(key=lambda s: -s[0])
    labels = [_service_label(s).removeprefix("پرونده‌های ") for s in services]
    open_total = sum(a + b for a, b in services.values())
    late_total = sum(b for _, b in services.values())
    panel = landing.Panel(
        title="خلاصه استان",
        wide=True,
        figures=[
            ("پرونده باز", open_total),
            ("دیرکرد", late_total),
            ("بسته‌شده در ۳۰ روز گذشته", closed),
        ],
        charts=[
            landing.Chart(
                "پرونده‌های باز به تفکیک خدمت",
                "bar",
                labels,
                [
                    {
                        "label": "در مهلت",
                        "data": [a for a, _ in services.values()],
                        "backgroundColor": "#0d6efd",
                    },
                    {
                        "label": "دیرکرد",
                        "data": [b for _, b in services.values()],
                        "backgroundColor": "#dc3545",
                    },
                ],
                stacked=True,
            ),
            landing.Chart(
                "پرونده‌های باز به تفکیک مرحله (پرشمارترین مرحله‌ها)",
                "bar",
                [label for _, label, _ in steps[:TOP_STEPS]],
                [
                    {
                        "label": "در مهلت",
                        "data": [n - late for n, _, late in steps[:TOP_STEPS]],
                        "backgroundColor": "#0d6efd",
                    },
                    {
                        "label": "دیرکرد",
                        "data": [late for _, _, late in steps[:TOP_STEPS]],
                        "backgroundColor": "#dc3545",
                    },
                ],
                horizontal=True,
                stacked=True,
            ),
        ],
        more_url=reverse("workflow:case_list"),
        more_label="همه پرونده‌های استان",
    )
    if late_total:
        panel.next_label = f"بررسی {fa(late_total)} پرونده دیرکرد"
        panel.next_url = reverse("workflow:case_list") + "?overdue=1"
    return panel
