"""The search box's one read: the index rows that match a query, restricted to what the person may see."""

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from apps.accounts.permissions import (
    EVERY_PROVINCE,
    Action,
    Scope,
    absentees_of,
    kind,
    kinds_of,
    province_of,
    scopes_for,
    visible,
)

from .models import SearchEntry
from .normalise import terms
from .registry import Source, sources

# A query shorter than this (in letters and digits, all words together) matches too much to be useful.
MIN_QUERY_LENGTH = 2
# Words after these many are ignored: a pasted paragraph is not a query, and each word costs the index.
MAX_TERMS = 8
# A query matching more than this many rows of the index (before the permission model keeps what the person
# may see) is looked at in its first this many, and asks for more words.
MAX_MATCHES = 2000
# The most results a query lists, over all its pages (30 a page): more asks for more words.
MAX_RESULTS = 50
# How many of the newest index rows (of every source and place) are looked at first: when they hold more than
# MAX_RESULTS visible matches, those are the results, whatever the number of older matches. Newest is by the
# rows' own times (`Source.changed`: a case's last step…), which the index keeps, not by when they were indexed.
WALK = 2000
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


@dataclass
class _Place:
    """Where a source's rows may be this person's (see `_places`): `everywhere`, or in their agency, in their
    province, and among `theirs` (a query of the source's ids)."""

    everywhere: bool = False
    agency: bool = False
    province: bool = False
    theirs: list[Q] = field(default_factory=list)


def _place(user, source: Source) -> _Place:
    everywhere = _Place(everywhere=True)
    place = _Place()
    for name in [source.kind] if source.kind else kinds_of(source.model_class):
        found = kind(name)
        for scope in scopes_for(user, name, Action.VIEW):
            if scope == Scope.NATION or (scope == Scope.PROVINCE and found.province_path == EVERY_PROVINCE):
                return everywhere
            if scope == Scope.AGENCY:
                if found.agency != source.agency:
                    return everywhere
                place.agency = True
            elif scope == Scope.PROVINCE:
                if found.province_path != source.province_path:
                    return everywhere
                place.province = True
            else:
                rows = found.scope_q(user, scope)
                if not rows:
                    return everywhere
                place.theirs.append(rows & found.rows_q())
    return place


@dataclass(frozen=True)
class _Part:
    """One part of where this person's rows may be: a source in a place, or their own rows of a source (kept
    by ids, not by a place), as SQL over the index row whose first parameter is the source's name."""

    sql: str
    params: list


@dataclass(frozen=True)
class _Places:
    """Where this person's rows may be, as the match reads it (`match`: any part) and as the walk reads it
    (`walk`: the same rows or more, in parts no two of which hold the same row)."""

    match: list[_Part]
    walk: list[_Part]


def _places(user, names: list[str], using: str) -> _Places:
    """Which index rows may be this person's, as SQL over the index row in parts, each one source in one place:
    a superset of what `visible()` lets them see, read from the row's agency and province ids, so that both
    the search's looks keep to them before their limits (an agency's officer otherwise looks at the first
    2,000 of the nation's «علی» and finds few of their own). `visible()` still tests every row looked at;
    this only decides which are.

    A grant of the agency or the province keeps the rows of that agency or province; rows with neither
    (rows no organization or province owns, or rows indexed before they had a place) are always kept. The
    person's own, assigned and group rows are not places: they are kept by their ids (the scopes' own
    filters, run once). A source is not narrowed for a person who sees the nation's rows of it, a kind every
    province shares, or a kind whose paths are not the source's, nor for a person standing in for someone
    (what they borrow has no place). One part per source and place, each an index's range (`SearchEntry`'s
    indexes lead with the source), so that the newest rows of each are read backwards from its index and the
    match reads its place's rows alone (on PostgreSQL a BitmapAnd of the full-text index and the place's)."""
    if absentees_of(user):
        whole = [_Part("source = %s", [name]) for name in names]
        return _Places(whole, whole)
    match: list[_Part] = []
    walk: list[_Part] = []
    for source in sources():
        if source.name not in names:
            continue
        place = _place(user, source)
        whole = _Part("source = %s", [source.name])
        if place.everywhere:
            match.append(whole)
            walk.append(whole)
            continue
        parts = [_Part("source = %s AND province_id IS NULL AND agency_id IS NULL", [source.name])]
        agency = user.organization_id if place.agency else None
        province = province_of(user) if place.province else None
        if province is not None:
            parts.append(_Part("source = %s AND province_id = %s", [source.name, province]))
        if agency is not None:
            parts.append(_Part("source = %s AND agency_id = %s", [source.name, agency]))
        match.extend(parts)
        theirs = _theirs(user, source, place, using) if place.theirs else None
        if theirs is not None:
            match.append(theirs)
            # Their own rows may be anywhere: the walk reads the source's newest, which holds them in order.
            walk.append(whole)
            continue
        if agency is not None and province is not None:
            # The agency's rows in the province are the province part's already.
            parts[-1] = _Part(
                "source = %s AND agency_id = %s AND (province_id IS NULL OR province_id <> %s)",
                [source.name, agency, province],
            )
        walk.extend(parts)
    return _Places(match, walk)


