"""The holidays of any Jalali year by rule, checked against jdatetime and hijridate over 1399–1420 (issue 21)."""

import datetime as dt

import jdatetime
import pytest
from hijridate import Gregorian, Hijri
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.core.holiday_rules import (
    FIXED_HOLIDAYS,
    LAST_DAY,
    LUNAR_HOLIDAYS,
    estimated_holidays,
    fixed_holidays,
    lunar_holidays,
    year_span,
)
from apps.core.workdays import WorkCalendar

relaxed = settings(deadline=None, max_examples=60)
years = st.integers(min_value=1399, max_value=1420)
days_in_years = st.dates(min_value=year_span(1399)[0], max_value=year_span(1419)[1])
days_off = st.sets(st.integers(min_value=0, max_value=6), min_size=1, max_size=3)


def _hijri(day: dt.date) -> tuple[int, int, int]:
    hijri = Gregorian.fromdate(day).to_hijri()
    return hijri.year, hijri.month, hijri.day


@relaxed
@given(years)
def test_every_fixed_holiday_lands_on_its_jalali_day(year):
    jalali = [jdatetime.date.fromgregorian(date=day) for day in fixed_holidays(year)]
    found = {(j.year, j.month, j.day) for j in jalali}
    assert found == {(year, month, day) for month, day, _ in FIXED_HOLIDAYS}


@relaxed
@given(years)
def test_every_lunar_holiday_is_a_listed_hijri_day_inside_the_year(year):
    listed = {(month, day) for month, day, _ in LUNAR_HOLIDAYS}
    for day in lunar_holidays(year):
        assert jdatetime.date.fromgregorian(date=day).year == year
        hijri_year, month, hijri_day = _hijri(day)
        last_of_month = Hijri(hijri_year, month, 1).month_length()
        assert (month, hijri_day) in listed or (hijri_day == last_of_month and (month, LAST_DAY) in listed)


@relaxed
@given(years)
def test_no_listed_lunar_holiday_inside_the_year_is_missed(year):
    first, last = year_span(year)
    found = lunar_holidays(year)
    for hijri_year in range(_hijri(first)[0], _hijri(last)[0] + 1):
        for month, day, _ in LUNAR_HOLIDAYS:
            day = Hijri(hijri_year, month, 1).month_length() if day == LAST_DAY else day
            date = dt.date(*Hijri(hijri_year, month, day).to_gregorian().datetuple())
            if first <= date <= last:
                assert date in found


@relaxed
@given(years)
def test_a_year_has_its_ten_solar_and_about_eighteen_lunar_holidays(year):
    # Two occasions can share a day, and a Hijri day early in the solar year can come round twice.
    assert len(fixed_holidays(year)) == 10
    assert 14 <= len(lunar_holidays(year)) <= 22
    assert set(estimated_holidays(year)) == set(fixed_holidays(year)) | set(lunar_holidays(year))


def _holidays_of(first: dt.date, last: dt.date) -> set[dt.date]:
    found = set()
    for year in range(
        jdatetime.date.fromgregorian(date=first).year, jdatetime.date.fromgregorian(date=last).year + 1
    ):
        found |= set(estimated_holidays(year))
    return found


@pytest.mark.django_db
@relaxed
@given(days_in_years, st.integers(min_value=0, max_value=80), days_off)
def test_a_due_date_is_never_a_holiday_or_a_day_off_and_lies_n_working_days_on(start, n, off):
    # The table is empty: every year's holidays come from the rules.
    calendar = WorkCalendar(days_off=sorted(off))
    due = calendar.add_working_days(start, n)
    holidays = _holidays_of(start, due)
    assert due not in holidays
    assert due.weekday() not in off
    first = calendar.next_working_day(start)
    # Counted here without the calendar: the days after the first working day, up to the due date.
    between = [first + dt.timedelta(days=i) for i in range(1, (due - first).days + 1)]
    assert sum(1 for day in between if day.weekday() not in off and day not in holidays) == n
    assert calendar.working_days_between(first, due) == n
