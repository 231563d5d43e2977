"""The holiday table's coverage: the administrators' warnings, extending it by rule, importing an official year."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.core import holiday_calendar
from apps.core.holiday_calendar import (
    check_holiday_coverage,
    coverage_warning,
    covered_until,
    holiday_year_estimate,
    holidays_extend,
    holidays_import_official,
)
from apps.core.jalali import parse_jalali_date as j
from apps.core.models import Holiday, HolidayYear
from apps.core.tasks import holidays_coverage_check_task

pytestmark = pytest.mark.django_db

# A day late in 1405, as when the issue was filed: the next twelve months reach into 1406.
AUTUMN_1405 = j("1405/09/15")


@pytest.fixture
def only_1405():
    from apps.core.management.commands.load_holidays import HOLIDAYS_1405

    holidays_import_official(rows=[{"date": j(d), "title": t} for d, t in HOLIDAYS_1405])


@pytest.fixture
def in_autumn_1405(monkeypatch):
    monkeypatch.setattr(holiday_calendar, "today", lambda: AUTUMN_1405)


def test_it_warns_when_the_next_twelve_months_reach_a_year_not_in_the_table(only_1405):
    assert covered_until(on=AUTUMN_1405) == j("1405/12/29")
    warning = coverage_warning(on=AUTUMN_1405)
    assert "تنها تا ۱۴۰۵/۱۲/۲۹" in warning
    assert "سال ۱۴۰۶ در جدول نیست" in warning
    assert "load_holidays" in warning


def test_it_says_nothing_when_the_twelve_months_lie_in_covered_years(only_1405):
    holiday_year_estimate(year=1404)
    assert coverage_warning(on=j("1404/06/01")) == ""


def test_an_empty_table_does_not_even_cover_the_current_year():
    assert covered_until(on=AUTUMN_1405) is None
    assert "سال جاری را در بر نمی‌گیرد" in coverage_warning(on=AUTUMN_1405)


def test_extending_by_rule_covers_the_next_twelve_months_with_estimated_rows(only_1405):
    assert holidays_extend(on=AUTUMN_1405) == [1406]
    assert coverage_warning(on=AUTUMN_1405) == ""
    year = HolidayYear.objects.get(year=1406)
    assert year.estimated and year.first_day == j("1406/01/01")
    assert Holiday.objects.get(date=j("1406/01/01")).estimated
    assert Holiday.objects.get(date=j("1406/11/22")).title == "پیروزی انقلاب اسلامی"
    # 1405 stays official, and a second run adds nothing.
    assert not Holiday.objects.filter(date__lte=j("1405/12/29"), estimated=True).exists()
    assert holidays_extend(on=AUTUMN_1405) == []


def test_estimating_a_year_leaves_a_closure_an_administrator_added(only_1405):
    Holiday.objects.create(date=j("1406/01/01"), title="تعطیل ویژه")
    holiday_year_estimate(year=1406)
    kept = Holiday.objects.get(date=j("1406/01/01"))
    assert (kept.title, kept.estimated) == ("تعطیل ویژه", False)


def test_the_official_list_of_a_year_replaces_its_estimated_rows_only(only_1405):
    holidays_extend(on=AUTUMN_1405, until=j("1407/06/01"))
    estimated_1407 = Holiday.objects.filter(date__gte=j("1407/01/01"), estimated=True).count()
    holidays_import_official(rows=[{"date": j("1406/01/01"), "title": "آغاز نوروز"}])
    assert list(Holiday.objects.filter(date__range=(j("1406/01/01"), j("1406/12/29")))) == [
        Holiday.objects.get(date=j("1406/01/01"), estimated=False)
    ]
    assert not HolidayYear.objects.get(year=1406).estimated
    assert Holiday.objects.filter(date__gte=j("1407/01/01"), estimated=True).count() == estimated_1407


def test_the_holiday_import_replaces_estimated_rows_instead_of_refusing_their_dates(only_1405, national):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.services import import_start
    from apps.core.tests.xlsx import xlsx_upload

    # The official national list is the administrators' (a province's staff import local holidays).
    admin = UserFactory(organization=national, is_superuser=True, is_staff=True)
    holidays_extend(on=AUTUMN_1405)
    lines = [["تاریخ", "مناسبت"], ["1406/01/01", "آغاز نوروز"], ["1406/03/27", "تاسوعای حسینی"]]
    job = import_start(spec_name="holidays", uploaded_file=xlsx_upload(lines), user=admin)
    assert job.status == job.Status.DONE, job.errors
    assert not HolidayYear.objects.get(year=1406).estimated
    assert not Holiday.objects.filter(date__range=(j("1406/01/01"), j("1406/12/29")), estimated=True).exists()
    assert Holiday.objects.get(date=j("1406/03/27")).title == "تاسوعای حسینی"


def test_the_system_check_warns_only_when_asked_about_the_database(only_1405, in_autumn_1405):
    assert check_holiday_coverage(databases=None) == []
    found = check_holiday_coverage(databases=["default"])
    assert [message.id for message in found] == ["core.W001"]
    assert "۱۴۰۶" in found[0].msg
    holidays_extend(on=AUTUMN_1405)
    # Covered now, by the estimate: what is left is the reminder to import the official list.
    assert [message.id for message in check_holiday_coverage(databases=["default"])] == ["core.I001"]


def test_the_holidays_admin_page_shows_the_warning(only_1405, in_autumn_1405, admin_client):
    response = admin_client.get(reverse("admin:core_holiday_changelist"))
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("سال ۱۴۰۶ در جدول نیست" in m for m in shown)


def test_the_daily_task_extends_the_table_and_tells_the_administrators(
    only_1405, in_autumn_1405, settings, mailoutbox
):
    settings.ADMINS = [("مدیر میز", "admin@example.org")]
    holidays_coverage_check_task()
    assert HolidayYear.objects.get(year=1406).estimated
    assert [m.to for m in mailoutbox] == [["admin@example.org"]]
    assert "۱۴۰۶" in mailoutbox[0].body


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "apps.core.tasks.holidays_coverage_check_task" in tasks


def test_load_holidays_covers_the_current_year_and_the_next_ones(monkeypatch):
    import apps.core.management.commands.load_holidays as command

    monkeypatch.setattr(command, "today", lambda: AUTUMN_1405)
    out = io.StringIO()
    call_command("load_holidays", stdout=out)
    assert dict(HolidayYear.objects.values_list("year", "estimated")) == {1405: False, 1406: True, 1407: True}
    assert "1406, 1407" in out.getvalue()
    assert coverage_warning(on=AUTUMN_1405) == ""


def test_load_holidays_makes_an_estimated_1405_official(monkeypatch):
    import apps.core.management.commands.load_holidays as command

    monkeypatch.setattr(command, "today", lambda: AUTUMN_1405)
    holiday_year_estimate(year=1405)
    assert Holiday.objects.filter(date=j("1405/05/12"), estimated=True).exists()  # the reckoned Arbaeen
    call_command("load_holidays", stdout=io.StringIO())
    assert not HolidayYear.objects.get(year=1405).estimated
    assert not Holiday.objects.filter(date=j("1405/05/12")).exists()
    assert not Holiday.objects.get(date=j("1405/05/13")).estimated