def _theirs(user, source: Source, place: _Place, using: str) -> _Part | None:
    """The person's own, assigned and group rows of `source`, by their ids; None when the scopes find none."""
    rows = place.theirs[0]
    for other in place.theirs[1:]:
        rows |= other
    query = source.queryset().filter(rows).order_by().values("pk").query
    try:
        sql, params = query.get_compiler(using=using).as_sql()
    except EmptyResultSet:  # a scope that finds nothing for this person (`no_rows()`)
        return None
    return _Part(f"source = %s AND object_id IN ({sql})", [source.name, *params])


def _anywhere(parts: list[_Part]) -> tuple[str, list]:
    """The parts as one condition over the index row."""
    return " OR ".join(f"({part.sql})" for part in parts), [p for part in parts for p in part.params]


def _newest(parts: list[_Part], vendor: str) -> tuple[str, list]:
    """The newest `WALK` index rows of each part, as one query whose newest rows PostgreSQL reads by merging
    the parts (a Merge Append under the walk's limit: each part's index read backwards, about `WALK` rows
    read in all, whatever the size of the index). Each part takes its own newest first: without its own
    limit the planner read every part whole and sorted it (a province's 250,000 rows: 60 ms). The parts hold
    no row twice (`_Places.walk`), so the merged rows are read once, with what the match tests (PostgreSQL's
    `vector`; SQLite's full-text table is found by the row's id).

    A person's own rows are walked as their source's newest rows wherever they are, which holds theirs
    among them in the same order: reading theirs whole to sort them costs as many rows as they are (the
    national officer's hire files awaiting or past approval: 186,000, 2.3 s), and the permission test that
    follows keeps only what they may see. Every row of a part newer than the window's oldest is then still
    in the window."""
    columns = "id, source, object_id, updated_at" + (", vector" if vendor == "postgresql" else "")
    selects, params = [], []
    for number, part in enumerate(parts):
        rows = f'SELECT {columns} FROM "search_searchentry" WHERE {part.sql}'
        selects.append(f"SELECT * FROM ({rows} ORDER BY updated_at DESC, id DESC LIMIT %s) AS part{number}")
        params += [*part.params, WALK]
    return " UNION ALL ".join(selects), params


def _seen(using: str, rows_by_source: dict[str, QuerySet]) -> tuple[str, list, list[str]]:
    """Whether the row of `search_looked` is one the person may see: `visible()`'s own query for the row's
    source, narrowed to the row's object, finds it (EXISTS: a lookup by primary key), so the search hides
    exactly what the pages hide. Only the test of the row's own source runs (CASE). Also returns the sources
    it tests: a source whose visible rows compile to nothing is left out of the match too.

    On PostgreSQL each EXISTS ends in `OFFSET 0`, which keeps it a test of one row at a time: without it
    the planner, counting on every matched row being tested, reads each source's whole visible set into a
    hash first (150,000 candidates for the province: 160 ms), where the LIMIT that follows stops after a
    few dozen rows."""
    fence = " OFFSET 0" if connections[using].vendor == "postgresql" else ""
    object_id = RawSQL("search_looked.object_id", (), output_field=BigIntegerField())
    whens, params, names = [], [], []
    for name, rows in rows_by_source.items():
        query = rows.order_by().filter(pk=object_id).values("pk").query
        try:
            sql, row_params = query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # every scope the person has finds nothing (`no_rows()`: no national ID)
            continue
        whens.append(f"WHEN %s THEN EXISTS ({sql}{fence})")
        params += [name, *row_params]
        names.append(name)
    return f"CASE search_looked.source {' '.join(whens)} ELSE FALSE END", params, names


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


