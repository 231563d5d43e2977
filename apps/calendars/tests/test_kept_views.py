"""The month and the week keep their days as list pages keep their rows (real Redis, as deployed): the same
page asked again reads no event until something it may show is written."""

import pytest
from django.urls import reverse

from apps.calendars import selectors
from apps.core.jalali import format_date
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)

from .conftest import days_after
from .test_views import month_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reads(monkeypatch):
    """How many times the pages read their events from the sources."""
    counted = []
    real = selectors.capped_events_for

    def counting(*args, **kwargs):
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(selectors, "capped_events_for", counting)
    return counted


def grid(page: str) -> str:
    return page.split('data-testid="month-grid"', 1)[1].split("</main>", 1)[0]


def test_the_month_is_read_once_and_shown_the_same_until_a_session_is_added(
    login, agency_officer, session_for, reads
):
    session_for(agency_officer, starts_on=days_after(1), place="سالن یکم")
    client = login(agency_officer)
    url = month_url(days_after(1))
    page = client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert "سالن یکم" in page and grid(again) == grid(page)
    assert len(reads) == 1
    # A session of the Organization's, which every agency may be shown: the next look reads afresh.
    session_for(agency_officer, starts_on=days_after(1), place="سالن دوم")
    page = client.get(url).content.decode()
    assert "سالن یکم" in page and "سالن دوم" in page
    assert len(reads) == 2


def test_the_week_is_read_once_and_another_week_is_its_own(login, agency_officer, session_for, reads):
    session_for(agency_officer, starts_on=days_after(1), place="سالن یکم")
    client = login(agency_officer)
    this_week = f"{reverse('calendars:week')}?day={format_date(days_after(1), persian_digits=False)}"
    next_week = f"{reverse('calendars:week')}?day={format_date(days_after(8), persian_digits=False)}"
    assert "سالن یکم" in client.get(this_week).content.decode()
    assert "سالن یکم" in client.get(this_week).content.decode()
    assert len(reads) == 1
    assert "سالن یکم" not in client.get(next_week).content.decode()
    assert len(reads) == 2
