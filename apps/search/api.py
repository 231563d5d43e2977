"""API of search: the search box's results, with the same visibility as the page."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from apps.accounts.permissions import signed_in
from apps.core.pagination import Offset

from . import selectors
from .registry import source

router = Router(tags=["search"])


class SearchIn(Schema):
    q: str = Field(
        "", max_length=200, description="tracking code, name, national ID, verification code, title"
    )
    limit: Annotated[int, Field(ge=1, le=100)] = 30
    offset: Offset = 0


class ResultOut(Schema):
    source: str
    label: str
    title: str
    detail: str
    url: str


class SearchOut(Schema):
    hint: str  # why nothing was looked for (too short a query), in Persian; "" otherwise
    count: int
    # More matched than the search shows (`count` is then the number shown): more words find fewer.
    truncated: bool
    items: list[ResultOut]


@router.get("/", response=SearchOut, summary="Search cases, people, documents, courses and managers")
@signed_in  # everyone signed in may search; what they find is what the permission model shows them
def search(request: HttpRequest, params: Query[SearchIn]):
    query = selectors.query_parse(params.q)
    results = selectors.search_for_user(user=request.user, query=query)
    entries = results.entries[params.offset : params.offset + params.limit]
    return {
        "hint": query.hint,
        "count": len(results.entries),
        "truncated": results.truncated,
        "items": [
            {
                "source": e.source,
                "label": source(e.source).label,
                "title": e.title,
                "detail": e.detail,
                "url": e.url,
            }
            for e in entries
        ],
    }
