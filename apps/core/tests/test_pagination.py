"""The pages' paginator and the API's: exact up to the cap, «بیش از …» (or `count_capped`) past it, every page
still reachable, and a COUNT that never reads more than the cap's rows, so a list costs the same at a
province's volume and at the nation's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import Organization
from apps.accounts.tests.factories import OrganizationFactory
from apps.core.pagination import BoundedPagination, CappedPaginator
from apps.notifications.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    """23 agencies whose codes start with T, in code order."""
    for n in range(23):
        OrganizationFactory(code=f"T{n:03d}")
    return Organization.objects.filter(code__startswith="T").order_by("code")


class Capped(CappedPaginator):
    cap = 10


def test_up_to_the_cap_the_count_and_pages_are_exact_as_with_djangos_paginator(agencies):
    paginator = Capped(agencies.filter(code__lt="T008"), 4)
    assert (paginator.beyond, paginator.count, paginator.num_pages) == (False, 8, 2)
    last = paginator.get_page(5)  # past the end: the last page, as Django's paginator gives
    assert (last.number, last.has_next(), [o.code for o in last]) == (
        2,
        False,
        ["T004", "T005", "T006", "T007"],
    )


def test_past_the_cap_the_count_stops_there_and_every_page_stays_reachable_one_after_the_other(agencies):
    paginator = Capped(agencies, 4)
    assert (paginator.beyond, paginator.count) == (True, 10)
    page = paginator.get_page(1)
    codes = []
    while True:
        codes += [o.code for o in page]
        if not page.has_next():
            break
        page = paginator.get_page(page.next_page_number())
    assert codes == [f"T{n:03d}" for n in range(23)]
    assert (page.number, page.start_index(), page.end_index()) == (6, 21, 23)
    # A page past the end falls back to the last page known to exist, as far as the cap can tell.
    assert paginator.get_page(99).number == paginator.num_pages == 3


def test_the_count_reads_at_most_the_caps_rows(agencies):
    with CaptureQueriesContext(connection) as captured:
        assert Capped(agencies, 4).count == 10
    (count,) = [q["sql"] for q in captured.captured_queries]
    assert "COUNT(*)" in count
    assert "LIMIT 11" in count


def test_an_inbox_past_the_cap_says_more_than_and_pages_on_without_a_last_page_number(
    login, agency_officer, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    MessageFactory.create_batch(57, recipient=agency_officer)
    client = login(agency_officer)

    first = client.get(reverse("notifications:inbox")).content.decode()
    assert "بیش از ۵ پیام" in first
    assert "صفحه ۱<" in first  # no «از …»: the desk does not count past the cap
    assert first.count('data-testid="message-row"') == 50
    assert "?page=2" in first

    second = client.get(reverse("notifications:inbox"), {"page": 2}).content.decode()
    assert second.count('data-testid="message-row"') == 7
    assert "بعدی" not in second
    assert "قبلی" in second


def test_an_inbox_under_the_cap_shows_its_exact_count(login, agency_officer):
    MessageFactory.create_batch(57, recipient=agency_officer)
    body = login(agency_officer).get(reverse("notifications:inbox")).content.decode()
    assert "۵۷ پیام" in body
    assert "بیش از" not in body
    assert "صفحه ۱ از ۲" in body


def test_the_apis_count_is_exact_up_to_the_cap_and_says_so(login, agency_officer, monkeypatch):
    monkeypatch.setattr(BoundedPagination, "cap", 5)
    MessageFactory.create_batch(5, recipient=agency_officer)

    data = login(agency_officer).get("/api/messages").json()

    assert (data["count"], data["count_capped"], len(data["items"])) == (5, False, 5)


def test_past_the_cap_the_apis_count_stops_there_and_every_row_stays_reachable_by_offset(
    login, agency_officer, monkeypatch
):
    monkeypatch.setattr(BoundedPagination, "cap", 5)
    messages = MessageFactory.create_batch(12, recipient=agency_officer)
    client = login(agency_officer)

    with CaptureQueriesContext(connection) as captured:
        first = client.get("/api/messages", {"limit": 4}).json()
    assert (first["count"], first["count_capped"]) == (5, True)
    (count,) = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"]]
    assert "LIMIT 6" in count

    seen, offset = [], 0
    while True:
        page = client.get("/api/messages", {"limit": 4, "offset": offset}).json()
        seen += [m["id"] for m in page["items"]]
        if len(page["items"]) < 4:
            break
        offset += 4
    assert seen == [m.pk for m in reversed(messages)]


def test_the_apis_schema_declares_the_capped_count():
    from khedmat.api import api

    paged = api.get_openapi_schema()["components"]["schemas"]["PagedMessageOut"]
    assert paged["required"] == ["items", "count", "count_capped"]
    assert "10,000" in paged["properties"]["count_capped"]["description"]
