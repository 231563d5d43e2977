"""Solar Hijri dates at the edges: parse what users type, show what the database stores.

Dates are stored Gregorian and datetimes as aware UTC; only forms, templates, API schemas and
PDFs speak Jalali, with Persian digits on display.
"""

import contextlib
import datetime as dt
import re
from functools import lru_cache

import jdatetime
from django.utils import timezone

from .digits import to_latin_digits, to_persian_digits

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
WEEKDAY_NAMES = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


class JalaliDateError(ValueError):
    pass


def parse_jalali_date(text: str) -> dt.date:
    """`۱۴۰۵/۰۹/۰۲`, `1405/9/2` or `1405-09-02` → the Gregorian date; JalaliDateError otherwise."""
    match = _DATE_RE.match(to_latin_digits(text or ""))
    if not match:
        raise JalaliDateError("تاریخ را به شکل ۱۴۰۵/۰۹/۰۲ وارد کنید.")
    year, month, day = (int(part) for part in match.groups())
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError as exc:
        raise JalaliDateError("چنین روزی در تقویم وجود ندارد.") from exc


def to_jalali(value: dt.date) -> jdatetime.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return jdatetime.datetime.fromgregorian(datetime=value)
    return jdatetime.date.fromgregorian(date=value)


def on_the_calendar(day: dt.date) -> bool:
    """A day the pages' date fields could take (a four-digit Jalali year), so every page can show it."""
    try:
        return to_jalali(day).year >= 1000
    except ValueError:
        return False


def _off_the_calendar(value: dt.date, *, persian_digits: bool = True, with_time: bool = False) -> str:
    """A day jdatetime cannot convert (before the Jalali year 1, or past its last year): the page still
    shows it, as the Gregorian date it is stored as (2026-11-23), rather than fail."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            # Tehran's time of the last moments of 9999 is past the year 9999: those stay in UTC.
            with contextlib.suppress(OverflowError):
                value = timezone.localtime(value)
        text = value.isoformat(sep=" ", timespec="minutes")[:16] if with_time else value.date().isoformat()
    else:
        text = value.isoformat()
    return to_persian_digits(text) if persian_digits else text


def _convert(value: dt.date) -> jdatetime.date | None:
    try:
        return to_jalali(value)
    except (ValueError, OverflowError):  # out of jdatetime's years, or of Tehran's time at the edges
        return None


def format_date(value: dt.date | None, *, persian_digits: bool = True) -> str:
    """The Jalali date as ۱۴۰۵/۰۹/۰۲ (or 1405/09/02 for files machines read); nothing for no date."""
    # Templates hand over "" for a missing related object's date: show nothing rather than fail the page.
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        return _format_day(value, persian_digits)
    return _format_date(value, persian_digits)


@lru_cache(maxsize=4096)
def _format_date(value: dt.date, persian_digits: bool) -> str:
    # A list shows the same few hundred days on every page: converting each costs more than the row's
    # other cells, and a day's Jalali name never changes.
    return _format_day(value, persian_digits)


def _format_day(value: dt.date, persian_digits: bool) -> str:
    j = _convert(value)
    if j is None:
        return _off_the_calendar(value, persian_digits=persian_digits)
    # The year as it is, not padded to four digits: the year 878 is ۸۷۸, not ۰۸۷۸.
    text = f"{j.year}/{j.month:02d}/{j.day:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_datetime(value: dt.datetime | None, *, persian_digits: bool = True) -> str:
    """The Jalali moment as ۱۴۰۵/۰۹/۰۲ ۱۴:۰۵ (or with Latin digits for files machines read)."""
    if not value:
        return ""
    if not isinstance(value, dt.datetime):  # a day without a time: the day alone
        return format_date(value, persian_digits=persian_digits)
    j = _convert(value)
    if j is None:
        return _off_the_calendar(value, persian_digits=persian_digits, with_time=True)
    text = f"{j.year}/{j.month:02d}/{j.day:02d} {j.hour:02d}:{j.minute:02d}"
    return to_persian_digits(text) if persian_digits else text


def format_long(value: dt.date | None) -> str:
    """۲ آذر ۱۴۰۵ — for letters and certificates."""
    if not value:
        return ""
    j = _convert(value)
    if j is None:
        return _off_the_calendar(value)
    return to_persian_digits(f"{j.day} {MONTH_NAMES[j.month - 1]} {j.year}")


def format_year(year) -> str:
    """A year as a person reads it: ۱۴۰۳, never with a thousands separator (not ۱٬۴۰۳)."""
    return to_persian_digits(str(year)) if year not in (None, "") else ""


def is_leap_year(jalali_year: int) -> bool:
    return jdatetime.date(jalali_year, 1, 1).isleap()


def month_length(jalali_year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(jalali_year) else 29


def add_jalali_months(day: dt.date, months: int) -> dt.date:
    """The same Jalali day `months` later (earlier when negative), on the month's last day when that month
    is shorter: 1403/06/31 + 6 months is 1403/12/30 (1403 is leap), 1404/06/31 + 6 months is 1404/12/29.

    Every "N months / N years" rule of the desk counts in the Jalali calendar through this: Gregorian
    months and days drift against Jalali ones, so 48 Gregorian months from 1404/01/01 land on 1408/01/02.
    A span of N months that starts on `day` ends on the day this returns: a decree of four years issued
    on 1404/01/01 is valid until 1408/01/01, and 1405/01/01's six months end on 1405/07/01.
    """
    j = jdatetime.date.fromgregorian(date=day)
    year, month_index = divmod(j.year * 12 + (j.month - 1) + months, 12)
    month = month_index + 1
    return jdatetime.date(year, month, min(j.day, month_length(year, month))).togregorian()


def add_jalali_years(day: dt.date, years: int) -> dt.date:
    """The same Jalali day `years` later; 30 Esfand of a leap year becomes 29 Esfand in a common one."""
    return add_jalali_months(day, years * 12)


def today() -> dt.date:
    return timezone.localdate()
