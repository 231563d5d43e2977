"""Keeping the search index current: one row when it changes, an import's rows once it commits, everything on
demand."""

import functools
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Model, QuerySet, Value
from django.db.models.fields import BigIntegerField
from psycopg import sql

from apps.accounts.permissions import EVERY_PROVINCE
from apps.core import freshness
from apps.core.background import task_start

from .models import SearchEntry
from .normalise import normalise
from .rebuild import index_swap
from .registry import Found, Source, sources
from .registry import source as source_named

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

    For rows written in bulk, which send no signal: the demo, the benchmark's data (an import's rows are
    indexed once it commits: `import_follow`).

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


def import_follow() -> Callable[[], None]:
    """Called before an import writes its rows, inside its transaction (`spreadsheets.import_watch`); returns
    what to call once they are written, which has them indexed after the commit (`entries_index`).

    Bulk inserts send no signal, and the streamed COPY of the exam results returns no ids: the rows an import
    wrote are found as the ids of each source's model above its highest id before the import and up to its
    highest after (one statement each, however many rows). Every row the import inserted is among them: an
    id is taken from the model's sequence when the row is written, after every id visible before. The range
    may also hold another writer's rows, committed meanwhile; indexing those again as they stand is harmless.
    """
    before = _high_marks()

    def written() -> None:
        after = _high_marks()
        ranges = [
            [source.name, before[source.model_class] + 1, after[source.model_class] + 1]
            for source in sources()
            if after[source.model_class] > before[source.model_class]
        ]
        if ranges:
            # In the background: the 100,000 exam results must not hold the person's request. A broker
            # that fails leaves the import standing, the rows for `search_reindex`.
            transaction.on_commit(
                functools.partial(task_start, "apps.search.tasks.entries_index_task", ranges), robust=True
            )

    return written


def _high_marks() -> dict[type[Model], int]:
    """The highest id of each model a source indexes (0 for none), all read in one statement."""
    models = sorted({source.model_class for source in sources()}, key=lambda model: model._meta.label)
    quote = connection.ops.quote_name
    highest = ", ".join(
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})" for model in models
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {highest}")
        marks = cursor.fetchone()
    return {model: mark or 0 for model, mark in zip(models, marks, strict=True)}


def entries_index(*, ranges: list[list]) -> int:
    """Indexes the rows of each `[source name, first id, id after the last]` as they are now; returns how many.

    Set-based, as the rebuild writes (COPY on PostgreSQL, `bulk_create` on SQLite), each source's range in
    one transaction. The range's index rows are deleted first, so that a second run (a task handed out
    again) or a row a signal indexed meanwhile leaves one row each, as the rows now read.
    """
    count = 0
    for name, first, stop in ranges:
        source, ids = source_named(name), range(first, stop)
        with transaction.atomic():
            SearchEntry.objects.filter(source=name, object_id__gte=first, object_id__lt=stop).delete()
            if connection.vendor == "postgresql":
                count += _copied(source, sql.Identifier(SearchEntry._meta.db_table), ids)
                freshness.written(connection, SearchEntry._meta.db_table)
            else:
                count += _created(source, ids)
    return count


def _batches(source: Source, ids=None):
    """The source's index rows (of `ids` only, when given: a list, or a `range` read as one) in lists of
    `BATCH`, read `BATCH` at a time, in the order of their ids."""
    rows = _placed(source)
    if isinstance(ids, range):
        rows = rows.filter(pk__gte=ids.start, pk__lt=ids.stop)
    elif ids is not None:
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


def _created(source: Source, ids=None) -> int:
    """Writes the source's rows with `bulk_create` (SQLite, whose full-text triggers see each insert)."""
    count = 0
    for batch in _batches(source, ids):
        SearchEntry.objects.bulk_create(
            [SearchEntry(**dict(zip(COLUMNS, row, strict=True))) for row in batch]
        )
        count += len(batch)
    return count
