"""The private feed as iCalendar (RFC 5545), written by the `icalendar` library: one VEVENT per event."""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .registry import Event

PRODID = "-//Khedmat//Calendar//FA"
UID_DOMAIN = "khedmat"


def feed_ics(events: list[Event], *, name: str, absolute: Callable[[str], str]) -> bytes:
    """The events as whole days of Tehran's calendar (the desk's data are days: sessions, due dates);
    `absolute` turns a page's path into the address a phone can open."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC)
    for event in events:
        entry = VEvent()
        entry.add("uid", f"{event.uid}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_on)
        # DTEND of a whole-day event is the day after its last (exclusive).
        entry.add("dtend", event.ends_on + dt.timedelta(days=1))
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        lines = [event.source_label, event.detail, f"مدرس: {event.people}" if event.people else ""]
        if event.clash:
            lines.append("تداخل با: " + "، ".join(event.clashes_with))
        entry.add("description", "\n".join(line for line in lines if line))
        if event.url:
            entry.add("url", absolute(event.url))
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical()
