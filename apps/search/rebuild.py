"""The whole index rebuilt on PostgreSQL beside the one searched, then swapped in: what `search_reindex` runs.

Writing millions of rows into the searched table costs the most where it matters least: every row inserted
updates the GIN index and five btrees (the unique pair's among them) one at a time, and the old rows stay as
dead tuples until a vacuum. So the new index is filled into a table of the same shape in a schema of its own
(`SCHEMA`), written with COPY, its indexes built once it is full (as the live table's: the same names and
definitions, read from the catalogue, so a later migration finds them), analysed, and only then put in the
live table's place, in one short transaction. Searches meanwhile read the old index, whole; the swap holds
the live table's lock for milliseconds, not for the rebuild.

The rows the desk refreshes meanwhile (`services.entry_refresh`, after each step's commit) are not lost: a
trigger on the live table notes every row written there from the moment the new table exists, and those
rows are read again from their sources into the new table, once before the swap and once more under its
lock, when no refresh can write the live table any more; a refresh waiting on that lock writes the new
table once it is in place.

It asks of the database user what the migrations do: to own the table and to create a schema. Privileges
granted on the table to other roles are not carried over to the new one (the desk grants none).
"""

from collections.abc import Callable

from django.db import connection, transaction
from psycopg import sql
from psycopg.errors import LockNotAvailable

from apps.core import freshness

from .models import SearchEntry
from .registry import Source, sources

# Indexes a source's rows (those of `ids` only, when given) into a table; returns how many it wrote.
Fill = Callable[..., int]

# Where the next index is built: a schema of its own, so its table, indexes, constraints and sequence carry
# the live ones' names and need no renaming once moved into the live table's schema.
SCHEMA = "search_rebuild"
# One rebuild at a time: a second would drop the first one's schema under it (a session advisory lock).
LOCK_KEY = 0x5EA4C4
# For the index builds (the GIN index above all); the server's own setting is kept when it is larger.
BUILD_MEMORY_MB = 512
# How long the swap waits for the searches and refreshes under way before trying again (searches that come
# meanwhile queue behind it), and how many times.
SWAP_WAIT = "2s"
SWAP_TRIES = 10

_NOTE = """
CREATE FUNCTION {schema}.note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO {schema}.refreshed (source, object_id) VALUES (OLD.source, OLD.object_id);
    ELSE
        INSERT INTO {schema}.refreshed (source, object_id) VALUES (NEW.source, NEW.object_id);
    END IF;
    RETURN NULL;
END $$
"""

# The live table's indexes, with the constraint each one backs (the primary key, the unique pair).
_INDEXES = """
SELECT index.relname, pg_get_indexdef(i.indexrelid), con.conname, pg_get_constraintdef(con.oid)
FROM pg_index AS i
JOIN pg_class AS index ON index.oid = i.indexrelid
LEFT JOIN pg_constraint AS con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
WHERE i.indrelid = %s::regclass
ORDER BY con.contype = 'p' DESC, index.relname
"""


def index_swap(*, fill: Fill) -> dict[str, int]:
    """Rebuilds every source into a new table and swaps it in; returns the rows indexed per source.

    `fill(source, table, ids=None)` writes a source's rows (those of `ids` only, when given) into `table`."""
    table = SearchEntry._meta.db_table
    cursor = _cursor()
    cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
    try:
        home = _prepare(cursor, table)
        nxt = sql.Identifier(SCHEMA, table)
        counts = {}
        for source in sources():
            with transaction.atomic():
                counts[source.name] = fill(source, nxt)
        with transaction.atomic():
            _build_indexes(cursor, table, nxt)
        # The rows refreshed so far, read again outside the swap's lock; then those of the last moments under it.
        done = _replay(cursor, nxt, 0, fill)
        _swap(cursor, home, nxt, table, done, fill)
        return counts
    finally:
        cursor.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(SCHEMA)))
        cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _cursor():
    """A cursor of the connection's own, past Django's wrappers: the next table is no table a kept value reads,
    so its writes must not move the desk's generations (the swap moves the index's own: `_swap`)."""
    connection.ensure_connection()
    return connection.connection.cursor()


