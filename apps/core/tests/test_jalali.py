"""Jalali dates and digits as users type and read them."""

import datetime as dt
from decimal import Decimal

import jdatetime
import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from apps.core.digits import to_latin_digits, to_persian_digits
from apps.core.jalali import (
    JalaliDateError,
    add_jalali_months,
    add_jalali_years,
    format_date,
    format_datetime,
    format_long,
    is_leap_year,
    month_length,
    on_the_calendar,
    parse_jalali_date,
)


def test_it_accepts_persian_and_latin_digits_alike():
    assert parse_jalali_date("۱۴۰۵/۰۹/۰۲") == dt.date(2026, 11, 23)
    assert parse_jalali_date("1405/09/02") == dt.date(2026, 11, 23)
    assert parse_jalali_date("1405-9-2") == dt.date(2026, 11, 23)


def test_it_shows_dates_in_jalali_with_persian_digits():
    assert format_date(dt.date(2026, 11, 23)) == "۱۴۰۵/۰۹/۰۲"
    assert format_long(dt.date(2026, 11, 23)) == "۲ آذر ۱۴۰۵"


def test_a_moment_shows_the_day_it_is_in_tehran_whatever_day_was_shown_before():
    # 22:00 UTC on 23 November is already 24 November (3 Azar) in Tehran.
    late_evening_utc = dt.datetime(2026, 11, 23, 22, 0, tzinfo=dt.UTC)
    assert format_date(dt.date(2026, 11, 23)) == "۱۴۰۵/۰۹/۰۲"
    assert format_date(late_evening_utc) == "۱۴۰۵/۰۹/۰۳"
    assert format_date(dt.date(2026, 11, 23), persian_digits=False) == "1405/09/02"


@pytest.mark.parametrize("text", ["1405/13/01", "1405/07/31", "1404/12/30", "سلام", "", "1405/09"])
def test_it_refuses_dates_that_do_not_exist(text):
    with pytest.raises(JalaliDateError):
        parse_jalali_date(text)


def test_it_knows_1403_is_leap_and_1404_is_not():
    assert is_leap_year(1403) and not is_leap_year(1404)
    assert parse_jalali_date("1403/12/30") == dt.date(2025, 3, 20)
    assert month_length(1403, 12) == 30 and month_length(1404, 12) == 29


def test_month_ends_roll_into_the_next_month():
    assert parse_jalali_date("1405/06/31") + dt.timedelta(days=1) == parse_jalali_date("1405/07/01")
    assert parse_jalali_date("1405/11/30") + dt.timedelta(days=1) == parse_jalali_date("1405/12/01")


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_survives_the_round_trip(day):
    assert parse_jalali_date(format_date(day)) == day
    assert parse_jalali_date(format_date(day, persian_digits=False)) == day


@given(st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩/"))
def test_digits_convert_both_ways(text):
    latin = to_latin_digits(text)
    assert to_latin_digits(to_persian_digits(latin)) == latin


def test_a_missing_date_shows_nothing_in_a_template():
    # A related object that is absent reaches the filter as "" in templates; the page must still render.
    page = Template(
        "{% load jalali %}[{{ none|jalali }}][{{ empty|jalali }}][{{ empty|jalali_dt }}][{{ empty|jalali_long }}]"
    )
    assert page.render(Context({"none": None, "empty": ""})) == "[][][][]"


def test_only_days_with_a_four_digit_jalali_year_are_on_the_calendar():
    assert on_the_calendar(dt.date(2026, 11, 23))
    assert on_the_calendar(dt.date(1621, 3, 21))  # 1000/01/01
    assert not on_the_calendar(dt.date(1621, 3, 20))
    assert not on_the_calendar(dt.date(1, 1, 1))
    assert not on_the_calendar(dt.date(9999, 12, 31))


def test_a_day_before_the_jalali_year_1000_shows_its_year_as_it_is():
    # 1 January 1500 is 11 Dey 878: three digits, not padded to four.
    assert format_date(dt.date(1500, 1, 1)) == "۸۷۸/۱۰/۱۱"
    assert format_date(dt.date(1500, 1, 1), persian_digits=False) == "878/10/11"
    assert format_long(dt.date(1500, 1, 1)) == "۱۱ دی ۸۷۸"
    assert format_datetime(dt.datetime(1500, 1, 1, 8, 30)) == "۸۷۸/۱۰/۱۱ ۰۸:۳۰"
    assert format_date(dt.date(622, 3, 22)) == "۱/۰۱/۰۲"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(1, 1, 1), "۰۰۰۱-۰۱-۰۱"),
        (dt.date(9999, 12, 31), "۹۹۹۹-۱۲-۳۱"),
        (dt.datetime(1, 1, 1, 12, 0), "۰۰۰۱-۰۱-۰۱ ۱۲:۰۰"),
        (dt.datetime(9999, 12, 31, 12, 0, tzinfo=dt.UTC), "۹۹۹۹-۱۲-۳۱ ۱۵:۳۰"),  # in Tehran
        (dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC), "۹۹۹۹-۱۲-۳۱ ۲۳:۰۰"),  # Tehran is past 9999: UTC
    ],
)
def test_a_day_jdatetime_cannot_convert_is_shown_as_stored_rather_than_failing_the_page(value, shown):
    page = Template("{% load jalali %}[{{ d|jalali }}][{{ d|jalali_long }}]")
    day = shown.split(" ")[0]
    assert page.render(Context({"d": value})) == f"[{day}][{day}]"
    assert Template("{% load jalali %}{{ d|jalali_dt }}").render(Context({"d": value})) == shown


