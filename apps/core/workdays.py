"""Working days of the Iranian calendar: weekly days off from settings, holidays from the table."""

import datetime as dt

from django.conf import settings


def holiday_dates(start: dt.date, end: dt.date) -> set[dt.date]:
    from .models import Holiday

    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


class WorkCalendar:
    """Answers working-day questions over one window of dates with a single query."""

    def __init__(self, *, days_off: list[int] | None = None, holidays: set[dt.date] | None = None):
        self.days_off = set(settings.KHEDMAT_WEEKLY_DAYS_OFF if days_off is None else days_off)
        self._holidays = holidays

    def holidays(self, start: dt.date, end: dt.date) -> set[dt.date]:
        if self._holidays is None:
            # Loaded once for a year either side, enough for any allowance in the seeds.
            self._holidays = holiday_dates(start - dt.timedelta(days=370), end + dt.timedelta(days=370))
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


def add_working_days(start: dt.date, days: int) -> dt.date:
    return WorkCalendar().add_working_days(start, days)
