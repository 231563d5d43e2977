"""The calendars' registry: each service declares its events (and timelines) in its own `calendar.py`.

A service app registers a source with `register_source(name, label, events, kinds=...)`, where
`events(user, start, end)` returns the `Event`s of the days [start, end] read only from rows the person
may see (`visible(...)` of that app's kinds), and `kinds` names the permission kinds it reads, so that the
calendar is offered to whoever may view one of them. The calendars app imports no service: it finds
their modules with `autodiscover_modules("calendar")` when it starts.

A source that can hold thousands of events a day (the cartable's deadlines of a province's expert) also
gives `capped(user, start, end, per_day)`: at most `per_day` events of each day, the first in the
calendar's order (`Event.sort_key`), and how many of each day it left out, both counted in the database,
and `rest`: the page that lists what it left out. The month and the week read those; the feed and the
API read `events` (a person's own, bounded by the feed's reach).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse

from apps.accounts.permissions import may_at_all


@dataclass(frozen=True)
class Event:
    """One entry of a calendar: whole days from `starts_on` to `ends_on` (both included)."""

    uid: str  # stable across feeds: "<source>.<kind>.<pk>" (the feed adds the desk's domain)
    title: str
    starts_on: dt.date
    ends_on: dt.date
    url: str = ""
    place: str = ""
    people: str = ""  # the instructor, the supervisor: who runs it
    detail: str = ""
    # The person's own: a session they attend, teach or run; a case waiting on them; their request.
    # The private feed carries these alone.
    mine: bool = False
    # What the event holds exclusively ("hall:…", "instructor:…"): two events holding the same thing on
    # overlapping days clash.
    holds: tuple[str, ...] = ()
    source: str = ""
    source_label: str = ""
    clashes_with: tuple[str, ...] = field(default=(), compare=False)
    # Between events of one day and title, the row's key: a capped source orders its rows by (title, key)
    # in the database, and the calendar must agree on which of a day's events come first.
    order: int = field(default=0, compare=False)

    @property
    def sort_key(self) -> tuple:
        return (self.starts_on, self.ends_on, self.title, self.order, self.uid)

    @property
    def clash(self) -> bool:
        return bool(self.clashes_with)

    def on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    events: Callable[..., list[Event]]
    # The permission kinds it reads: names, or a function giving them when they are known only later.
    kinds: tuple[str, ...] | Callable[[], Iterable[str]] = ()
    # capped(user, start, end, per_day) -> (events, {(day, kind of the rest): how many more}); None:
    # `events` is bounded.
    capped: Callable[..., tuple[list[Event], dict[tuple[dt.date, str], int]]] | None = None
    # Where each kind of the events a capped source leaves out is listed: {kind: (URL name, what they are)}.
    rest: dict[str, tuple[str, str]] = field(default_factory=dict)

    def kind_names(self) -> tuple[str, ...]:
        return tuple(self.kinds() if callable(self.kinds) else self.kinds)

    def open_to(self, user) -> bool:
        return any(may_at_all(user, name, "view") for name in self.kind_names())


@dataclass(frozen=True)
class Phase:
    title: str
    starts_on: dt.date
    ends_on: dt.date
    current: bool = False


@dataclass(frozen=True)
class Timeline:
    """A process's phases with their dates (an evaluation cycle's calendar)."""

    title: str
    url: str
    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class TimelineSource:
    name: str
    label: str
    build: Callable[..., list[Timeline]]
    kinds: tuple[str, ...] = ()

    def open_to(self, user) -> bool:
        return any(may_at_all(user, name, "view") for name in self.kinds)


_SOURCES: dict[str, Source] = {}
_TIMELINES: dict[str, TimelineSource] = {}


@dataclass(frozen=True)
class Rest:
    """A day's events a capped source left out: how many, what they are, and the page that lists them."""

    source: str
    count: int
    label: str
    url: str


def register_source(
    name: str, label: str, events: Callable[..., list[Event]], *, kinds=(), capped=None, rest=None
) -> None:
    _SOURCES[name] = Source(name, label, events, kinds, capped, dict(rest or {}))


