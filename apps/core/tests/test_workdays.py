"""Working days as the due dates of every process count them: weekly days off, holidays, the Jalali calendar."""

import io

import pytest

from apps.core.jalali import parse_jalali_date as j
from apps.core.models import Holiday
from apps.core.workdays import WorkCalendar, add_working_days

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
    # 1403/12/29 is a Wednesday; the 30th exists in the leap year and is a working Thursday.
    assert add_working_days(j("1403/12/29"), 1) == j("1403/12/30")
    # The 30th plus one: Friday 1404/01/01 is off, so Saturday 1404/01/02.
    assert add_working_days(j("1403/12/30"), 1) == j("1404/01/02")


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
    assert Holiday.objects.count() == len(HOLIDAYS_1405)
    assert Holiday.objects.get(date=j("1405/04/04")).title == "عاشورای حسینی"
    # Tuesday 1405/01/11 plus one: 12 and 13 Farvardin are holidays, Friday 14 is off, so Saturday 15.
    assert add_working_days(j("1405/01/11"), 1) == j("1405/01/15")
