"""The search page and the box in the top bar: results grouped by kind, a hint for a short query, a constant
number of queries whatever the number of results."""

import pytest
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.search.selectors import TOO_SHORT
from apps.search.views import PAGE_SIZE

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def test_the_top_bar_of_a_signed_in_page_has_a_labelled_search_box(client, world):
    client.force_login(world.ours.officer)
    page = client.get(reverse("core:landing")).content.decode()
    # One box under the bar on narrow screens, one behind the magnifier beside the menu on wide ones.
    for box in ("desk-search-q", "desk-search-q-wide"):
        assert f'for="{box}"' in page and f'id="{box}"' in page
    assert page.count(f'action="{URL}"') == 2


def test_the_front_door_has_no_search_box(client, db):
    assert 'data-testid="search-box"' not in client.get(reverse("core:home")).content.decode()


def test_it_sends_a_visitor_to_sign_in(client, db):
    response = client.get(URL, {"q": "چاپگر"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_shows_the_results_grouped_by_kind_with_their_links(client, world):
    client.force_login(world.deputy)
    response = client.get(URL, {"q": "علی"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "فراگیران" in page
    assert world.ours.learner.full_name in page and world.theirs.learner.full_name in page
    case_page = client.get(URL, {"q": world.ours.case.tracking_code}).content.decode()
    assert "پرونده‌ها" in case_page
    assert (
        reverse("workflow:case_detail", kwargs={"tracking_code": world.ours.case.tracking_code}) in case_page
    )
    # Numbers are read in Persian digits.
    assert to_persian_digits(world.ours.case.tracking_code) in case_page


def test_it_shows_the_other_agency_nothing_of_ours(client, world):
    client.force_login(world.theirs.officer)
    page = client.get(URL, {"q": world.ours.case.tracking_code}).content.decode()
    assert world.ours.case.title not in page
    assert 'data-testid="search-empty"' in page


@pytest.mark.parametrize("typed", ["", "ا", "  "])
def test_a_short_query_gets_the_hint_not_an_error(client, world, typed):
    client.force_login(world.ours.officer)
    response = client.get(URL, {"q": typed})
    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()


def test_the_page_takes_the_same_number_of_queries_for_one_result_or_a_full_page(
    client, world, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from apps.managers.models import ManagerProfile

    client.force_login(world.deputy)
    client.get(URL, {"q": "علی"})  # the session and the user, read once
    # The session, the user and their substitutions, the unread count; then the search itself: the matches,
    # the permission model's test of each and the rows shown, in one query.
    bound = 4 + 1
    with django_assert_max_num_queries(bound):
        client.get(URL, {"q": "علی"})
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(PAGE_SIZE + 5):
            ManagerProfile.objects.create(
                organization=world.ours.officer.organization,
                full_name=f"علی نمونه {n}",
                father_name="حسن",
                highest_degree="master",
                bachelor_field="مدیریت",
            )
    with django_assert_max_num_queries(bound):
        page = client.get(URL, {"q": "علی"}).content.decode()
    assert "صفحه ۱ از ۲" in page


def test_a_query_matching_too_much_asks_for_more_words(client, world, monkeypatch):
    from apps.search import selectors

    monkeypatch.setattr(selectors, "MAX_RESULTS", 1)
    client.force_login(world.deputy)
    page = client.get(URL, {"q": "چاپگر"}).content.decode()
    assert 'data-testid="search-truncated"' in page
    assert "واژه‌های بیشتری بنویسید" in page
