"""A day with hundreds of deadlines: the month shows four and counts the others, the week lists twenty and
links the others to the cartable, and neither reads more rows or runs more queries as the day fills up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.calendars.selectors import MONTH_DAY_EVENTS, WEEK_DAY_DEADLINES
from apps.core.digits import to_persian_digits
from apps.core.jalali import format_date, to_jalali, today
from apps.workflow.models import Case
from apps.workflow.services import case_open

from .conftest import days_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadlines(agency_officer, training_expert):
    """`count` training requests waiting on the training group, all due on `day`, titled in order."""

    def _deadlines(count, day, *, first=0, backwards=False):
        pks = [
            case_open(
                process_name="training.request",
                owner=agency_officer.organization,
                actor=agency_officer,
                title=f"درخواست {n:03d}",
            ).pk
            for n in (reversed if backwards else iter)(range(first, first + count))
        ]
        Case.objects.filter(pk__in=pks).update(due_date=day)
        return pks

    return _deadlines


def month_url(day, **extra) -> str:
    j = to_jalali(day)
    query = "&".join(f"{k}={v}" for k, v in {"year": j.year, "month": j.month, **extra}.items())
    return f"{reverse('calendars:month')}?{query}"


def grid_cell(response, day) -> str:
    return response.content.decode().split(f'data-day="{day.isoformat()}"')[1].split("</td>")[0]


def test_a_day_of_thirty_deadlines_shows_the_first_four_and_counts_the_other_twenty_six(
    login, training_expert, deadlines
):
    day = days_after(3)
    deadlines(30, day, backwards=True)  # filed last, titled first: the day's order is the titles'.
    response = login(training_expert).get(month_url(day, source="workflow"))
    cell = grid_cell(response, day)
    assert cell.count('data-testid="event"') == MONTH_DAY_EVENTS
    # The first four by title, as the week lists them.
    for n in range(MONTH_DAY_EVENTS):
        assert f"مهلت اقدام: درخواست {to_persian_digits(f'{n:03d}')}" in cell
    assert "درخواست ۰۰۴" not in cell
    assert f"و {to_persian_digits(30 - MONTH_DAY_EVENTS)} رویداد دیگر" in cell
    # The page read four of them, not thirty.
    day_cell = next(d for week in response.context["view"].weeks for d in week if d.date == day)
    assert len(day_cell.events) == MONTH_DAY_EVENTS


def test_the_week_lists_twenty_deadlines_a_day_and_links_the_others_to_the_cartable(
    login, training_expert, deadlines
):
    day = days_after(3)
    deadlines(WEEK_DAY_DEADLINES + 7, day)
    response = login(training_expert).get(
        f"{reverse('calendars:week')}?day={format_date(day, persian_digits=False)}&source=workflow"
    )
    html = response.content.decode()
    section = html.split(f'data-day="{day.isoformat()}"')[1].split("</section>")[0]
    assert section.count('data-testid="event"') == WEEK_DAY_DEADLINES
    assert f'href="{reverse("workflow:cartable")}"' in section
    assert f"و {to_persian_digits(7)} مهلت دیگر در کارتابل" in section


def test_the_month_page_costs_the_same_queries_and_reads_the_same_rows_for_five_deadlines_or_sixty(
    login, training_expert, deadlines, django_assert_max_num_queries
):
    day = days_after(3)
    client = login(training_expert)
    deadlines(5, day)
    with CaptureQueriesContext(connection) as few:
        client.get(month_url(day))
    deadlines(55, day, first=5)
    deadlines(40, days_after(4), first=60)
    with django_assert_max_num_queries(len(few)):
        response = client.get(month_url(day))
    days = {d.date: d for week in response.context["view"].weeks for d in week}
    assert len(days[day].events) == MONTH_DAY_EVENTS and days[day].more == 60 - MONTH_DAY_EVENTS
    assert len(days[days_after(4)].events) == MONTH_DAY_EVENTS
    assert f"و {to_persian_digits(40 - MONTH_DAY_EVENTS)} رویداد دیگر" in grid_cell(response, days_after(4))


def test_an_officer_who_filed_seven_requests_today_sees_four_of_them_and_the_count_of_the_others(
    login, agency_officer, deadlines
):
    day = days_after(5)
    deadlines(7, day)  # filed today by the officer, waiting on the training group, due in five days
    response = login(agency_officer).get(month_url(today(), source="workflow"))
    cell = grid_cell(response, today())
    assert cell.count("ثبت درخواست: درخواست") == MONTH_DAY_EVENTS
    assert f"و {to_persian_digits(7 - MONTH_DAY_EVENTS)} رویداد دیگر" in cell
    # Their expected answers on the due date: the same four and count, on that day.
    due = grid_cell(login(agency_officer).get(month_url(day, source="workflow")), day)
    assert due.count("موعد رسیدگی به درخواست شما") == MONTH_DAY_EVENTS
    assert f"و {to_persian_digits(7 - MONTH_DAY_EVENTS)} رویداد دیگر" in due
