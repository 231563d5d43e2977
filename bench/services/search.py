"""The search box's page (issue 24) against a bare view of the same results.

The bare view asks the page's own selector (`search_for_user`: one query that looks the words up in the
full-text index for at most 2,000 rows of the person's agency or province (the expert's province is the whole
bench), tests the newest of them against the permission model's `visible()` until 51 pass, and reads what
the 50 newest show) and lists the same page of 30 results with Django's
Paginator, with no layout, no grouping by source and nothing kept. "The same rows" means what this person is
shown: the same full-text query without the permission model would list other rows (learners and other
services' cases the expert may not see), so it would not be a twin.

The page is read as the province's management expert looking for «علی», a first name: 25,917 of the
province's 352,497 index rows match it (candidates, learners, hire files, documents), more than the
selector looks at, so the page shows its 50 newest visible matches and asks for more words: the heaviest
search there is.
"""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from apps.accounts.permissions import signed_in
from apps.search import selectors
from apps.search.views import PAGE_SIZE
from bench.services import Page

WORD = "علی"

BARE = engines["django"].from_string(
    '<ul data-testid="search-results">{% for entry in page.object_list %}'
    '<li><a href="{{ entry.url }}">{{ entry.title }}</a> {{ entry.detail }}</li>{% endfor %}</ul>'
    "{{ page.paginator.count }}"
)


@signed_in
def results(request):
    query = selectors.query_parse(request.GET.get("q"))
    found = selectors.search_for_user(user=request.user, query=query)
    page = Paginator(found.entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return HttpResponse(BARE.render({"page": page}, request))


def index_fill(fresh: bool) -> None:
    """The index rebuilt from every source (bulk writes send no signal), then analysed, as autovacuum would
    have done on a desk that lived with its data: planned on the empty table's statistics, the match walks
    the (source, object id) btree past every row, 190 ms for a word that matches nothing."""
    from django.db import connection

    from apps.search.models import SearchEntry
    from apps.search.services import index_rebuild

    if not fresh and SearchEntry.objects.exists():
        return
    index_rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")


urlpatterns = [path("bench/bare/search/", results, name="bench_bare_search")]

PAGES = [
    Page(
        "search",
        f"/search/?q={quote(WORD)}",
        f"/bench/bare/search/?q={quote(WORD)}",
        "expert",
        "recruitment",
        marker='data-testid="search-results"',
        prepare=index_fill,
        # One name in ten is «علی», rounded again after the agencies' shares: 2 of 16 candidates, then 16 of 152.
        growth=8,
    ),
]
