"""The search box's one read: the index rows that match a query, restricted to what the person may see."""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models import BigIntegerField, QuerySet
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
# The most results a query lists, over all its pages (30 a page): more asks for more words.
MAX_RESULTS = 50
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


def _matching(vendor: str, words: tuple[str, ...]) -> tuple[str, list]:
    """Every word as a prefix of some word of the row, in the database's own full-text index."""
    if vendor == "postgresql":
        # Each word is quoted for to_tsquery, so nothing a person types is read as its syntax.
        tsquery = " & ".join("'" + w + "':*" for w in words)
        return "vector @@ to_tsquery('simple'::regconfig, %s)", [tsquery]
    # FTS5: a quoted string followed by * is a prefix; the words have no quote to escape.
    match = " ".join('"' + w + '"*' for w in words)
    return "id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s)", [match]


def _visible_rows(user) -> dict[str, QuerySet]:
    """Each source this person sees some rows of, with those rows as the permission model's `visible()` says."""
    found = {}
    for source in sources():
        rows = visible(source.queryset(), user, kind_name=source.kind or None)
        if not rows.query.is_empty():
            found[source.name] = rows
    return found


def _seen(using: str, rows_by_source: dict[str, QuerySet]) -> tuple[str, list]:
    """Whether the row of `search_looked` is one the person may see: `visible()`'s own query for the row's
    source, narrowed to the row's object, finds it (EXISTS: a lookup by primary key), so the search hides
    exactly what the pages hide. Only the test of the row's own source runs (CASE).

    On PostgreSQL each EXISTS ends in `OFFSET 0`, which keeps it a test of one row at a time: without it
    the planner, counting on every matched row being tested, reads each source's whole visible set into a
    hash first (150,000 candidates for the province: 160 ms), where the LIMIT that follows stops after a
    few dozen rows."""
    fence = " OFFSET 0" if connections[using].vendor == "postgresql" else ""
    object_id = RawSQL("search_looked.object_id", (), output_field=BigIntegerField())
    whens, params = [], []
    for name, rows in rows_by_source.items():
        query = rows.order_by().filter(pk=object_id).values("pk").query
        sql, row_params = query.get_compiler(using=using).as_sql()
        whens.append(f"WHEN %s THEN EXISTS ({sql}{fence})")
        params += [name, *row_params]
    return f"CASE search_looked.source {' '.join(whens)} ELSE FALSE END", params


@dataclass(frozen=True)
class Entry:
    """One result, as the page and the API show it."""

    source: str
    object_id: int
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Results:
    """What a query found, newest first; `truncated` when there was more than `MAX_RESULTS` to show."""

    entries: list[Entry]
    truncated: bool

    @property
    def notice(self) -> str:
        return TRUNCATED if self.truncated else ""


# `search_matched`: at most MAX_MATCHES + 1 rows matching the words, in the index's order (no sort over every
# match: a first name matches tens of thousands of people in a province), only of the sources the person
# sees some rows of. `search_looked`: the first MAX_MATCHES of them, newest first. The permission test then
# runs down that order and stops at MAX_RESULTS + 1 visible rows, whose shown columns alone are read: a
# materialised CTE is read back in the order it was written, by PostgreSQL and SQLite alike (sorting again
# after the test would run it on every row; the tests see which rows are kept). The count of matches comes
# on a row of its own (LEFT JOIN), so it is known even when nothing is visible.
SEARCH = """
WITH search_matched AS MATERIALIZED (
    SELECT id, source, object_id, updated_at FROM search_searchentry
    WHERE {match} AND source IN ({sources})
    LIMIT %s
), search_looked AS MATERIALIZED (
    SELECT * FROM (SELECT * FROM search_matched LIMIT %s) AS first ORDER BY updated_at DESC, id DESC
)
SELECT counted.matches, shown.source, shown.object_id, shown.title, shown.detail, shown.url
FROM (SELECT COUNT(*) AS matches FROM search_matched) AS counted
LEFT JOIN (
    SELECT entry.id, entry.source, entry.object_id, entry.title, entry.detail, entry.url, entry.updated_at
    FROM search_searchentry AS entry
    JOIN (SELECT search_looked.id FROM search_looked WHERE {seen} LIMIT %s) AS newest ON newest.id = entry.id
) AS shown ON 1 = 1
ORDER BY shown.updated_at DESC, shown.id DESC
"""


def search_for_user(*, user, query: Query) -> Results:
    """The index rows matching every word of `query` that this person may see, newest first: one query.

    The words are looked up in the full-text index for at most `MAX_MATCHES` rows; the permission model
    keeps those this person may see, of which the newest `MAX_RESULTS` are shown. A query with more
    matches or more visible rows than that is shown as truncated, with a request for more words.
    """
    if not query.searchable:
        return Results([], False)
    rows_by_source = _visible_rows(user)
    if not rows_by_source:
        return Results([], False)
    using = router.db_for_read(SearchEntry)
    match, match_params = _matching(connections[using].vendor, query.words)
    seen, seen_params = _seen(using, rows_by_source)
    names = list(rows_by_source)
    sql = SEARCH.format(match=match, sources=", ".join(["%s"] * len(names)), seen=seen)
    params = [*match_params, *names, MAX_MATCHES + 1, MAX_MATCHES, *seen_params, MAX_RESULTS + 1]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    entries = [Entry(*row[1:]) for row in rows if row[1] is not None]
    return Results(entries[:MAX_RESULTS], rows[0][0] > MAX_MATCHES or len(entries) > MAX_RESULTS)
