"""The search page keeps its results as list pages keep their rows (real Redis, as deployed): the same words
asked again are not looked up again until the index, or what the person may see, changes."""

import pytest
from django.urls import reverse

from apps.core import freshness
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)
from apps.search import selectors
from apps.search.models import SearchEntry
from apps.workflow.services import case_open

pytestmark = pytest.mark.django_db(transaction=True)

URL = reverse("search:search")


@pytest.fixture
def lookups(monkeypatch):
    """The words each search page looked up in the index (not taken from what was kept)."""
    looked = []
    real = selectors.search_for_user

    def counted(*, user, query):
        looked.append(query.text)
        return real(user=user, query=query)

    monkeypatch.setattr(selectors, "search_for_user", counted)
    return looked


def results(page: str) -> str:
    return page.split('data-testid="search-page-form"', 1)[1].split("</main>", 1)[0]


def test_the_same_words_are_looked_up_once_and_shown_the_same(login, world, lookups):
    client = login(world.deputy)
    first = client.get(URL, {"q": "چاپگر"}).content.decode()
    again = client.get(URL, {"q": "چاپگر"}).content.decode()
    assert world.ours.case.title in first and world.theirs.case.title in first
    assert results(again) == results(first)
    assert lookups == ["چاپگر"]
    # Other words, or another person, are their own look-up.
    client.get(URL, {"q": "چاپگر مالی"})
    login(world.ours.officer).get(URL, {"q": "چاپگر"})
    assert lookups == ["چاپگر", "چاپگر مالی", "چاپگر"]


def test_a_change_to_the_index_alone_is_shown_at_once(login, world, lookups):
    client = login(world.deputy)
    client.get(URL, {"q": "چاپگر"})
    # Only the index is written (as a refresh after a step's commit is): its own generation moves.
    SearchEntry.objects.filter(source="case", object_id=world.ours.case.pk).update(title="چاپگر نو")
    page = client.get(URL, {"q": "چاپگر"}).content.decode()
    assert "چاپگر نو" in page
    assert lookups == ["چاپگر", "چاپگر"]


def test_a_new_case_is_found_by_the_next_search(login, world, lookups):
    client = login(world.ours.officer)
    assert "چاپگر سوم" not in client.get(URL, {"q": "چاپگر"}).content.decode()
    case_open(
        process_name="support.fault",
        owner=world.ours.case.owner,
        actor=world.ours.employee,
        title="چاپگر سوم",
    )
    assert "چاپگر سوم" in client.get(URL, {"q": "چاپگر"}).content.decode()


def test_a_write_to_the_index_alone_leaves_every_other_kept_list_kept(world):
    reads = []

    def agencies():
        reads.append(1)
        return len(reads)

    assert freshness.kept(("a list",), agencies) == 1
    SearchEntry.objects.filter(source="case").update(title="چاپگر")
    assert freshness.kept(("a list",), agencies) == 1
    assert len(reads) == 1
