"""The search box's one read: the index rows that match a query, restricted to what the person may see."""

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from apps.accounts.permissions import visible

from .models import SearchEntry
from .normalise import terms
from .registry import sources

# A query shorter than this (in letters and digits, all words together) matches too much to be useful.
MIN_QUERY_LENGTH = 2
# Words after these many are ignored: a pasted paragraph is not a query, and each word costs the index.
MAX_TERMS = 8
# A query matching more than this many rows of the index (before the permission model keeps what the person
# may see) is looked at in its first this many, and asks for more words.
MAX_MATCHES = 2000
# The most results a page lists, over all its pages.
MAX_RESULTS = 200
SHOWN = ("source", "object_id", "title", "detail", "url", "updated_at")
TRUNCATED = "نتیجه‌ها بیش از آن است که همه نشان داده شود؛ برای یافتن دقیق‌تر، واژه‌های بیشتری بنویسید."
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


def _pk_among(model, ids: list[int]) -> RawSQL:
    """`pk IN ids` as one parameter (an array, a JSON list): a thousand placeholders cost more to send than
    the database takes to answer."""
    column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
    if connection.vendor == "postgresql":
        return RawSQL(f"{column} = ANY(%s)", [ids], output_field=BooleanField())
    return RawSQL(
        f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)], output_field=BooleanField()
    )


def _visible_rows(user) -> dict[str, QuerySet]:
    """Each source this person sees some rows of, with those rows as the permission model's `visible()` says."""
    found = {}
    for source in sources():
        rows = visible(source.queryset(), user, kind_name=source.kind or None)
        if not rows.query.is_empty():
            found[source.name] = rows
    return found


def _visible_ids(rows_by_source: dict[str, QuerySet], found: list[tuple]) -> set[tuple[str, int]]:
    """Which of the rows `found` (id, source, object id) the person may see: one query per source among them.

    The permission model decides, so the search hides exactly what the pages hide; the question is asked of
    the few rows the words matched, by their primary keys, never of a whole table.
    """
    by_source: dict[str, list[int]] = {}
    for _pk, name, object_id in found:
        by_source.setdefault(name, []).append(object_id)
    seen = set()
    for name, ids in by_source.items():
        rows = rows_by_source[name]
        seen |= {(name, pk) for pk in rows.filter(_pk_among(rows.model, ids)).values_list("pk", flat=True)}
    return seen


@dataclass(frozen=True)
class Results:
    """What a query found, newest first; `truncated` when there was more than `MAX_RESULTS` to show."""

    entries: list[SearchEntry]
    truncated: bool

    @property
    def notice(self) -> str:
        return TRUNCATED if self.truncated else ""


def search_for_user(*, user, query: Query) -> Results:
    """The index rows matching every word of `query` that this person may see, newest first.

    The words are looked up once in the full-text index, for at most `MAX_MATCHES` rows in the index's
    order (no sort over every match: a first name matches tens of thousands of people in a province); the
    permission model then keeps those this person may see, of which at most `MAX_RESULTS` are shown.
    A query with more matches than that is shown as truncated, with a request for more words.
    """
    if not query.searchable:
        return Results([], False)
    rows_by_source = _visible_rows(user)
    if not rows_by_source:
        return Results([], False)
    # Only the sources the person sees some rows of: the first matches are not spent on the others.
    matching = SearchEntry.objects.filter(_matching(query.words), source__in=list(rows_by_source))
    found = list(matching.values_list("pk", "source", "object_id")[: MAX_MATCHES + 1])
    seen = _visible_ids(rows_by_source, found[:MAX_MATCHES])
    shown = [row[0] for row in found[:MAX_MATCHES] if (row[1], row[2]) in seen]
    # The database sorts the (at most MAX_MATCHES) rows by date: reading their dates here costs more.
    newest = SearchEntry.objects.filter(_pk_among(SearchEntry, shown)).order_by("-updated_at", "-pk")
    entries = list(newest.only(*SHOWN)[:MAX_RESULTS])
    return Results(entries, len(found) > MAX_MATCHES or len(shown) > MAX_RESULTS)
