"""The month and week pages: each person sees the events of their reach, clashes marked «تداخل», Jalali
months with their right lengths, weeks from Saturday, Persian digits, a constant number of queries."""

import datetime as dt

import jdatetime
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.calendars.selectors import MONTH_DAY_EVENTS, month_bounds, month_view, week_start
from apps.core.digits import to_persian_digits
from apps.core.jalali import format_date, to_jalali, today
from apps.training.models import Mode

from .conftest import days_after

pytestmark = pytest.mark.django_db


def month_url(day: dt.date, **extra) -> str:
    j = to_jalali(day)
    query = "&".join(f"{k}={v}" for k, v in {"year": j.year, "month": j.month, **extra}.items())
    return f"{reverse('calendars:month')}?{query}"


def uids(response) -> set[str]:
    return {e.uid for week in response.context["view"].weeks for day in week for e in day.events}


def test_an_employee_sees_the_sessions_that_list_them_and_no_other(
    login, employee, agency_officer, session_for
):
    mine = session_for(agency_officer, starts_on=days_after(1), people=[employee])
    other = session_for(agency_officer, starts_on=days_after(2), place="سالن دوم", instructor="دکتر رضایی")
    response = login(employee).get(month_url(days_after(1)))
    assert response.status_code == 200
    found = uids(response)
    assert f"training.session.{mine.pk}" in found
    assert f"training.session.{other.pk}" not in found


def test_the_training_group_sees_every_agencys_sessions(
    login, training_expert, agency_officer, other_officer, session_for
):
    first = session_for(agency_officer, starts_on=days_after(1))
    second = session_for(other_officer, starts_on=days_after(1), place="سالن دوم", instructor="دکتر رضایی")
    response = login(training_expert).get(month_url(days_after(1)))
    assert {f"training.session.{first.pk}", f"training.session.{second.pk}"} <= uids(response)


def test_an_officer_sees_none_of_another_agencys_sessions(login, agency_officer, other_officer, session_for):
    theirs = session_for(other_officer, starts_on=days_after(1))
    ours = session_for(agency_officer, starts_on=days_after(1), place="سالن دوم", instructor="دکتر رضایی")
    response = login(agency_officer).get(month_url(days_after(1)))
    found = uids(response)
    assert f"training.session.{ours.pk}" in found
    assert f"training.session.{theirs.pk}" not in found
    assert "سالن آموزش" not in response.content.decode()


def test_two_sessions_in_one_hall_on_overlapping_days_are_marked_as_clashing(
    login, training_expert, agency_officer, other_officer, session_for
):
    first = session_for(agency_officer, starts_on=days_after(1), ends_on=days_after(3))
    second = session_for(other_officer, starts_on=days_after(3), instructor="دکتر رضایی")
    apart = session_for(other_officer, starts_on=days_after(4), instructor="دکتر رضایی")
    response = login(training_expert).get(month_url(days_after(3)))
    events = {e.uid: e for week in response.context["view"].weeks for day in week for e in day.events}
    assert events[f"training.session.{first.pk}"].clash
    assert events[f"training.session.{second.pk}"].clash
    assert not events[f"training.session.{apart.pk}"].clash
    assert "تداخل" in response.content.decode()


def test_one_instructor_in_two_halls_at_once_clashes_but_two_virtual_classes_share_no_hall(
    login, training_expert, agency_officer, session_for
):
    taught = session_for(agency_officer, starts_on=days_after(1), place="سالن یک")
    twice = session_for(agency_officer, starts_on=days_after(1), place="سالن دو")
    online = session_for(agency_officer, starts_on=days_after(8), mode=Mode.VIRTUAL, instructor="الف")
    online_too = session_for(agency_officer, starts_on=days_after(8), mode=Mode.VIRTUAL, instructor="ب")
    view = month_view(
        user=training_expert, year=to_jalali(days_after(1)).year, month=to_jalali(days_after(1)).month
    )
    events = {e.uid: e for week in view.weeks for day in week for e in day.events}
    assert events[f"training.session.{taught.pk}"].clash and events[f"training.session.{twice.pk}"].clash
    later = month_view(
        user=training_expert, year=to_jalali(days_after(8)).year, month=to_jalali(days_after(8)).month
    )
    later_events = {e.uid: e for week in later.weeks for day in week for e in day.events}
    assert not later_events[f"training.session.{online.pk}"].clash
    assert not later_events[f"training.session.{online_too.pk}"].clash


def test_a_day_of_the_month_lists_four_events_and_links_the_others_to_its_week_which_lists_them_all(
    login, training_expert, agency_officer, session_for
):
    day = days_after(1)
    sessions = [
        session_for(agency_officer, starts_on=day, place=f"سالن {n}", instructor=f"مدرس {n}")
        for n in range(6)
    ]
    client = login(training_expert)
    response = client.get(month_url(day))
    cell = next(d for week in response.context["view"].weeks for d in week if d.date == day)
    # The day's events: those read, and the deadlines the cartable's source counted without reading them.
    hidden = len(cell.events) + sum(r.count for r in cell.rest) - MONTH_DAY_EVENTS
    assert hidden >= 2
    html = response.content.decode()
    grid_cell = html.split(f'data-day="{day.isoformat()}"')[1].split("</td>")[0]
    assert grid_cell.count('data-testid="event"') == MONTH_DAY_EVENTS
    assert f"و {to_persian_digits(hidden)} رویداد دیگر" in grid_cell
    week_link = f"{reverse('calendars:week')}?day={format_date(day, persian_digits=False)}"
    assert f'href="{week_link}"' in grid_cell
    week = client.get(week_link).content.decode()
    assert all(f'data-uid="training.session.{s.pk}"' in week for s in sessions)


