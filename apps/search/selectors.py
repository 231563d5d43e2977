"""The search box's one read: the index rows that match a query, restricted to what the person may see."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.accounts.permissions import visible

from .models import SearchEntry
from .normalise import terms
from .registry import sources

# A query shorter than this (in letters and digits, all words together) matches too much to be useful.
MIN_QUERY_LENGTH = 2
# Words after these many are ignored: a pasted paragraph is not a query, and each word costs the index.
MAX_TERMS = 8
TOO_SHORT = "برای جست‌وجو دست‌کم دو حرف یا رقم بنویسید: شماره پرونده، نام، کد ملی، کد صحت‌سنجی یا عنوان."


@dataclass(frozen=True)
class Query:
    """A typed query as the index reads it; `hint` says why there is nothing to look for."""

    text: str
    words: tuple[str, ...]

    @property
    def hint(self) -> str:
        return "" if self.searchable else TOO_SHORT

    @property
    def searchable(self) -> bool:
        return sum(len(w) for w in self.words) >= MIN_QUERY_LENGTH


def query_parse(text: str | None) -> Query:
    return Query(text=(text or "").strip()[:200], words=tuple(terms(text))[:MAX_TERMS])


def _matching(words: tuple[str, ...]) -> RawSQL:
    """Every word as a prefix of some word of the row, in the database's own full-text index."""
    if connection.vendor == "postgresql":
        # Each word is quoted for to_tsquery, so nothing a person types is read as its syntax.
        tsquery = " & ".join("'" + w + "':*" for w in words)
        sql = "search_searchentry.vector @@ to_tsquery('simple'::regconfig, %s)"
        return RawSQL(sql, [tsquery], output_field=BooleanField())
    # FTS5: a quoted string followed by * is a prefix; the words have no quote to escape.
    match = " ".join('"' + w + '"*' for w in words)
    sql = "search_searchentry.id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s)"
    return RawSQL(sql, [match], output_field=BooleanField())


def _visible_filter(user) -> Q | None:
    """Each source's rows this person may see, as one filter on the index; None when they see no source.

    The permission model's own `visible()` builds each part, so the search hides exactly what the pages
    hide. A source the person sees whole is one comparison, not a subquery over its table.
    """
    parts = []
    for source in sources():
        rows = visible(source.queryset(), user, kind_name=source.kind or None)
        if rows.query.is_empty():
            continue
        if rows.query.where:
            parts.append(Q(source=source.name, object_id__in=rows.values("pk")))
        else:
            parts.append(Q(source=source.name))
    if not parts:
        return None
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def search_for_user(*, user, query: Query) -> QuerySet[SearchEntry]:
    """The index rows matching every word of `query` that this person may see, newest first."""
    if not query.searchable:
        return SearchEntry.objects.none()
    allowed = _visible_filter(user)
    if allowed is None:
        return SearchEntry.objects.none()
    return (
        SearchEntry.objects.filter(allowed, _matching(query.words))
        .only("source", "object_id", "title", "detail", "url", "updated_at")
        .order_by("-updated_at", "-id")
    )
