"""The official holidays of any Jalali year by rule: the solar ones exactly, the lunar ones estimated.

The holidays law fixes ten solar days, the same every year, and eighteen days of the Hijri (qamari)
calendar. Iran starts each Hijri month from a sighting of the crescent that the Geophysics
Institute announces, so a lunar holiday is known for sure only when the official calendar of that
year is published. Ahead of it, the dates are reckoned with hijridate's Umm al-Qura calendar, which
agrees with Iran's for most months and starts some of them a day earlier (in 1405, Arbaeen, 28 Safar
and Eid al-Fitr came a day after its reckoning). Such dates are stored as estimated until the official
list of that year is imported (`holiday_calendar.py`).
"""

import datetime as dt
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE

# (Jalali month, day, occasion)
FIXED_HOLIDAYS = (
    (1, 1, "آغاز نوروز"),
    (1, 2, "عید نوروز"),
    (1, 3, "عید نوروز"),
    (1, 4, "عید نوروز"),
    (1, 12, "روز جمهوری اسلامی ایران"),
    (1, 13, "روز طبیعت"),
    (3, 14, "رحلت امام خمینی (ره)"),
    (3, 15, "قیام ۱۵ خرداد"),
    (11, 22, "پیروزی انقلاب اسلامی"),
    # The 29th even in a leap year, when Esfand has a 30th day.
    (12, 29, "روز ملی شدن صنعت نفت"),
)

LAST_DAY = 0  # of a Hijri month that has 29 or 30 days, as Safar's last for Imam Reza
# (Hijri month, day, occasion)
LUNAR_HOLIDAYS = (
    (1, 9, "تاسوعای حسینی"),
    (1, 10, "عاشورای حسینی"),
    (2, 20, "اربعین حسینی"),
    (2, 28, "رحلت حضرت رسول اکرم (ص) و شهادت امام حسن مجتبی (ع)"),
    (2, LAST_DAY, "شهادت امام رضا (ع)"),
    # Not in every summary of the law, but in it and in the published 1405 calendar.
    (3, 8, "شهادت امام حسن عسکری (ع)"),
    (3, 17, "میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)"),
    (6, 3, "شهادت حضرت فاطمه زهرا (س)"),
    (7, 13, "ولادت امام علی (ع)"),
    (7, 27, "مبعث حضرت رسول اکرم (ص)"),
    (8, 15, "ولادت حضرت قائم (عج)"),
    (9, 21, "شهادت امام علی (ع)"),
    (10, 1, "عید سعید فطر"),
    (10, 2, "تعطیل به مناسبت عید سعید فطر"),
    (10, 25, "شهادت امام جعفر صادق (ع)"),
    (12, 10, "عید سعید قربان"),
    (12, 18, "عید سعید غدیر خم"),
)


class YearOutOfRange(ValueError):
    """A Jalali year whose lunar holidays cannot be reckoned: outside hijridate's calendar."""


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """The first and last Gregorian day of the Jalali year."""
    first = jdatetime.date(year, 1, 1).togregorian()
    return first, jdatetime.date(year + 1, 1, 1).togregorian() - dt.timedelta(days=1)


def jalali_year(day: dt.date) -> int:
    return jdatetime.date.fromgregorian(date=day).year


def _first_and_last_years() -> tuple[int, int]:
    """The Jalali years lying wholly inside hijridate's Umm al-Qura table (1304 to 1455)."""
    start, end = (dt.date(*bound) for bound in GREGORIAN_RANGE)
    first = jalali_year(start)
    if year_span(first)[0] < start:
        first += 1
    last = jalali_year(end)
    if year_span(last)[1] > end:
        last -= 1
    return first, last


FIRST_YEAR, LAST_YEAR = _first_and_last_years()


def _merge(pairs) -> dict[dt.date, str]:
    # Two occasions on one day are one holiday, named as the official calendar names them.
    merged: dict[dt.date, str] = {}
    for day, title in sorted(pairs, key=lambda pair: pair[0]):
        merged[day] = f"{merged[day]}؛ {title}" if day in merged else title
    return merged


@lru_cache(maxsize=256)
def _fixed(year: int) -> tuple[tuple[dt.date, str], ...]:
    return tuple(
        (jdatetime.date(year, month, day).togregorian(), title) for month, day, title in FIXED_HOLIDAYS
    )


def fixed_holidays(year: int) -> dict[dt.date, str]:
    """The solar holidays of the Jalali year: the same days every year, by law."""
    return _merge(_fixed(year))


@lru_cache(maxsize=256)
def _lunar(year: int) -> tuple[tuple[dt.date, str], ...]:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearOutOfRange(year)
    first, last = year_span(year)
    found = []
    # A solar year holds parts of two Hijri years, and a Hijri day early in the solar year can come
    # round again 354 days later, in the same solar year.
    for hijri_year in range(
        Gregorian.fromdate(first).to_hijri().year, Gregorian.fromdate(last).to_hijri().year + 1
    ):
        for month, day, title in LUNAR_HOLIDAYS:
            if day == LAST_DAY:
                day = Hijri(hijri_year, month, 1).month_length()
            gregorian = Hijri(hijri_year, month, day).to_gregorian().datetuple()
            date = dt.date(*gregorian)
            if first <= date <= last:
                found.append((date, title))
    return tuple(found)


def lunar_holidays(year: int) -> dict[dt.date, str]:
    """The lunar holidays of the Jalali year as reckoned ahead (estimated); YearOutOfRange outside 1304–1455."""
    return _merge(_lunar(year))


def estimated_holidays(year: int) -> dict[dt.date, str]:
    """Every holiday of the Jalali year by rule: the solar ones and the estimated lunar ones."""
    return _merge(_fixed(year) + _lunar(year))
