"""Reads of the calendars: the Jalali month grid and the week of the person's events, and feed addresses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

import jdatetime

from apps.core.digits import to_latin_digits
from apps.core.jalali import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    JalaliDateError,
    format_date,
    month_length,
    parse_jalali_date,
    today,
)

from .models import FeedToken
from .registry import Event, Rest, capped_events_for, events_for, sources_for

ONE_DAY = dt.timedelta(days=1)
# The years a calendar page may be asked for: four-digit Jalali years, which jdatetime converts.
FIRST_YEAR, LAST_YEAR = 1000, 2999
# How far the private feed reaches: a month back, a year ahead (what a phone's calendar keeps in view).
FEED_DAYS_BEFORE, FEED_DAYS_AFTER = 31, 366
# A day of the month lists this many events; the others are a link to its week, which lists them all (a
# province's training expert can have hundreds of deadlines on one day).
MONTH_DAY_EVENTS = 4
# A day of the week lists at most this many deadlines of the cartable; the others are counted and linked
# to the cartable, which lists every case waiting on the person by due date (a week of a province's
# expert can hold thousands). Every other event of the week is listed.
WEEK_DAY_DEADLINES = 20


@dataclass
class Day:
    date: dt.date
    jalali: jdatetime.date
    in_month: bool
    is_today: bool
    events: list[Event]
    # What capped sources left out of this day (the cartable's further deadlines): counted, not read.
    rest: list[Rest] = dataclasses.field(default_factory=list)

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.jalali.weekday()]

    @property
    def month_name(self) -> str:
        return MONTH_NAMES[self.jalali.month - 1]

    @property
    def clash(self) -> bool:
        return any(e.clash for e in self.events)

    @property
    def shown(self) -> list[Event]:
        """What the month lists on this day."""
        return self.events[:MONTH_DAY_EVENTS]

    @property
    def more(self) -> int:
        """How many of the day's events the month leaves to the week."""
        return max(0, len(self.events) - MONTH_DAY_EVENTS) + sum(r.count for r in self.rest)

    @property
    def param(self) -> str:
        """The day as the week page's ?day= reads it."""
        return format_date(self.date, persian_digits=False)


@dataclass
class MonthView:
    """A month's frame (its name, its neighbours) and its days, read only when first shown: a page that
    keeps its grid (`{% listing %}`) reads no event while nothing it shows was written."""

    year: int
    month: int
    previous: tuple[int, int]
    following: tuple[int, int]
    read_days: Callable[[], list[Day]] = dataclasses.field(repr=False)

    @functools.cached_property
    def weeks(self) -> list[list[Day]]:
        days = self.read_days()
        return [days[i : i + 7] for i in range(0, len(days), 7)]

    @property
    def name(self) -> str:
        return MONTH_NAMES[self.month - 1]

    @property
    def length(self) -> int:
        return month_length(self.year, self.month)

    @property
    def days_with_events(self) -> list[Day]:
        """The month as a list (the phone's view): its own days that hold an event, or today."""
        return [d for week in self.weeks for d in week if d.in_month and (d.events or d.is_today)]


@dataclass
class WeekView:
    """A week's frame and its days, read only when first shown, as a month's are."""

    first: dt.date
    previous: dt.date
    following: dt.date
    read_days: Callable[[], list[Day]] = dataclasses.field(repr=False)

    @property
    def last(self) -> dt.date:
        return self.first + dt.timedelta(days=6)

    @functools.cached_property
    def days(self) -> list[Day]:
        return self.read_days()


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The Gregorian first and last days of a Jalali month (Esfand of a leap year has 30 days)."""
    first = jdatetime.date(year, month, 1).togregorian()
    return first, first + dt.timedelta(days=month_length(year, month) - 1)


def week_start(day: dt.date) -> dt.date:
    """The Saturday the Jalali week holding `day` starts on (jdatetime counts Saturday as weekday 0)."""
    return day - dt.timedelta(days=jdatetime.date.fromgregorian(date=day).weekday())


def month_asked(year: str | None, month: str | None) -> tuple[int, int]:
    """The month a page's ?year=&month= name, in Persian or Latin digits; this month when they name none."""
    current = jdatetime.date.fromgregorian(date=today())
    try:
        y, m = int(to_latin_digits(year or "")), int(to_latin_digits(month or ""))
    except ValueError:
        return current.year, current.month
    if FIRST_YEAR <= y <= LAST_YEAR and 1 <= m <= 12:
        return y, m
    return current.year, current.month


def day_asked(text: str | None) -> dt.date:
    """The day a week page's ?day= names (۱۴۰۵/۰۹/۱۲), or today."""
    try:
        day = parse_jalali_date(text or "")
    except JalaliDateError:
        return today()
    return day if FIRST_YEAR <= jdatetime.date.fromgregorian(date=day).year <= LAST_YEAR else today()


def _days(user, first: dt.date, last: dt.date, names, *, per_day: int, in_month=None) -> list[Day]:
    events, rest = capped_events_for(user, first, last, per_day=per_day, names=names)
    # Each event into the days it covers (mostly one to three), in the events' order.
    by_day: dict[dt.date, list[Event]] = {}
    for event in events:
        day = max(event.starts_on, first)
        while day <= min(event.ends_on, last):
            by_day.setdefault(day, []).append(event)
            day += ONE_DAY
    current, found, day = today(), [], first
    while day <= last:
        found.append(
            Day(
                date=day,
                jalali=jdatetime.date.fromgregorian(date=day),
                in_month=in_month(day) if in_month else True,
                is_today=day == current,
                events=by_day.get(day, []),
                rest=rest.get(day, []),
            )
        )
        day += ONE_DAY
    return found


def month_view(*, user, year: int, month: int, names=None) -> MonthView:
    """The month's grid, Saturday to Friday, with the days of the weeks it shares with its neighbours."""
    first, last = month_bounds(year, month)
    grid_first, grid_last = week_start(first), week_start(last) + dt.timedelta(days=6)
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return MonthView(
        year=year,
        month=month,
        previous=previous if previous[0] >= FIRST_YEAR else (year, month),
        following=following if following[0] <= LAST_YEAR else (year, month),
        read_days=lambda: _days(
            user,
            grid_first,
            grid_last,
            names,
            per_day=MONTH_DAY_EVENTS,
            in_month=lambda d: first <= d <= last,
        ),
    )


def week_view(*, user, day: dt.date, names=None) -> WeekView:
    first = week_start(day)
    return WeekView(
        first=first,
        previous=first - dt.timedelta(days=7),
        following=first + dt.timedelta(days=7),
        read_days=lambda: _days(user, first, first + dt.timedelta(days=6), names, per_day=WEEK_DAY_DEADLINES),
    )


def feed_events(*, user) -> list[Event]:
    """The person's own events (deadlines, requests, sessions) from a month back to a year ahead."""
    current = today()
    found = events_for(
        user, current - dt.timedelta(days=FEED_DAYS_BEFORE), current + dt.timedelta(days=FEED_DAYS_AFTER)
    )
    return [e for e in found if e.mine]


def feed_token_for_user(*, user) -> FeedToken | None:
    return FeedToken.objects.filter(user=user).first()


def feed_owner(*, token: str):
    """The active person whose feed address holds `token`, or None (an unknown or old token)."""
    feed = (
        FeedToken.objects.select_related("user", "user__organization", "user__unit")
        .filter(token=token)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def source_choices(*, user) -> list[tuple[str, str]]:
    return [(s.name, s.label) for s in sources_for(user)]
