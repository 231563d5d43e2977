"""The cases' events for the desk's calendars (apps.calendars): the due dates of the cases waiting on the
person (their cartable) and the dates of the requests they filed, read through each service's case kinds.

A province's expert can have thousands of deadlines in a month, hundreds on one day: the month and the
week read at most what they show of each day (`case_events_capped`), the rest counted in the database
and left to the cartable, which lists them by due date."""

import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import Collate, RowNumber, TruncDate
from django.utils import timezone

from apps.accounts.permissions import kinds_of, visible
from apps.calendars.registry import Event, register_source, url_maker

from .models import Case
from .selectors import cartable_for_user

_FIELDS = ("pk", "state", "title", "tracking_code", "due_date")


def _deadline(row, url) -> Event:
    return Event(
        uid=f"workflow.due.{row['pk']}.{row['state']}",
        title=f"مهلت اقدام: {row['title']}",
        starts_on=row["due_date"],
        ends_on=row["due_date"],
        url=url(row["tracking_code"]),
        detail=f"کد رهگیری {row['tracking_code']} — {row['owner__name']}",
        mine=True,
        order=row["pk"],
    )


def _deadlines(user, start, end):
    return cartable_for_user(user=user).filter(due_date__range=(start, end))


def case_events(user, start, end) -> list[Event]:
    url = url_maker("workflow:case_detail")
    rows = _deadlines(user, start, end).values(*_FIELDS, "owner__name")
    return [_deadline(row, url) for row in rows] + _filed(user, start, end, url)


def _first_of_each_day(keys, day, per_day, *fields):
    """The rows of `keys` (a queryset of case keys), the first `per_day` of each `day` by (title, key), each
    with `on_day`: how many of its day there are. `keys` is read as a set of keys: a permission filter may
    join rows (and be DISTINCT), which must not multiply what the window counts."""
    # Python orders titles by code point, as PostgreSQL's "C" collation does; SQLite's default does too.
    title = Collate(F("title"), "C") if connection.vendor == "postgresql" else F("title")
    return (
        Case.objects.filter(pk__in=keys.order_by().values("pk"))
        .annotate(
            day=day,
            place_in_day=Window(RowNumber(), partition_by=[day], order_by=[title.asc(), F("pk").asc()]),
            on_day=Window(Count("pk"), partition_by=[day]),
        )
        .filter(place_in_day__lte=per_day)
        .values("pk", "state", "title", "tracking_code", "day", "on_day", *fields)
    )


def case_events_capped(user, start, end, per_day) -> tuple[list[Event], dict[tuple[dt.date, str], int]]:
    """`case_events` with at most `per_day` of each day of each kind (deadlines, filings, expected
    answers), the first in the calendar's order (title, then the case), and each day's count of the others:
    three queries, whatever the month holds."""
    url = url_maker("workflow:case_detail")
    events, more = [], defaultdict(int)

    def keep(kind, rows, make):
        shown, on_day = defaultdict(int), {}
        for row in rows:
            events.append(make(row))
            shown[row["day"]] += 1
            on_day[row["day"]] = row["on_day"]
        for day, count in on_day.items():
            more[day, kind] += count - shown[day]

    waiting = _deadlines(user, start, end)
    keep(
        "due",
        _first_of_each_day(waiting, F("due_date"), per_day, "owner__name"),
        lambda row: _deadline({**row, "due_date": row["day"]}, url),
    )
    start_at, end_at = _moments(start, end)
    mine = Case.objects.filter(created_by_id=user.pk)
    filed_on = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
    keep(
        "mine",
        _first_of_each_day(
            visible(mine.filter(created_at__range=(start_at, end_at)), user), filed_on, per_day
        ),
        lambda row: _filing(row, row["day"], url),
    )
    expected = visible(mine.filter(is_closed=False, due_date__range=(start, end)), user).exclude(
        pk__in=waiting.order_by().values("pk")
    )
    keep(
        "mine",
        _first_of_each_day(expected, F("due_date"), per_day),
        lambda row: _expected(row, row["day"], url),
    )
    return events, dict(more)


def _moments(start, end):
    # The filing day is read on Tehran's calendar (TIME_ZONE), as the person saw it.
    return (
        timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(end, dt.time.max)),
    )


def _filing(case, filed_on, url) -> Event:
    return Event(
        uid=f"workflow.filed.{case['pk']}",
        title=f"ثبت درخواست: {case['title']}",
        starts_on=filed_on,
        ends_on=filed_on,
        url=url(case["tracking_code"]),
        detail=f"کد رهگیری {case['tracking_code']}",
        mine=True,
        order=case["pk"],
    )


def _expected(case, due, url) -> Event:
    return Event(
        uid=f"workflow.expected.{case['pk']}.{case['state']}",
        title=f"موعد رسیدگی به درخواست شما: {case['title']}",
        starts_on=due,
        ends_on=due,
        url=url(case["tracking_code"]),
        detail=f"کد رهگیری {case['tracking_code']}",
        mine=True,
        order=case["pk"],
    )


def _filed(user, start, end, url) -> list[Event]:
    """The requests they filed: the day they filed it, and while it is open, the due date of its step
    (unless it waits on its own filer, a return to fix: that is already a deadline)."""
    start_at, end_at = _moments(start, end)
    filed = (
        visible(
            Case.objects.filter(created_by_id=user.pk).filter(
                Q(created_at__range=(start_at, end_at)) | Q(is_closed=False, due_date__range=(start, end))
            ),
            user,
        )
        .annotate(waiting=Exists(_deadlines(user, start, end).order_by().filter(pk=OuterRef("pk"))))
        .order_by("pk")
        .values("pk", "state", "title", "tracking_code", "due_date", "created_at", "is_closed", "waiting")
    )
    events = []
    for case in filed:
        filed_on = timezone.localdate(case["created_at"])
        if start <= filed_on <= end:
            events.append(_filing(case, filed_on, url))
        due = case["due_date"]
        if not case["is_closed"] and due and start <= due <= end and not case["waiting"]:
            events.append(_expected(case, due, url))
    return events


register_source(
    "workflow",
    "مهلت‌ها و درخواست‌های من",
    case_events,
    kinds=lambda: kinds_of(Case),
    capped=case_events_capped,
    # The cartable lists what waits on the person by due date; the case list, their own requests too.
    rest={
        "due": ("workflow:cartable", "مهلت دیگر در کارتابل"),
        "mine": ("workflow:case_list", "درخواست دیگر"),
    },
)