# Tried first, `search_window`: the newest WALK rows of the person's places (`_places`), each part's index
# read backwards, merged; `search_walked`: those of them matching the words; `search_recent`: the permission
# test run down them, newest first, until MAX_RESULTS + 1 pass. The window is taken before the match so that
# its cost is bounded whatever the words: at most WALK rows read, and as many permission tests; and it is
# taken in the places, not in the whole index, so that it is the same window at a province's volume and at
# the nation's (the nation's newest 2,000 rows hold some 65 of one province, and of those a handful of «علی»:
# too few, and the older path then read the nation's every «علی»). When MAX_RESULTS + 1 pass they are exactly
# the newest visible matches (every match newer than the window's oldest row is in the window), and the query
# is truncated anyway (`search_walk.enough`). The test is not in `search_walked` itself: PostgreSQL would then
# count its cost for every row of the window, not for the matches alone, and a statement costed that high is
# compiled (JIT) first, for longer than it runs.
#
# Otherwise the older path runs, as it ran alone before the window: `search_any`, the rows matching the words
# in the places the person's rows may be (`_places`), read only as far as `search_matched` asks: at most
# MAX_MATCHES + 1 of them, in the index's order (no sort over every match: a first name matches tens of
# thousands of people in a province). The limit sits outside the scan's own query so that PostgreSQL plans
# the match for all its rows: a bitmap scan of the full-text index, which reads the table in block order,
# the same rows for the same data every time; with the limit beside it the planner could take a sequential
# scan hoping to stop early, and such a scan starts wherever another one is (`synchronize_seqscans`), so the
# rows looked at, and the results, changed between requests. A word matching a large part of the table may
# still be planned as a sequential scan. `search_looked`: the first MAX_MATCHES of them, newest first. The
# permission test then runs down that order and stops at MAX_RESULTS + 1 visible rows. A materialised CTE is
# read back in the order it was written, by PostgreSQL and SQLite alike (sorting again after the test would
# run it on every row; the tests see which rows are kept).
#
# Each path's reads are guarded by `search_walk.enough`, a condition on no row of theirs: PostgreSQL checks
# it once (a one-time filter) and, when it is false, never runs what it guards, nor the CTEs only that reads
# (a materialised CTE runs when it is first read). Only the shown rows' columns are read, for at most
# MAX_RESULTS + 1 rows. The count of matches comes on a row of its own (LEFT JOIN), so it is known even when
# nothing is visible; it is 0 when the window was enough, which had no need of it.
SEARCH = """
WITH search_window AS MATERIALIZED (
    SELECT * FROM ({newest}) AS placed ORDER BY updated_at DESC, id DESC LIMIT %s
), search_walked AS MATERIALIZED (
    SELECT id, source, object_id FROM search_window WHERE {match}
), search_recent AS MATERIALIZED (
    SELECT search_looked.id FROM search_walked AS search_looked WHERE {seen} LIMIT %s
), search_walk AS MATERIALIZED (
    SELECT COUNT(*) > %s AS enough FROM search_recent
), search_any AS MATERIALIZED (
    SELECT id, source, object_id, updated_at FROM "search_searchentry"
    WHERE {match} AND ({places})
), search_matched AS MATERIALIZED (
    SELECT * FROM search_any LIMIT %s
), search_looked AS MATERIALIZED (
    SELECT * FROM (SELECT * FROM search_matched LIMIT %s) AS first ORDER BY updated_at DESC, id DESC
), search_newest AS MATERIALIZED (
    SELECT id FROM search_recent WHERE (SELECT enough FROM search_walk)
    UNION ALL
    SELECT * FROM (
        SELECT search_looked.id FROM search_looked WHERE NOT (SELECT enough FROM search_walk) AND {seen} LIMIT %s
    ) AS older
)
SELECT counted.matches, shown.source, shown.object_id, shown.title, shown.detail, shown.url
FROM (SELECT COUNT(*) AS matches FROM search_matched WHERE NOT (SELECT enough FROM search_walk)) AS counted
LEFT JOIN (
    SELECT entry.id, entry.source, entry.object_id, entry.title, entry.detail, entry.url, entry.updated_at
    FROM "search_searchentry" AS entry
    JOIN search_newest AS newest ON newest.id = entry.id
) AS shown ON 1 = 1
ORDER BY shown.updated_at DESC, shown.id DESC
"""


def search_for_user(*, user, query: Query) -> Results:
    """The index rows matching every word of `query` that this person may see, newest first: one query.

    The newest `WALK` rows of the person's places are looked at first: when more than `MAX_RESULTS` of them match and
    are this person's to see, the newest `MAX_RESULTS` of those are shown, which are the newest of all. Else
    the words are looked up in the full-text index for at most `MAX_MATCHES` rows, in the index's order; the
    permission model keeps those this person may see, of which the newest `MAX_RESULTS` are shown. A query
    with more matches or more visible rows than that is shown as truncated, with a request for more words.
    """
    if not query.searchable:
        return Results([], False)
    rows_by_source = _visible_rows(user)
    if not rows_by_source:
        return Results([], False)
    using = router.db_for_read(SearchEntry)
    vendor = connections[using].vendor
    seen, seen_params, names = _seen(using, rows_by_source)
    if not names:
        return Results([], False)
    places = _places(user, names, using)
    where, where_params = _anywhere(places.match)
    newest, newest_params = _newest(places.walk, vendor)
    match, match_params = _matching(vendor, query.words)
    sql = SEARCH.format(newest=newest, match=match, places=where, seen=seen)
    recent = [*newest_params, WALK, *match_params, *seen_params, MAX_RESULTS + 1, MAX_RESULTS]
    older = [*match_params, *where_params, MAX_MATCHES + 1, MAX_MATCHES, *seen_params, MAX_RESULTS + 1]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, recent + older)
        rows = cursor.fetchall()
    entries = [Entry(*row[1:]) for row in rows if row[1] is not None]
    return Results(entries[:MAX_RESULTS], rows[0][0] > MAX_MATCHES or len(entries) > MAX_RESULTS)
