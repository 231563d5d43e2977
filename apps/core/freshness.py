"""The desk's generation: a token every committed write to the database replaces.

A list page's rows, page links and count are kept, rendered, under the generation they were read in
(`{% listing %}`, `templatetags/desk.py`), and so is the inbox count every page shows, so a list nobody
has written to since is not counted, read and rendered again for every look. Any write, by any process,
moves the generation on once it commits, and every kept list is read afresh after it: nothing is kept
that a later write could make wrong.

Writes are seen where they reach the database: every statement that inserts, updates, deletes or
truncates passes through `_note_write` (a database execute wrapper), whatever service, import or shell
ran it. COPY bypasses the wrappers; `rows_insert` reports its writes with `written()`.

Lists are kept only where the cache is shared by every process that writes (Redis, `REDIS_URL`): a
per-process cache would not see another process's writes. Inside a transaction that has written and not
yet committed, nothing is kept or read, so a rolled-back write leaves nothing behind.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)

GENERATION_KEY = "khedmat:generation"
# What is kept outlives no write; the limit only bounds what a restored database or cache could leave.
KEPT_SECONDS = 300
# Writes nothing kept shows: a session saved on sign-in or by the messages of a page, and the time an API
# token was last used, which every call through it writes (a program polling the API would otherwise
# empty every kept list with each call).
_UNSHOWN_TABLES = frozenset({"django_session", "accounts_apitoken"})
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCA")


def enabled() -> bool:
    # Read per call: tests turn it on for a test.
    return settings.KHEDMAT_LIST_CACHE


def _new_generation() -> str:
    """A first generation, when the cache has none (a fresh or restarted Redis)."""
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def advance() -> None:
    """Every list kept so far is stale."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def kept(parts: tuple[str, ...], compute):
    """compute()'s value, computed once per generation for the same `parts` (which must name everything
    the value depends on besides the database: the user, the address, the day)."""
    if not enabled() or uncommitted_writes(connection):
        return compute()
    key = "khedmat:kept:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    try:
        # One round trip reads the generation and what was kept, with the generation it was computed in.
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or _new_generation()
    except Exception:
        # Without the cache the page is read afresh, as it would be without keeping.
        logger.warning("the list cache cannot be read", exc_info=True)
        return compute()
    if key in found and found[key][0] == current:
        return found[key][1]
    # The generation was read before the value is computed: a write that commits meanwhile moves it on,
    # so a value is never kept under a generation older than what it was computed from.
    value = compute()
    try:
        cache.set(key, (current, value), KEPT_SECONDS)
    except Exception:
        logger.warning("the list cache cannot be written", exc_info=True)
    return value


def _advance_after_commit() -> None:
    try:
        advance()
    except Exception:
        # The write is committed; a cache that cannot be reached keeps nothing to be wrong about for
        # long (lists are kept for minutes), and the caller's step must not fail after the fact.
        logger.exception("the list cache's generation could not be advanced")


def uncommitted_writes(connection) -> bool:
    """Whether the connection's open transaction has written (and so holds an advance for its commit)."""
    return connection.in_atomic_block and any(
        func is _advance_after_commit for _, func, _ in connection.run_on_commit
    )


def written(connection) -> None:
    """A write reached the database on `connection`: advance now, or when its transaction commits."""
    if not enabled():
        return
    if connection.in_atomic_block:
        # Once per transaction; a savepoint rolled back takes its registration with it.
        if not uncommitted_writes(connection):
            connection.on_commit(_advance_after_commit)
    else:
        _advance_after_commit()


def _note_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql.lstrip()[:6].upper()
    if head in _WRITES:
        # The first quoted name is the table written: INSERT INTO "t", UPDATE "t", DELETE FROM "t"
        # (a TRUNCATE names several).
        table = sql.split('"', 2)[1] if '"' in sql else ""
        if head == "TRUNCA" or table not in _UNSHOWN_TABLES:
            written(context["connection"])
    return result


def _watch(sender, connection, **kwargs):
    # First in the list: execute_wrapper() blocks pop the last wrapper when they end.
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_write)


def _advance_after_migrate(sender, **kwargs):
    if enabled():
        _advance_after_commit()


def watch_writes() -> None:
    """Called once at start-up (`CoreConfig.ready`), for connections open already and those to come."""
    connection_created.connect(_watch, dispatch_uid="khedmat-freshness")
    post_migrate.connect(_advance_after_migrate, dispatch_uid="khedmat-freshness")
    for open_connection in connections.all(initialized_only=True):
        _watch(None, open_connection)
