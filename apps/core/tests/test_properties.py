"""Properties of the calendar, working days, digits and national IDs, checked on generated input (issue 8, item 8)."""

import datetime as dt

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.core.digits import normalize_text, to_latin_digits, to_persian_digits
from apps.core.jalali import (
    MONTH_NAMES,
    JalaliDateError,
    format_date,
    format_long,
    is_leap_year,
    month_length,
    parse_jalali_date,
)
from apps.core.national_id import is_valid_national_id, national_id_with_checksum
from apps.core.workdays import WorkCalendar

# No per-example deadline: CI shares its cores, and a slow example is not a wrong one.
relaxed = settings(deadline=None)
# Four-digit Jalali years (what the date field accepts): 1001 is 1622 AD, 9377 is past 9999 AD.
dates = st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2300, 12, 31))
jalali_years = st.integers(min_value=1001, max_value=2000)
separators = st.sampled_from(["/", "-", "."])


def to_arabic_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


digits_of = st.sampled_from([str, to_persian_digits, to_arabic_digits])
nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda s: len(set(s)) > 1)
# A weekly calendar keeps at least one working weekday; holidays are a handful of dates near the start.
days_off = st.sets(st.integers(min_value=0, max_value=6), max_size=6)
work_dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))


@relaxed
@given(dates, st.booleans())
def test_a_formatted_date_parses_back_to_itself(day, persian):
    assert parse_jalali_date(format_date(day, persian_digits=persian)) == day


@relaxed
@given(dates, separators, digits_of, st.booleans())
def test_any_separator_digit_set_or_zero_padding_gives_the_same_date(day, sep, digits, pad):
    j = jdatetime.date.fromgregorian(date=day)
    month, dd = (f"{j.month:02d}", f"{j.day:02d}") if pad else (str(j.month), str(j.day))
    assert parse_jalali_date(digits(f" {j.year}{sep}{month}{sep}{dd} ")) == day


@relaxed
@given(st.text(max_size=20))
def test_whatever_is_typed_is_a_date_or_a_persian_error(text):
    try:
        parsed = parse_jalali_date(text)
    except JalaliDateError as exc:
        assert str(exc) in {"تاریخ را به شکل ۱۴۰۵/۰۹/۰۲ وارد کنید.", "چنین روزی در تقویم وجود ندارد."}
    else:
        assert isinstance(parsed, dt.date)


@relaxed
@given(jalali_years, st.integers(min_value=1, max_value=12))
def test_the_last_day_of_each_month_exists_and_the_next_does_not(year, month):
    last = month_length(year, month)
    assert parse_jalali_date(f"{year}/{month}/{last}")
    with pytest.raises(JalaliDateError):
        parse_jalali_date(f"{year}/{month}/{last + 1}")


@relaxed
@given(jalali_years)
def test_a_year_has_366_days_exactly_when_it_is_leap(year):
    days = sum(month_length(year, m) for m in range(1, 13))
    assert days == (366 if is_leap_year(year) else 365)
    first, next_first = parse_jalali_date(f"{year}/1/1"), parse_jalali_date(f"{year + 1}/1/1")
    assert (next_first - first).days == days


@relaxed
@given(dates)
def test_the_long_form_names_the_month_in_persian_digits(day):
    j = jdatetime.date.fromgregorian(date=day)
    text = format_long(day)
    assert MONTH_NAMES[j.month - 1] in text
    assert to_persian_digits(j.year) in text and not any(c in "0123456789" for c in text)


@relaxed
@given(work_dates, st.integers(min_value=0, max_value=60), days_off, st.sets(work_dates, max_size=10))
def test_a_due_date_is_a_working_day_exactly_n_working_days_after_the_start(start, n, off, holidays):
    calendar = WorkCalendar(days_off=sorted(off), holidays=holidays)
    due = calendar.add_working_days(start, n)
    first = calendar.next_working_day(start)
    assert calendar.is_working_day(due)
    assert due >= start
    assert calendar.working_days_between(first, due) == n
    assert calendar.add_working_days(start, n + 1) > due


@relaxed
@given(work_dates, work_dates, days_off)
def test_working_days_between_changes_sign_when_the_ends_swap(a, b, off):
    calendar = WorkCalendar(days_off=sorted(off), holidays=set())
    assert calendar.working_days_between(a, b) == -calendar.working_days_between(b, a)


@relaxed
@given(nine_digits)
def test_exactly_one_check_digit_completes_nine_digits(first_nine):
    valid = [d for d in "0123456789" if is_valid_national_id(first_nine + d)]
    assert valid == [national_id_with_checksum(first_nine)[-1]]


@relaxed
@given(nine_digits)
def test_the_check_digit_follows_the_rule_of_the_weighted_sum_modulo_eleven(first_nine):
    remainder = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True)) % 11
    assert national_id_with_checksum(first_nine)[-1] == str(remainder if remainder < 2 else 11 - remainder)


def test_known_national_ids_and_ten_equal_digits():
    assert is_valid_national_id("0012345679")
    assert not is_valid_national_id("0012345678")
    assert not is_valid_national_id("0000000000")
    assert not is_valid_national_id("5555555555")


@relaxed
@given(nine_digits)
def test_a_national_id_in_persian_or_arabic_digits_is_judged_the_same(first_nine):
    code = national_id_with_checksum(first_nine)
    assert is_valid_national_id(to_persian_digits(code))
    assert is_valid_national_id(to_arabic_digits(code))


# Digit-like characters that are not decimal digits (superscripts) once made the check raise.
@relaxed
@given(st.text(alphabet=st.sampled_from("0123456789۰۱۲۳۴۵۶۷۸۹²³¹⁴ a-"), max_size=12) | st.text(max_size=15))
def test_a_national_id_check_never_raises_and_wants_ten_digits(text):
    if is_valid_national_id(text):
        assert len(to_latin_digits(text).strip()) == 10


def test_a_superscript_digit_is_refused_not_a_crash():
    assert not is_valid_national_id("012345678²")


@relaxed
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_normalizing_twice_changes_nothing_more(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert not any(c in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يك" for c in once)


@relaxed
@given(st.text(alphabet="0123456789/-: ", max_size=30))
def test_persian_digits_go_back_to_latin_unchanged(text):
    assert to_latin_digits(to_persian_digits(text)) == text
