"""The search page: the box's results, grouped by what they are."""

from itertools import groupby

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from apps.accounts.permissions import signed_in
from apps.core.http import paginate

from . import selectors
from .registry import source

PAGE_SIZE = 30


@signed_in  # everyone signed in may search; what they find is what the permission model shows them
def search(request):
    query = selectors.query_parse(request.GET.get("q"))
    # Read only when the page's kept block (`{% listing %}`) is rendered afresh: the same words asked again
    # before anything is written, to the index or to what the person may see, are not looked up again.
    results = SimpleLazyObject(lambda: selectors.search_for_user(user=request.user, query=query))
    page = paginate(request, lambda: results.entries, per_page=PAGE_SIZE)
    groups = SimpleLazyObject(
        lambda: [
            (source(name).label, list(entries))
            for name, entries in groupby(sorted(page.object_list, key=_group_order), key=lambda e: e.source)
        ]
    )
    return render(
        request, "search/results.html", {"query": query, "results": results, "page": page, "groups": groups}
    )


def _group_order(entry):
    return (source(entry.source).order, entry.source)
