"""GET /api/search/?q=: the page's results, with the same visibility, for programs."""

import pytest

from apps.search.selectors import TOO_SHORT

pytestmark = pytest.mark.django_db

URL = "/api/search/"


def test_it_answers_the_results_a_person_may_see(client, world):
    client.force_login(world.ours.officer)
    body = client.get(URL, {"q": "چاپگر"}).json()
    titles = {item["title"] for item in body["items"]}
    assert world.ours.case.title in titles
    assert world.theirs.case.title not in titles
    assert body["hint"] == ""
    assert body["count"] == len(body["items"])
    case = next(item for item in body["items"] if item["title"] == world.ours.case.title)
    assert case["source"] == "case" and case["label"] == "پرونده‌ها"
    assert case["url"].endswith(f"/cases/{world.ours.case.tracking_code}/")


def test_it_pages_by_limit_and_offset(client, world):
    client.force_login(world.deputy)
    first = client.get(URL, {"q": "چاپگر", "limit": 1}).json()
    second = client.get(URL, {"q": "چاپگر", "limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] == 2
    assert first["items"][0]["title"] != second["items"][0]["title"]


def test_a_short_query_gets_the_hint_and_no_error(client, world):
    client.force_login(world.ours.officer)
    response = client.get(URL, {"q": "ا"})
    assert response.status_code == 200
    assert response.json() == {"hint": TOO_SHORT, "count": 0, "truncated": False, "items": []}


def test_it_refuses_a_visitor(client, db):
    assert client.get(URL, {"q": "چاپگر"}).status_code == 401


def test_an_absurd_limit_is_refused_with_its_reason(client, world):
    client.force_login(world.ours.officer)
    assert client.get(URL, {"q": "چاپگر", "limit": 10_000}).status_code == 422
