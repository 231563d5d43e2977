"""Keeping the search index current: one row when it changes, everything on demand."""

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, QuerySet, Value
from django.db.models.fields import BigIntegerField
from psycopg import sql

from apps.accounts.permissions import EVERY_PROVINCE
from apps.core import freshness

from .models import SearchEntry
from .normalise import normalise
from .rebuild import index_swap
from .registry import Found, Source, sources

BATCH = 2000
# An index row's columns as a source gives them (`_values`), in the order COPY writes them.
COLUMNS = ("source", "object_id", "title", "detail", "url", "text", "agency_id", "province_id", "updated_at")


def _changed(source: Source):
    """The source's own time, as an expression over its model."""
    return F(source.changed) if isinstance(source.changed, str) else source.changed


def _placed(source: Source) -> QuerySet:
    """The source's rows, each with its agency and province ids (`_search_agency`, `_search_province`; a row
    every province shares has none) and its own time (`_search_changed`), read in the same query."""
    places = {}
    for name, path in (("_search_agency", source.agency), ("_search_province", source.province_path)):
        places[name] = F(path) if path and path != EVERY_PROVINCE else Value(None, BigIntegerField())
    return source.queryset().annotate(**places, _search_changed=_changed(source))


def _values(source: Source, obj) -> tuple:
    """The index row of `obj`, its values in the order of `COLUMNS`."""
    found: Found = source.read(obj)
    words = " ".join(str(w) for w in (found.title, *found.words) if w)
    return (
        source.name,
        obj.pk,
        found.title[:300],
        found.detail[:300],
        found.url[:300],
        normalise(words),
        obj._search_agency,
        obj._search_province,
        obj._search_changed,
    )


def _entry(source: Source, obj) -> SearchEntry:
    return SearchEntry(**dict(zip(COLUMNS, _values(source, obj), strict=True)))


def entry_refresh(*, source: Source, object_id: int) -> None:
    """Indexes one row of `source` as it is now, or forgets it when it is gone or no longer findable.

    Runs after every step's commit: one read of the row (unordered: one row by its key needs no sort) and
    one statement that inserts the index row or rewrites it in place, instead of a read, a lock and a write.
    """
    found = list(_placed(source).filter(pk=object_id).order_by()[:1])
    with transaction.atomic():
        if not found:
            SearchEntry.objects.filter(source=source.name, object_id=object_id).delete()
            return
        SearchEntry.objects.bulk_create(
            [_entry(source, found[0])],
            update_conflicts=True,
            unique_fields=["source", "object_id"],
            update_fields=COLUMNS[2:],
        )


def entry_times_refresh(*, source: Source, path: str, object_id: int) -> None:
    """Dates the index rows of `source` whose time is read through the row `object_id` at `path` (a hire
    file's case, a round's case for its candidates) as their source now dates them (`_placed`'s expression).

    One statement, whatever their number (a round's case: up to 150,000 candidates of a province), which
    writes only the rows whose time has changed, and only their time: their words and lines are the rows'
    own, and follow the rows' own saves. An UPDATE … FROM on both databases (SQLite has it since 3.33).
    """
    rows = (
        source.queryset()
        .filter(**{path: object_id})
        .annotate(_search_id=F("pk"), _search_changed=_changed(source))
        .order_by()
        .values("_search_id", "_search_changed")
    )
    try:
        select, params = rows.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:
        return
    quote = connection.ops.quote_name
    # Django's cursor, whose writes `freshness` notes by the table named first (the index's own generation).
    entry = quote(SearchEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {entry} SET {quote('updated_at')} = followed.{quote('_search_changed')} "
            f"FROM ({select}) AS followed "
            f"WHERE {entry}.{quote('source')} = %s AND {entry}.{quote('object_id')} = followed.{quote('_search_id')} "
            f"AND followed.{quote('_search_changed')} IS NOT NULL "
            f"AND {entry}.{quote('updated_at')} <> followed.{quote('_search_changed')}",
            [*params, source.name],
        )


def index_rebuild(*, only: list[str] | None = None) -> dict[str, int]:
    """Indexes every row of every source (or of the sources named in `only`) afresh; returns the counts.

    For rows written in bulk, which send no signal: the demo, the benchmark's data, an import.

    The whole index on PostgreSQL, outside a transaction (`search_reindex`), is built beside the live one and
    swapped in (`rebuild`). Otherwise each source is replaced in its own transaction, written with COPY on
    PostgreSQL: searches see each source's old rows until its new ones are all in.
    """
    if connection.vendor == "postgresql" and not only and not connection.in_atomic_block:
        return index_swap(fill=_copied)
    counts = {}
    for source in sources():
        if only and source.name not in only:
            continue
        with transaction.atomic():
            SearchEntry.objects.filter(source=source.name).delete()
            if connection.vendor == "postgresql":
                counts[source.name] = _copied(source, sql.Identifier(SearchEntry._meta.db_table))
                # COPY passes Django's cursor wrappers by: the index's own generation is moved here.
                freshness.written(connection, SearchEntry._meta.db_table)
            else:
                counts[source.name] = _created(source)
    return counts


def _batches(source: Source, ids=None):
    """The source's index rows in lists of `BATCH`, read `BATCH` at a time, in the order of their ids."""
    rows = _placed(source)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    batch = []
    for obj in rows.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(_values(source, obj))
        if len(batch) >= BATCH:
            # Written before the next chunk is read: the connection reading them is the one writing.
            yield batch
            batch = []
    if batch:
        yield batch


def _copied(source: Source, table: sql.Composable, ids=None) -> int:
    """Writes the source's rows into `table` with COPY: no statement compiled, no value quoted in Python."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        table, sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
    )
    count = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        for batch in _batches(source, ids):
            with cursor.copy(statement) as copy:
                for row in batch:
                    copy.write_row(row)
            count += len(batch)
    return count


def _created(source: Source) -> int:
    """Writes the source's rows with `bulk_create` (SQLite, whose full-text triggers see each insert)."""
    count = 0
    for batch in _batches(source):
        SearchEntry.objects.bulk_create(
            [SearchEntry(**dict(zip(COLUMNS, row, strict=True))) for row in batch]
        )
        count += len(batch)
    return count
