"""Clashes: two events holding one thing (a hall, an instructor) on overlapping days, whatever their order."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.calendars.registry import Event, mark_clashes

START = dt.date(2026, 11, 22)
THINGS = ("hall:یک", "hall:دو", "instructor:کاظمی", "instructor:رحیمی")


@st.composite
def events(draw):
    found = []
    for n in range(draw(st.integers(min_value=0, max_value=25))):
        first = START + dt.timedelta(days=draw(st.integers(min_value=0, max_value=20)))
        found.append(
            Event(
                uid=f"e{n}",
                title=f"دوره {draw(st.integers(min_value=1, max_value=4))}",
                starts_on=first,
                ends_on=first + dt.timedelta(days=draw(st.integers(min_value=0, max_value=4))),
                holds=tuple(draw(st.sets(st.sampled_from(THINGS), max_size=2))),
            )
        )
    return found


@settings(max_examples=200, deadline=None)
@given(events())
def test_an_event_clashes_with_the_titles_of_exactly_those_holding_its_things_on_an_overlapping_day(found):
    marked = mark_clashes(found)
    for event, after in zip(found, marked, strict=True):
        others = {
            other.title
            for other in found
            if other is not event
            and set(other.holds) & set(event.holds)
            and other.starts_on <= event.ends_on
            and event.starts_on <= other.ends_on
        }
        assert after.clashes_with == tuple(sorted(others))
        assert after.clash == bool(others)
