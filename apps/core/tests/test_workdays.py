"""Working days as the due dates of every process count them: weekly days off, holidays, the Jalali calendar."""

import io

import pytest

from apps.core.jalali import parse_jalali_date as j
from apps.core.models import Holiday, HolidayYear
from apps.core.workdays import CalendarNotCovered, WorkCalendar, add_working_days

pytestmark = pytest.mark.django_db


def test_friday_is_the_only_day_off_by_default():
    # 1405/09/05 is a Thursday; its next working day is Saturday 1405/09/07.
    assert j("1405/09/05").weekday() == 3
    assert add_working_days(j("1405/09/05"), 1) == j("1405/09/07")


def test_thursday_and_friday_are_off_when_the_setting_says_so(settings):
    settings.KHEDMAT_WEEKLY_DAYS_OFF = [3, 4]
    # Wednesday 1405/09/04 plus one working day skips Thursday and Friday.
    assert add_working_days(j("1405/09/04"), 1) == j("1405/09/07")


def test_an_official_holiday_is_skipped():
    Holiday.objects.create(date=j("1405/09/08"), title="تعطیل آزمایشی")
    # Saturday 1405/09/07 plus one: Sunday is the holiday, so Monday.
    assert add_working_days(j("1405/09/07"), 1) == j("1405/09/09")
    assert not WorkCalendar().is_working_day(j("1405/09/08"))


def test_a_start_on_a_day_off_counts_from_the_next_working_day():
    # Friday 1405/09/06: the count starts on Saturday, so one day's allowance ends on Sunday.
    friday = j("1405/09/06")
    assert friday.weekday() == 4
    assert add_working_days(friday, 1) == j("1405/09/08")
    assert add_working_days(friday, 0) == j("1405/09/07")


def test_the_count_crosses_a_jalali_month_end():
    # Shahrivar has 31 days, Mehr starts the next day.
    assert add_working_days(j("1405/06/31"), 1) == j("1405/07/01")


def test_esfand_of_leap_1403_has_a_thirtieth_day():
    # Month lengths alone, without the holidays (29 Esfand and Nowruz would hide the 30th).
    calendar = WorkCalendar(holidays=set())
    # 1403/12/29 is a Wednesday; the 30th exists in the leap year and is a working Thursday.
    assert calendar.add_working_days(j("1403/12/29"), 1) == j("1403/12/30")
    # The 30th plus one: Friday 1404/01/01 is off, so Saturday 1404/01/02.
    assert calendar.add_working_days(j("1403/12/30"), 1) == j("1404/01/02")


def test_the_leap_30_esfand_is_a_working_day_between_29_esfand_and_nowruz():
    # By the rules: 29 Esfand is a holiday in a leap year too, the 30th is not, Nowruz is.
    calendar = WorkCalendar()
    assert not calendar.is_working_day(j("1403/12/29"))
    assert calendar.is_working_day(j("1403/12/30"))
    assert not calendar.is_working_day(j("1404/01/01"))


def test_working_days_between_counts_only_working_days():
    calendar = WorkCalendar(holidays={j("1405/09/08")})
    assert calendar.working_days_between(j("1405/09/05"), j("1405/09/09")) == 2
    assert calendar.working_days_between(j("1405/09/09"), j("1405/09/05")) == -2


def test_load_holidays_fills_1405_once_and_the_calendar_uses_it():
    from django.core.management import call_command

    from apps.core.management.commands.load_holidays import HOLIDAYS_1405

    call_command("load_holidays", stdout=io.StringIO())
    again = io.StringIO()
    call_command("load_holidays", stdout=again)
    assert again.getvalue().startswith("0 holidays added")
    assert Holiday.objects.filter(estimated=False).count() == len(HOLIDAYS_1405)
    assert Holiday.objects.get(date=j("1405/04/04")).title == "عاشورای حسینی"
    # Tuesday 1405/01/11 plus one: 12 and 13 Farvardin are holidays, Friday 14 is off, so Saturday 15.
    assert add_working_days(j("1405/01/11"), 1) == j("1405/01/15")


# Issue 21, item 3: only 1405 was in the table, so a count from late 1405 ran through Nowruz 1406.


def _only_1405_in_the_table():
    from apps.core.holiday_calendar import holidays_import_official
    from apps.core.management.commands.load_holidays import HOLIDAYS_1405

    holidays_import_official(rows=[{"date": j(d), "title": t} for d, t in HOLIDAYS_1405])
    assert not HolidayYear.objects.filter(year=1406).exists()


def test_seven_working_days_from_1405_12_25_come_due_after_nowruz_1406():
    _only_1405_in_the_table()
    # Tuesday 25 Esfand: 26, 27 (Friday off), 28, 29 (oil day), 1–4 Farvardin (Nowruz), 5 (Friday off),
    # then 6, 7, 8, 9 and 10 Farvardin: the seventh working day is Wednesday 1406/01/10.
    assert j("1405/12/25").weekday() == 1
    assert add_working_days(j("1405/12/25"), 7) == j("1406/01/10")


def test_the_same_count_once_1406_is_estimated_in_the_table():
    from django.core.management import call_command

    call_command("load_holidays", stdout=io.StringIO())
    assert HolidayYear.objects.get(year=1406).estimated
    assert Holiday.objects.get(date=j("1406/01/01")).estimated
    assert add_working_days(j("1405/12/25"), 7) == j("1406/01/10")


def test_a_year_not_in_the_table_counts_its_holidays_by_rule_and_says_so(caplog):
    from apps.core import workdays

    workdays._warned_years.discard(1410)
    with caplog.at_level("WARNING", logger="apps.core.workdays"):
        calendar = WorkCalendar()
        # Nowruz and 12 Farvardin by rule; Ashura 1410 (10 Muharram 1454) estimated on 12 Ordibehesht.
        assert not calendar.is_working_day(j("1410/01/01"))
        assert not calendar.is_working_day(j("1410/01/12"))
        assert not calendar.is_working_day(j("1410/02/12"))
    assert any("1410 is not in the holiday table" in r.getMessage() for r in caplog.records)


def test_a_table_year_counts_the_tables_lunar_dates_not_the_estimate():
    # 1405's official Arbaeen is 13 Mordad; the reckoning says the 12th.
    _only_1405_in_the_table()
    calendar = WorkCalendar()
    assert not calendar.is_working_day(j("1405/05/13"))
    assert calendar.is_working_day(j("1405/05/12"))


def test_a_count_longer_than_the_loaded_window_still_skips_the_later_years_holidays():
    calendar = WorkCalendar()
    due = calendar.add_working_days(j("1405/01/05"), 700)
    assert calendar.is_working_day(due)
    # 700 working days is more than two years: Nowruz 1408 lies on the way and is skipped.
    assert WorkCalendar().working_days_between(j("1405/01/05"), due) == 700
    assert not calendar.is_working_day(j("1408/01/01"))


def test_a_day_no_rule_reaches_is_refused_in_persian():
    with pytest.raises(CalendarNotCovered) as refusal:
        add_working_days(j("1460/01/06"), 1)
    assert "۱۴۶۰/۰۱/۰۶" in refusal.value.message
    assert "۱۴۵۵" in refusal.value.message
