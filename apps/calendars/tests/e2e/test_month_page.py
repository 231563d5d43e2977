"""The month page in Chromium: on a phone (390 px) the month is a list of days without sideways scroll, on
a desk (1,280 px) a grid from Saturday; the employee's own session shows on its day."""

import pytest

from apps.calendars.tests.conftest import days_after
from apps.core.jalali import to_jalali

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_the_month_is_a_list_of_days_on_a_phone_and_a_grid_on_a_desk(
    page, sign_in, employee, agency_officer, session_for
):
    day = days_after(1)
    session = session_for(
        agency_officer,
        starts_on=day,
        people=[employee],
        place="سالن همایش‌های ساختمان مرکزی استانداری با نامی بسیار بلند برای آزمودن شکستن سطر",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(employee)
    j = to_jalali(day)
    page.goto(f"/calendar/?year={j.year}&month={j.month}")
    event = page.locator(f"[data-testid=month-list] [data-uid='training.session.{session.pk}']")
    event.wait_for()
    assert event.is_visible()
    assert not page.is_visible("[data-testid=month-grid]")
    assert page.evaluate(NO_OVERFLOW)

    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.is_visible("[data-testid=month-grid]")
    assert not page.is_visible("[data-testid=month-list]")
    assert page.locator("[data-testid=month-grid] thead th").first.inner_text().strip() == "شنبه"
    assert (
        page.locator(f"[data-testid=month-grid] td[data-day='{day.isoformat()}'] [data-testid=event]").count()
        == 1
    )
    assert page.evaluate(NO_OVERFLOW)
