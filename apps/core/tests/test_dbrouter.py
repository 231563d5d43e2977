"""The database router (khedmat/dbrouter.py): which reads it sends to the replica alias, and its fallback.

No test here has a replica. CI runs one PostgreSQL server; the routing tests point a second alias,
`replica`, at the same test database as a stand-in, so they prove the router's choices (which alias a
read is sent to, and that the page still answers through it), not replication. The real streaming
replica is exercised by bench/cluster.sh. The fallback test points the alias at a closed port.
"""

import socket

import jdatetime
import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.training.models import Category, Course, Mode
from apps.workflow.models import Case
from khedmat import dbrouter
from khedmat.dbrouter import REPLICA, REPLICA_PAGES, ReplicaRouter

ROUTER = "khedmat.dbrouter.ReplicaRouter"
SESSION_COOKIE = "sessionid=abcdefghijklmnopqrstuvwxyz012345"


@pytest.fixture
def replica_alias():
    """Registers the `replica` alias with the settings given (the default database's, changed by them)."""

    def register(**changes):
        db = {**connections.settings[DEFAULT_DB_ALIAS], **changes, "TEST": {"MIRROR": DEFAULT_DB_ALIAS}}
        connections.settings[REPLICA] = db
        dbrouter.health.forget()
        return db

    yield register
    dbrouter.request_ends(None)
    if REPLICA in connections.settings:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
    dbrouter.health.forget()


@pytest.fixture
def stand_in(replica_alias, transactional_db):
    """The replica alias on the test database itself (committed rows, so both aliases see them)."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        pytest.fail("run on PostgreSQL: the router's health check speaks to PostgreSQL")
    db = replica_alias()
    # Opened here: Django's test case refuses a first connection to an alias it was not told of, and
    # pytest-django's marker cannot name one that is registered only once the test has begun.
    connections[REPLICA].connect()
    return db


@pytest.fixture
def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def begin(method: str, path: str, cookie: str = "") -> None:
    """What happens when a request reaches the desk: the router marks it from its method and address."""
    extra = {"HTTP_COOKIE": cookie} if cookie else {}
    request = RequestFactory().generic(method, path, **extra)
    dbrouter.request_begins(None, environ=request.environ)


def test_without_a_replica_there_is_no_router_and_every_read_goes_to_the_primary(settings, replica_alias):
    assert settings.DATABASE_ROUTERS == []
    assert REPLICA not in connections.settings
    begin("GET", "/training/")
    assert ReplicaRouter().db_for_read(Course) == DEFAULT_DB_ALIAS


@pytest.mark.postgres
def test_routing_sends_a_public_page_s_and_a_report_s_reads_to_the_replica_alias(stand_in):
    for path in ("/training/", "/complaints/reports/"):
        begin("GET", path)
        assert ReplicaRouter().db_for_read(Course) == REPLICA, path
        assert ReplicaRouter().db_for_read(Case) == REPLICA, path
        dbrouter.request_ends(None)


@pytest.mark.postgres
def test_routing_keeps_identity_and_sessions_on_the_primary_even_on_a_replica_page(stand_in):
    begin("GET", "/complaints/reports/")
    router = ReplicaRouter()
    assert router.db_for_read(User) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Case) == REPLICA


@pytest.mark.postgres
def test_routing_keeps_other_pages_and_every_write_on_the_primary(stand_in):
    router = ReplicaRouter()
    begin("GET", "/cartable/")
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    begin("POST", "/complaints/reports/")
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    begin("GET", "/complaints/track/")  # a person's own just-filed case: never a copy that may trail
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    begin("GET", "/training/")
    assert router.db_for_write(Course) == DEFAULT_DB_ALIAS


@pytest.mark.postgres
def test_routing_reads_the_primary_once_the_request_has_written(stand_in):
    router = ReplicaRouter()
    begin("GET", "/training/")
    assert router.db_for_read(Course) == REPLICA
    router.db_for_write(Course)
    assert router.db_for_read(Course) == DEFAULT_DB_ALIAS


@pytest.mark.postgres
def test_routing_reads_the_primary_inside_a_transaction(stand_in):
    router = ReplicaRouter()
    begin("GET", "/training/")
    with transaction.atomic():
        assert router.db_for_read(Course) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Course) == REPLICA


@pytest.mark.postgres
def test_routing_reads_the_primary_for_a_person_who_just_wrote_and_not_for_others(stand_in):
    router = ReplicaRouter()
    begin("POST", "/complaints/new/", cookie=SESSION_COOKIE)
    dbrouter.request_ends(None)
    begin("GET", "/complaints/reports/", cookie=SESSION_COOKIE)
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    begin("GET", "/complaints/reports/", cookie="sessionid=someoneelse")
    assert router.db_for_read(Case) == REPLICA
    begin("GET", "/complaints/reports/")
    assert router.db_for_read(Case) == REPLICA


@pytest.mark.postgres
def test_routing_serves_a_public_page_through_the_replica_alias(stand_in, client, settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    Course.objects.create(
        year=jdatetime.date.today().year,
        title="نگارش نامه‌های اداری",
        category=Category.choices[0][0],
        syllabus="نامه، گزارش و صورت‌جلسه",
        hours=16,
        tuition=2_500_000,
        planned_month=3,
        mode=Mode.choices[0][0],
        capacity=30,
    )
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        page = client.get("/training/")
    assert page.status_code == 200
    assert "نگارش نامه‌های اداری" in page.content.decode()
    assert any('"training_course"' in query["sql"] for query in on_replica.captured_queries)
    assert not any('"training_course"' in query["sql"] for query in on_primary.captured_queries)


@pytest.mark.postgres
def test_a_replica_that_failed_a_request_is_left_at_once(stand_in):
    router = ReplicaRouter()
    begin("GET", "/training/")
    assert router.db_for_read(Course) == REPLICA
    try:
        raise OperationalError("the replica went away")
    except OperationalError:
        dbrouter.request_failed(None)
    dbrouter.request_ends(None)
    begin("GET", "/training/")
    assert router.db_for_read(Course) == DEFAULT_DB_ALIAS


def test_reads_fall_back_to_the_primary_when_the_replica_does_not_answer(
    replica_alias, closed_port, client, settings, transactional_db
):
    # Outside a transaction (transactional_db), so that only the failed health check keeps reads away.
    replica_alias(
        ENGINE="django.db.backends.postgresql", HOST="127.0.0.1", PORT=closed_port, NAME="khedmat", USER="x"
    )
    settings.DATABASE_ROUTERS = [ROUTER]
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary:
        page = client.get("/training/")
    assert page.status_code == 200
    assert any('"training_course"' in query["sql"] for query in on_primary.captured_queries)
    assert connections[REPLICA].connection is None  # never even opened
    assert dbrouter.health.up() is False
    begin("GET", "/training/")
    assert ReplicaRouter().db_for_read(Course) == DEFAULT_DB_ALIAS


def test_every_page_the_router_names_is_a_page_of_the_desk():
    from django.urls import get_resolver

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    assert set(names(get_resolver())) >= REPLICA_PAGES
