"""Each list page runs exactly as many queries when its data grows tenfold (issue 8, item 2).

The data comes from the bench's own generator (cases of every state over several agencies), so this
also shows the generator writes rows the pages read.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.workflow.models import Case
from bench import generate

pytestmark = pytest.mark.django_db

AGENCIES = 2
SMALL = 5  # cases per agency: one in each of the fault-report process's five states
GROWTH = 10

PAGES = [
    ("workflow:cartable", "expert"),
    ("workflow:case_list", "expert"),
    ("workflow:cartable", "officer101"),
    ("workflow:case_list", "officer101"),
]


def _visit(client, page: str, username: str):
    # Signed in afresh: the generator's run refreshes the demo people (and so their sessions).
    client.force_login(User.objects.get(username=username))
    client.get(reverse(page))  # the first request of a session fills per-process caches: not counted
    return client


@pytest.mark.parametrize(("page", "username"), PAGES)
def test_a_list_page_runs_the_same_queries_when_its_data_grows_tenfold(
    client, django_assert_num_queries, page, username
):
    generate.run(agencies=AGENCIES, cases_per_agency=SMALL)
    client = _visit(client, page, username)
    with CaptureQueriesContext(connection) as small:
        small_page = client.get(reverse(page))
    # Counted now: the log the context slices is a bounded deque the generator's run below rolls over.
    queries, shown = len(small), small_page.context["page"].paginator.count
    assert shown > 0

    generate.run(agencies=AGENCIES, cases_per_agency=SMALL * (GROWTH - 1))
    assert Case.objects.count() == AGENCIES * SMALL * GROWTH
    client = _visit(client, page, username)
    with django_assert_num_queries(queries):
        large_page = client.get(reverse(page))
    assert large_page.context["page"].paginator.count == shown * GROWTH
