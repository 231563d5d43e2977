"""The cases' events for the desk's calendars (apps.calendars): the due dates of the cases waiting on the
person (their cartable) and the dates of the requests they filed, read through each service's case kinds.

A province's expert can have thousands of deadlines in a month, hundreds on one day: the month and the
week read at most what they show of each day (`case_events_capped`), the rest counted in the database
and left to the cartable, which lists them by due date."""

import datetime as dt

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import Collate, RowNumber
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


def case_events_capped(user, start, end, per_day) -> tuple[list[Event], dict[dt.date, int]]:
    """The first `per_day` deadlines of each day in the calendar's order (title, then the case), with each
    day's count of the others, in one query; the requests the person filed as `case_events` reads them."""
    url = url_maker("workflow:case_detail")
    # The cartable as a set of keys: its permission filter may join rows (and be DISTINCT), which must not
    # multiply what the window counts.
    day = [F("due_date")]
    # Python orders titles by code point, as PostgreSQL's "C" collation does; SQLite's default does too.
    title = Collate(F("title"), "C") if connection.vendor == "postgresql" else F("title")
    rows = (
        Case.objects.filter(pk__in=_deadlines(user, start, end).order_by().values("pk"))
        .annotate(
            place_in_day=Window(RowNumber(), partition_by=day, order_by=[title.asc(), F("pk").asc()]),
            on_day=Window(Count("pk"), partition_by=day),
        )
        .filter(place_in_day__lte=per_day)
        .values(*_FIELDS, "owner__name", "on_day")
    )
    events, shown, on_day = [], {}, {}
    for row in rows:
        events.append(_deadline(row, url))
        shown[row["due_date"]] = shown.get(row["due_date"], 0) + 1
        on_day[row["due_date"]] = row["on_day"]
    more = {d: on_day[d] - shown[d] for d in on_day}
    return events + _filed(user, start, end, url), more


def _filed(user, start, end, url) -> list[Event]:
    """The requests they filed: the day they filed it, and while it is open, the due date of its step
    (unless it waits on its own filer, a return to fix: that is already a deadline). The filing day is read
    on Tehran's calendar (TIME_ZONE), as the person saw it."""
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end_at = timezone.make_aware(dt.datetime.combine(end, dt.time.max))
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
            events.append(
                Event(
                    uid=f"workflow.filed.{case['pk']}",
                    title=f"ثبت درخواست: {case['title']}",
                    starts_on=filed_on,
                    ends_on=filed_on,
                    url=url(case["tracking_code"]),
                    detail=f"کد رهگیری {case['tracking_code']}",
                    mine=True,
                )
            )
        due = case["due_date"]
        if not case["is_closed"] and due and start <= due <= end and not case["waiting"]:
            events.append(
                Event(
                    uid=f"workflow.expected.{case['pk']}.{case['state']}",
                    title=f"موعد رسیدگی به درخواست شما: {case['title']}",
                    starts_on=due,
                    ends_on=due,
                    url=url(case["tracking_code"]),
                    detail=f"کد رهگیری {case['tracking_code']}",
                    mine=True,
                )
            )
    return events


register_source(
    "workflow",
    "مهلت‌ها و درخواست‌های من",
    case_events,
    kinds=lambda: kinds_of(Case),
    capped=case_events_capped,
    rest=("workflow:cartable", "مهلت دیگر در کارتابل"),
)
