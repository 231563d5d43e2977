"""API of calendars: the person's sources and their events of a span of days, each with its Jalali dates."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from apps.accounts.permissions import permission
from apps.core.errors import InvalidError
from apps.core.jalali import format_date

from . import selectors
from .permissions import CALENDAR
from .registry import Event, events_for

router = Router(tags=["calendars"])

# The longest span one call may ask for: a quarter, what a month or week page needs with room to spare.
MAX_SPAN_DAYS = 93


class SourceOut(Schema):
    name: str
    label: str


class EventOut(Schema):
    uid: str
    source: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    starts_on_jalali: str
    ends_on_jalali: str
    url: str
    place: str
    people: str
    mine: bool
    clash: bool
    clashes_with: list[str]

    @staticmethod
    def resolve_starts_on_jalali(obj: Event) -> str:
        return format_date(obj.starts_on, persian_digits=False)

    @staticmethod
    def resolve_ends_on_jalali(obj: Event) -> str:
        return format_date(obj.ends_on, persian_digits=False)


class SpanIn(Schema):
    start: dt.date
    end: dt.date
    source: list[str] | None = None


@router.get("/sources", response=list[SourceOut], summary="The calendar sources open to the caller")
@permission(CALENDAR, "view")
def source_list(request: HttpRequest):
    return [SourceOut(name=name, label=label) for name, label in selectors.source_choices(user=request.user)]


@router.get("/events", response=list[EventOut], summary="The caller's events of a span of days")
@permission(CALENDAR, "view")
def event_list(request: HttpRequest, span: Query[SpanIn]):
    if span.end < span.start:
        raise InvalidError("پایان بازه نباید پیش از آغاز آن باشد.")
    if (span.end - span.start).days >= MAX_SPAN_DAYS:
        raise InvalidError(f"بازه حداکثر {MAX_SPAN_DAYS} روز می‌تواند باشد.")
    return events_for(request.user, span.start, span.end, names=span.source)
