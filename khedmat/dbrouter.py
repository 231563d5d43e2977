"""Sends the reads of reports, dashboards and public pages to a streaming replica, when there is one.

Installed only when `DATABASE_REPLICA_URL` is set (khedmat/settings.py adds the `replica` alias and this
router); without it every query goes to `default`, as before. A request is marked for the replica when it
starts (`request_started`), from its method and its URL's name, never from inside a view, so no app knows:

- only GET and HEAD requests to the pages named in `REPLICA_PAGES` (reports, dashboards, public pages whose
  rows are published, not a person's own just-filed case: the tracking pages read the primary);
- never a person's identity, session or kept values: the models of `PRIMARY_APPS` are always read from the
  primary (a session saved on sign-in must be found on the very next page; the unread count and the user
  are kept between writes, apps/core/freshness.py, and a lagging copy kept under a newer generation would
  stay wrong until the next write);
- never once the request has written, nor inside a transaction on the primary;
- never for a signed-in person's requests in the `PIN_SECONDS` after a request of theirs wrote (a POST, or
  any write): their next pages read what they just saved. The pin is kept in the shared cache (Redis), so
  it holds on whichever node the load balancer sends the next request to;
- never when the replica does not answer: a connection with a short timeout checks it at most every
  `HEALTH_SECONDS` per process, and a request that failed on the replica marks it down at once.

The first request of each process is read from the primary: Django builds its routers, and so connects
these signal handlers, at the process's first query.
"""

import hashlib
import logging
import sys
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

REPLICA = "replica"
# Read-only pages whose rows may trail the primary by the replication lag (milliseconds on a LAN).
REPLICA_PAGES = frozenset(
    {
        # Reports and dashboards (each also exports the same rows as .xlsx/PDF from the same URL).
        "complaints:reports",
        "complaints:service_level_dashboard",
        "managers:report",
        "training:dashboard",
        "evaluation:dashboard",
        "recruitment:round_dashboard",
        # Public pages: published texts, calendars, results and document verification.
        "catalog:index",
        "catalog:detail",
        "recruitment:help_index",
        "recruitment:help_step",
        "training:calendar",
        "training:calendar_xlsx",
        "training:calendar_pdf",
        "training:course_detail",
        "evaluation:public_results",
        "complaints:service_level_index",
        "complaints:service_level_public",
        "complaints:availability",
        "documents:verify",
    }
)
READ_METHODS = frozenset({"GET", "HEAD"})
# Identity, sessions, sign-in throttling and second factors, and the rows the desk keeps between writes.
PRIMARY_APPS = frozenset(
    {
        "accounts",
        "auth",
        "sessions",
        "contenttypes",
        "admin",
        "axes",
        "otp_totp",
        "otp_static",
        "notifications",
    }
)
# Longer than any replication lag the replica is used with; a pinned person reads the primary meanwhile.
PIN_SECONDS = 10
# How long one answer of the replica's health check is believed, per process.
HEALTH_SECONDS = 2
# libpq's smallest connect timeout.
CONNECT_TIMEOUT_SECONDS = 2
_PIN_KEY = "khedmat:dbpin:"


@dataclass
class _Request:
    replica: bool
    method: str
    session_key: str
    wrote: bool = False


_request: ContextVar[_Request | None] = ContextVar("khedmat_db_request", default=None)


class _Health:
    """Whether the replica answered lately; shared by the threads of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._up: bool | None = None  # not checked yet
        self._until = 0.0

    def up(self) -> bool:
        now = time.monotonic()
        if now < self._until:
            return self._up
        with self._lock:
            if now >= self._until:
                was_up, self._up = self._up, _replica_answers()
                self._until = time.monotonic() + HEALTH_SECONDS
                if was_up != self._up:
                    # Said once each way, not at every check while it lasts.
                    if self._up:
                        logger.info("the database replica answers: reports and public pages read it")
                    else:
                        logger.warning("the database replica does not answer: every read goes to the primary")
        return self._up

    def down(self) -> None:
        with self._lock:
            if self._up:
                logger.warning("a request failed on the database replica: every read goes to the primary")
            self._up = False
            self._until = time.monotonic() + HEALTH_SECONDS

    def forget(self) -> None:
        with self._lock:
            self._until = 0.0


health = _Health()


def replica_configured() -> bool:
    return REPLICA in connections.settings


def _replica_answers() -> bool:
    db = connections.settings[REPLICA]
    try:
        with psycopg.connect(
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            dbname=db["NAME"],
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        ) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def _session_key(environ: dict) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(environ.get("HTTP_COOKIE", ""))
    except CookieError:
        return ""
    morsel = cookie.get(settings.SESSION_COOKIE_NAME)
    # Hashed: the cache holds no session key that could sign anyone in.
    return hashlib.sha256(morsel.value.encode()).hexdigest() if morsel and morsel.value else ""


def _pinned(session_key: str) -> bool:
    if not session_key:
        return False
    try:
        return cache.get(_PIN_KEY + session_key) is not None
    except Exception:
        # Without the cache no pin can be seen: read the primary.
        return True


def _page_name(environ: dict) -> str:
    try:
        return resolve(get_path_info(environ)).view_name
    except Resolver404:
        return ""


def request_begins(sender, environ: dict, **kwargs) -> None:
    if not replica_configured():
        _request.set(None)
        return
    method = environ.get("REQUEST_METHOD", "GET").upper()
    session_key = _session_key(environ)
    replica = (
        method in READ_METHODS
        and _page_name(environ) in REPLICA_PAGES
        and not _pinned(session_key)
        and health.up()
    )
    _request.set(_Request(replica=replica, method=method, session_key=session_key))


def request_ends(sender, **kwargs) -> None:
    state = _request.get()
    _request.set(None)
    if state is None or not state.session_key:
        return
    if state.wrote or state.method not in READ_METHODS:
        try:
            cache.set(_PIN_KEY + state.session_key, 1, PIN_SECONDS)
        except Exception:
            logger.warning("a read-after-write pin could not be kept", exc_info=True)


def request_failed(sender, request=None, **kwargs) -> None:
    state = _request.get()
    if state is not None and state.replica and isinstance(sys.exc_info()[1], DatabaseError):
        # The replica stopped since it was last checked: the next requests go to the primary at once.
        health.down()


def connect_signals() -> None:
    request_started.connect(request_begins, dispatch_uid="khedmat-dbrouter-start")
    request_finished.connect(request_ends, dispatch_uid="khedmat-dbrouter-end")
    got_request_exception.connect(request_failed, dispatch_uid="khedmat-dbrouter-failed")


class ReplicaRouter:
    """Reads of a marked request to `replica`; every write, and every other read, to `default`."""

    def __init__(self) -> None:
        connect_signals()

    def db_for_read(self, model, **hints) -> str:
        state = _request.get()
        if (
            state is None
            or not state.replica
            or state.wrote
            or model._meta.app_label in PRIMARY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        state = _request.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replica holds the primary's rows: a row read from one may be related to a row of the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        # A replica is read-only: it receives the primary's migrations through streaming replication.
        return False if db == REPLICA else None
