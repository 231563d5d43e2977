"""Working days of the Iranian calendar: weekly days off from settings, holidays from the table and by rule.

A Jalali year in the holiday table (official, or estimated by `load_holidays` and the daily beat task)
counts the table's holidays. A year not in it is never counted as if it had no holidays: its holidays
are reckoned by the same rules the table is extended with (holiday_rules.py), in memory, and a warning is
logged. Extending the table from inside a computation was the alternative; it was not chosen because due
dates are computed inside page reads and other services' transactions, where a write would empty every
kept list and could collide with a second request extending the same year, and the rows it wrote would
hold exactly the dates the in-memory reckoning uses. Raising instead would refuse a case's next step for a
table only an administrator can fill. Only a day no rule reaches (before 1304 or after 1455, the span of
the Hijri calendar the lunar holidays are reckoned with) raises CalendarNotCovered.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db.models import IntegerField, Q, Value

from . import holiday_rules
from .errors import ServiceError
from .holiday_rules import FIRST_YEAR, LAST_YEAR, jalali_year, year_span

logger = logging.getLogger(__name__)

# Loaded once for a year either side, enough for any allowance in the seeds; a count that runs past it
# loads the next stretch.
MARGIN = dt.timedelta(days=370)
FIRST_DAY, LAST_DAY = year_span(FIRST_YEAR)[0], year_span(LAST_YEAR)[1]
_warned_years: set[int] = set()


class CalendarNotCovered(ServiceError):
    """A day whose holidays neither the table nor the rules know."""

    def __init__(self, day: dt.date):
        from .digits import to_persian_digits
        from .jalali import format_date

        super().__init__(
            f"تقویم تعطیلات میز خدمت روز {format_date(day)} را در بر نمی‌گیرد؛ روزهای کاری فقط برای سال‌های "
            f"{to_persian_digits(str(FIRST_YEAR))} تا {to_persian_digits(str(LAST_YEAR))} شمرده می‌شوند."
        )
        self.day = day


def holiday_table(
    start: dt.date, end: dt.date, province_id: int | None = None
) -> tuple[set[dt.date], set[int]]:
    """The table's holidays between the two days (the nation's, and the province's local ones), and which
    Jalali years of them the table covers.

    One query for both: the pages that count working days have tight query budgets.
    """
    from .models import Holiday, HolidayYear

    first, last = year_span(jalali_year(start))[0], year_span(jalali_year(end))[1]
    where = Q(province__isnull=True) | Q(province_id=province_id) if province_id else Q(province__isnull=True)
    holidays = (
        Holiday.objects.filter(where, date__range=(start, end)).order_by().values_list("date", Value(0))
    )
    years = (
        HolidayYear.objects.filter(first_day__range=(first, last))
        .order_by()
        .values_list("first_day", Value(1, output_field=IntegerField()))
    )
    dates, covered = set(), set()
    for day, is_year in holidays.union(years, all=True):
        if is_year:
            covered.add(jalali_year(day))
        else:
            dates.add(day)
    return dates, covered


def holiday_dates(start: dt.date, end: dt.date, province_id: int | None = None) -> set[dt.date]:
    """Every holiday between the two days: the table's, and by rule for the years it does not cover."""
    dates, covered = holiday_table(start, end, province_id)
    for year in range(jalali_year(start), jalali_year(end) + 1):
        dates |= set(holiday_rules.fixed_holidays(year))
        if year not in covered:
            dates |= set(holiday_rules.lunar_holidays(year))
            if year not in _warned_years:
                _warned_years.add(year)
                logger.warning(
                    "Jalali year %s is not in the holiday table: working days count its estimated holidays. "
                    "Run manage.py load_holidays or import the year's official list.",
                    year,
                )
    return {day for day in dates if start <= day <= end}


class WorkCalendar:
    """Answers working-day questions over one window of dates with a single query.

    `holidays` given (tests, the bench's generator) is the whole set of holidays: neither the table nor
    the rules are read. `province_id` adds that province's local holidays to the nation's.
    """

    def __init__(
        self,
        *,
        days_off: list[int] | None = None,
        holidays: set[dt.date] | None = None,
        province_id: int | None = None,
    ):
        self.province_id = province_id
        self.days_off = set(settings.KHEDMAT_WEEKLY_DAYS_OFF if days_off is None else days_off)
        self._given = holidays is not None
        self._holidays: set[dt.date] = set(holidays) if holidays is not None else set()
        self._window: tuple[dt.date, dt.date] | None = None

    def holidays(self, start: dt.date, end: dt.date) -> set[dt.date]:
        if self._given:
            return self._holidays
        if start < FIRST_DAY or end > LAST_DAY:
            raise CalendarNotCovered(start if start < FIRST_DAY else end)
        if self._window is None or start < self._window[0] or end > self._window[1]:
            low = max(start - MARGIN, FIRST_DAY)
            high = min(end + MARGIN, LAST_DAY)
            if self._window is not None:
                low, high = min(low, self._window[0]), max(high, self._window[1])
            # Whole Jalali years, so a year is read from the table or reckoned by rule as one piece.
            low, high = year_span(jalali_year(low))[0], year_span(jalali_year(high))[1]
            self._holidays = holiday_dates(low, high, self.province_id)
            self._window = (low, high)
        return self._holidays

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() not in self.days_off and day not in self.holidays(day, day)

    def next_working_day(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The day a step started on `start` is due: `days` full working days later.

        A start on a day off counts from the next working day, so a case filed on Friday with one
        day's allowance is due on Saturday's next working day, not on Saturday itself.
        """
        if len(self.days_off) >= 7:
            raise ValueError("every weekday is a day off")
        day = self.next_working_day(start)
        remaining = days
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def add_working_days(start: dt.date, days: int, *, province_id: int | None = None) -> dt.date:
    return WorkCalendar(province_id=province_id).add_working_days(start, days)
