"""The month page in Chromium: on a phone (390 px) the month is a list of days without sideways scroll, on
a desk (1,280 px) a grid from Saturday; the employee's own session shows on its day."""

import pytest

from apps.calendars.tests.conftest import days_after
from apps.core.jalali import to_jalali
from apps.core.tests.e2e.test_screens import AXE, AXE_JS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def page(browser, live_server):
    """The shared page, but one that lets the test inject axe-core past the desk's script policy."""
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


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
    assert axe_findings(page) == []

    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.is_visible("[data-testid=month-grid]")
    assert not page.is_visible("[data-testid=month-list]")
    assert page.locator("[data-testid=month-grid] thead th").first.inner_text().strip() == "شنبه"
    assert (
        page.locator(f"[data-testid=month-grid] td[data-day='{day.isoformat()}'] [data-testid=event]").count()
        == 1
    )
    assert page.evaluate(NO_OVERFLOW)
    assert axe_findings(page) == []


def test_the_week_and_the_feed_address_fit_a_phone(page, sign_in, employee):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(employee)
    page.goto("/calendar/week/")
    assert page.locator("[data-testid=week-days] > section").count() == 7
    assert page.evaluate(NO_OVERFLOW)
    assert axe_findings(page) == []
    page.goto("/calendar/feed/")
    page.click("[data-testid=make-feed]")
    address = page.locator("[data-testid=feed-address]")
    assert address.input_value().endswith(".ics")
    assert page.evaluate(NO_OVERFLOW)
    assert axe_findings(page) == []


def axe_findings(page) -> list[str]:
    """axe-core's serious and critical findings on the page (injected by the test only)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_JS)