def _prepare(cursor, table: str) -> str:
    """The next table, empty, and the trigger that notes the rows refreshed from now on; the live table's schema."""
    schema = sql.Identifier(SCHEMA)
    cursor.execute(
        "SELECT n.nspname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace"
        " WHERE c.oid = to_regclass(%s)",
        [sql.Identifier(table).as_string(cursor)],
    )
    home = cursor.fetchone()[0]
    live = sql.Identifier(home, table)
    with transaction.atomic():
        # What a rebuild that stopped half-way left (its trigger on the live table goes with its function).
        cursor.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(schema))
        cursor.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        cursor.execute(
            sql.SQL(
                "CREATE TABLE {}.refreshed (id bigserial PRIMARY KEY, source text NOT NULL, object_id bigint NOT NULL)"
            ).format(schema)
        )
        cursor.execute(sql.SQL(_NOTE).format(schema=schema))
        cursor.execute(
            sql.SQL(
                "CREATE TRIGGER search_rebuild_note AFTER INSERT OR UPDATE OR DELETE ON {} FOR EACH ROW"
                " EXECUTE FUNCTION {}.note()"
            ).format(live, schema)
        )
        # The columns (the computed words' vector too), their defaults, the id's identity (a sequence of its
        # own, from 1, as a first rebuild's) and checks; the indexes come once the rows are in.
        cursor.execute(
            sql.SQL("CREATE TABLE {} (LIKE {} INCLUDING ALL EXCLUDING INDEXES)").format(
                sql.Identifier(SCHEMA, table), live
            )
        )
    return home


def _build_indexes(cursor, table: str, nxt: sql.Composable) -> None:
    cursor.execute(
        "SELECT setting::bigint * 1024 < %s FROM pg_settings WHERE name = 'maintenance_work_mem'",
        [BUILD_MEMORY_MB * 1024 * 1024],
    )
    if cursor.fetchone()[0]:
        cursor.execute(
            sql.SQL("SET LOCAL maintenance_work_mem = {}").format(sql.Literal(f"{BUILD_MEMORY_MB}MB"))
        )
    cursor.execute(_INDEXES, [sql.Identifier(table).as_string(cursor)])
    for name, definition, constraint, constraint_definition in cursor.fetchall():
        if constraint:
            statement = sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                nxt, sql.Identifier(constraint), sql.SQL(constraint_definition)
            )
        else:
            # "CREATE [UNIQUE] INDEX name ON schema.table USING method (columns) [WHERE …]": the same on the next table.
            head, method = definition.split(" USING ", 1)
            unique = sql.SQL("UNIQUE ") if head.startswith("CREATE UNIQUE ") else sql.SQL("")
            statement = sql.SQL("CREATE {}INDEX {} ON {} USING {}").format(
                unique, sql.Identifier(name), nxt, sql.SQL(method)
            )
        cursor.execute(statement)
    # The planner's statistics come with the table: a search right after the swap is planned on them.
    cursor.execute(sql.SQL("ANALYZE {}").format(nxt))


def _replay(cursor, nxt: sql.Composable, after: int, fill: Fill) -> int:
    """Reads again into the next table the rows noted by the trigger after `after`; returns the last noted."""
    cursor.execute(
        sql.SQL("SELECT id, source, object_id FROM {}.refreshed WHERE id > %s ORDER BY id").format(
            sql.Identifier(SCHEMA)
        ),
        [after],
    )
    noted = cursor.fetchall()
    if not noted:
        return after
    by_source: dict[str, set[int]] = {}
    for _, name, object_id in noted:
        by_source.setdefault(name, set()).add(object_id)
    known = {source.name: source for source in sources()}
    with transaction.atomic():
        for name, ids in by_source.items():
            cursor.execute(
                sql.SQL("DELETE FROM {} WHERE source = %s AND object_id = ANY(%s)").format(nxt),
                [name, list(ids)],
            )
            source: Source | None = known.get(name)
            if source is not None:  # a row written by hand under no source's name is no rebuild's
                fill(source, nxt, ids=ids)
    return noted[-1][0]


def _swap(cursor, home: str, nxt: sql.Composable, table: str, done: int, fill: Fill) -> None:
    live = sql.Identifier(home, table)
    for attempt in range(SWAP_TRIES):
        try:
            with transaction.atomic():
                cursor.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(SWAP_WAIT)))
                # No refresh writes the live table from here on: the rows noted so far are the last ones.
                cursor.execute(sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(live))
                _replay(cursor, nxt, done, fill)
                cursor.execute(sql.SQL("DROP TABLE {}").format(live))
                cursor.execute(sql.SQL("ALTER TABLE {} SET SCHEMA {}").format(nxt, sql.Identifier(home)))
                # Statements past Django's wrappers are seen by nobody: the index's generation moves on here.
                freshness.written(connection, table)
            return
        except LockNotAvailable:
            if attempt == SWAP_TRIES - 1:
                raise
            done = _replay(cursor, nxt, done, fill)