# A key no row has: reverse() runs once with it, and each row's address is the result with its own key.
_KEY = "9876543210123"
_SAFE = "-._~!$&'()*+,;=:@"  # what reverse() leaves unquoted in a path


def url_maker(name: str) -> Callable[[object], str]:
    """`reverse(name, args=[key])` for many rows at the cost of one: a reverse() per row was most of
    reading a province's month of deadlines."""
    before, after = reverse(name, args=[_KEY]).split(_KEY, 1)
    return lambda key: before + quote(str(key), safe=_SAFE) + after


def register_timeline(name: str, label: str, build: Callable[..., list[Timeline]], *, kinds=()) -> None:
    _TIMELINES[name] = TimelineSource(name, label, build, tuple(kinds))


def sources() -> list[Source]:
    return list(_SOURCES.values())


def timeline_sources() -> list[TimelineSource]:
    return list(_TIMELINES.values())


def sources_for(user) -> list[Source]:
    """The sources whose kinds this person may view, in the order they were registered."""
    return [s for s in _SOURCES.values() if s.open_to(user)]


def timelines_for(user) -> list[tuple[TimelineSource, list[Timeline]]]:
    return [(t, t.build(user)) for t in _TIMELINES.values() if t.open_to(user)]


def events_for(user, start: dt.date, end: dt.date, *, names: Iterable[str] | None = None) -> list[Event]:
    """Every event of the days [start, end] from the person's sources (or the named ones among them),
    in date order, each holding a thing another holds on an overlapping day marked as a clash."""
    return _collect(user, start, end, names, None)[0]


def capped_events_for(
    user, start: dt.date, end: dt.date, *, per_day: int, names: Iterable[str] | None = None
) -> tuple[list[Event], dict[dt.date, list[Rest]]]:
    """As `events_for`, but a capped source gives at most `per_day` events a day, the first of each day in
    the calendar's order, and, for each day, how many it left out (`Rest`). The first `per_day` events of a
    day are the same as `events_for`'s: a source's first `per_day` hold every one of its events that can be
    among them. Clashes are marked among the events read: capped sources hold nothing."""
    return _collect(user, start, end, names, per_day)


def _collect(user, start, end, names, per_day) -> tuple[list[Event], dict[dt.date, list[Rest]]]:
    wanted = set(names) if names is not None else None
    found: list[Event] = []
    rest: dict[dt.date, list[Rest]] = defaultdict(list)
    for source in sources_for(user):
        if wanted is not None and source.name not in wanted:
            continue
        if per_day is not None and source.capped is not None:
            events, more = source.capped(user, start, end, per_day)
            for (day, kind), count in sorted(more.items()):
                if count:
                    url_name, label = source.rest[kind]
                    rest[day].append(Rest(source.name, count, label, reverse(url_name)))
        else:
            events = source.events(user, start, end)
        for event in events:
            found.append(dataclasses.replace(event, source=source.name, source_label=source.label))
    found = mark_clashes(found)
    return sorted(found, key=lambda e: e.sort_key), dict(rest)


def mark_clashes(events: list[Event]) -> list[Event]:
    """Each event with the titles (each once) of the others holding one of its things on an overlapping day."""
    holders: dict[str, list[int]] = defaultdict(list)
    for index, event in enumerate(events):
        for held in event.holds:
            holders[held].append(index)
    clashes: dict[int, set[int]] = defaultdict(set)
    for indices in holders.values():
        # In order of their first day, an event meets only the next ones that start before it ends: the
        # walk stops at the first that starts later, instead of comparing every pair of a hall's year.
        indices.sort(key=lambda i: events[i].starts_on)
        for position, a in enumerate(indices):
            ends_on = events[a].ends_on
            for later in range(position + 1, len(indices)):
                b = indices[later]
                if events[b].starts_on > ends_on:
                    break
                clashes[a].add(b)
                clashes[b].add(a)
    # Each title once: sessions of one course share it, and a busy hall would repeat it by the hundred.
    return [
        dataclasses.replace(event, clashes_with=tuple(sorted({events[o].title for o in clashes[index]})))
        if index in clashes
        else event
        for index, event in enumerate(events)
    ]