def test_a_day_given_to_the_datetime_filter_shows_the_day():
    assert format_datetime(dt.date(2026, 11, 23)) == "۱۴۰۵/۰۹/۰۲"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (12000, "۱۲٬۰۰۰"),
        (Decimal("58.00"), "۵۸"),
        (Decimal("57.50"), "۵۷٫۵"),
        (Decimal("12345.25"), "۱۲٬۳۴۵٫۲۵"),
        (82.5, "۸۲٫۵"),
        ("09121234567", "۰۹۱۲۱۲۳۴۵۶۷"),
    ],
)
def test_numbers_show_persian_digits_and_the_persian_decimal_mark(value, shown):
    assert Template("{% load jalali %}{{ n|fa }}").render(Context({"n": value})) == shown


def _days_of(*years: int):
    """Every day of the given Jalali years, as (Gregorian date, its Jalali date)."""
    for year in years:
        for month in range(1, 13):
            for day in range(1, month_length(year, month) + 1):
                jalali = jdatetime.date(year, month, day)
                yield jalali.togregorian(), jalali


SPAN_YEARS = range(1399, 1407)  # 1399 and 1403 are leap years; 1408, four years after 1404, is one too


@pytest.mark.parametrize("years", [1, 4])
def test_n_years_later_is_the_same_jalali_day_clamped_for_every_day_of_eight_years(years):
    for day, jalali in _days_of(*SPAN_YEARS):
        later = jdatetime.date.fromgregorian(date=add_jalali_years(day, years))
        wanted_day = min(jalali.day, month_length(jalali.year + years, jalali.month))
        assert (later.year, later.month, later.day) == (jalali.year + years, jalali.month, wanted_day), jalali


def test_six_months_later_is_the_same_jalali_day_clamped_for_every_day_of_eight_years():
    for day, jalali in _days_of(*SPAN_YEARS):
        later = jdatetime.date.fromgregorian(date=add_jalali_months(day, 6))
        year, month = (
            (jalali.year, jalali.month + 6) if jalali.month <= 6 else (jalali.year + 1, jalali.month - 6)
        )
        assert (later.year, later.month, later.day) == (
            year,
            month,
            min(jalali.day, month_length(year, month)),
        )
        # And six months back from there is the day itself, unless the day was clamped on the way.
        if later.day == jalali.day:
            assert add_jalali_months(add_jalali_months(day, 6), -6) == day


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("1404/01/01", 48, "1408/01/01"),  # 48 Gregorian months from here land on 1408/01/02
        ("1405/01/01", 6, "1405/07/01"),  # six Gregorian months end on 1405/06/30
        ("1403/06/31", 6, "1403/12/30"),  # Esfand of the leap year 1403 has 30 days
        ("1404/06/31", 6, "1404/12/29"),  # and of the common year 1404, 29
        ("1403/12/30", 12, "1404/12/29"),
        ("1399/12/30", 48, "1403/12/30"),  # leap year to leap year keeps the 30th
        ("1405/03/15", -6, "1404/09/15"),
        ("1404/11/30", 1, "1404/12/29"),
    ],
)
def test_months_are_added_on_the_jalali_calendar(start, months, end):
    assert format_date(add_jalali_months(parse_jalali_date(start), months), persian_digits=False) == end