@pytest.mark.parametrize(("year", "days"), [(1403, 30), (1404, 29)])
def test_esfand_has_thirty_days_in_a_leap_year_and_twenty_nine_otherwise(year, days, login, training_expert):
    first, last = month_bounds(year, 12)
    assert (last - first).days + 1 == days
    assert jdatetime.date.fromgregorian(date=last + dt.timedelta(days=1)) == jdatetime.date(year + 1, 1, 1)
    response = login(training_expert).get(f"{reverse('calendars:month')}?year={year}&month=12")
    view = response.context["view"]
    in_month = [d for week in view.weeks for d in week if d.in_month]
    assert [d.jalali.day for d in in_month] == list(range(1, days + 1))
    assert all(len(week) == 7 and week[0].jalali.weekday() == 0 for week in view.weeks)
    assert "اسفند" in response.content.decode()


def test_the_month_page_reads_persian_digits_and_marks_today(login, training_expert):
    response = login(training_expert).get(reverse("calendars:month"))
    body = response.content.decode()
    j = to_jalali(today())
    assert response.context["view"].year == j.year and response.context["view"].month == j.month
    assert 'aria-current="date"' in body and "امروز" in body
    assert "۱۵" in body and ">15<" not in body


def test_previous_and_next_cross_the_year(login, training_expert):
    response = login(training_expert).get(f"{reverse('calendars:month')}?year=۱۴۰۴&month=۱")
    assert response.context["view"].previous == (1403, 12)
    assert response.context["view"].following == (1404, 2)
    assert "year=1403&amp;month=12" in response.content.decode()


def test_a_month_that_does_not_exist_shows_this_month(login, training_expert):
    response = login(training_expert).get(f"{reverse('calendars:month')}?year=abc&month=13")
    assert response.status_code == 200
    assert response.context["view"].month == to_jalali(today()).month


def test_the_week_starts_on_saturday_and_holds_the_persons_events(
    login, employee, agency_officer, session_for
):
    day = days_after(2)
    mine = session_for(agency_officer, starts_on=day, people=[employee])
    j = to_jalali(day)
    response = login(employee).get(f"{reverse('calendars:week')}?day={j.year}/{j.month}/{j.day}")
    days = response.context["view"].days
    assert days[0].date == week_start(day) and days[0].weekday_name == "شنبه" and len(days) == 7
    assert any(e.uid == f"training.session.{mine.pk}" for d in days for e in d.events)


def test_the_source_filter_shows_only_the_chosen_source(login, agency_officer, session_for):
    session_for(agency_officer, starts_on=days_after(1))
    user = login(agency_officer)
    both = uids(user.get(month_url(days_after(1))))
    assert any(u.startswith("training.") for u in both) and any(u.startswith("workflow.") for u in both)
    only = uids(user.get(month_url(days_after(1), source="workflow")))
    assert only and all(u.startswith("workflow.") for u in only)


def test_the_month_page_costs_the_same_queries_for_three_sessions_or_twelve(
    login, training_expert, agency_officer, session_for, django_assert_max_num_queries
):
    client = login(training_expert)
    for n in range(3):
        session_for(agency_officer, starts_on=days_after(1), place=f"سالن {n}", instructor=f"مدرس {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(month_url(days_after(1)))
    for n in range(3, 12):
        session_for(agency_officer, starts_on=days_after(1), place=f"سالن {n}", instructor=f"مدرس {n}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(month_url(days_after(1)))
    assert len(uids(response)) >= 12


def test_the_week_page_costs_the_same_queries_for_two_sessions_or_ten(
    login, training_expert, agency_officer, session_for, django_assert_max_num_queries
):
    client = login(training_expert)
    url = reverse("calendars:week")
    for n in range(2):
        session_for(agency_officer, starts_on=today(), place=f"سالن {n}", instructor=f"مدرس {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 10):
        session_for(agency_officer, starts_on=today(), place=f"سالن {n}", instructor=f"مدرس {n}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert sum(len(d.events) for d in response.context["view"].days) >= 10


def test_the_menu_offers_the_calendar_to_whoever_has_a_source_and_not_to_someone_without_one(
    login, employee, agency
):
    assert "calendars:month" in [e.url_name for e in _menu(employee)]
    nobody = UserFactory(organization=agency, roles=[])
    assert "calendars:month" not in [e.url_name for e in _menu(nobody)]
    assert login(nobody).get(reverse("calendars:month")).status_code == 403


def _menu(user):
    from apps.core.navigation import entries_for

    return entries_for(user)
