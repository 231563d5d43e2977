"""Fifty people approve the same case at the same moment: one transition, 49 clear refusals (issue 8, item 6).

The row lock in `perform()` is what makes this hold, so these run on PostgreSQL only, each caller on a
connection of its own: through the real HTTP stack (Django's threaded test server, the API with a session and CSRF, as the
browser calls it) and through the service itself.
"""

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import Client
from django.test.testcases import LiveServerThread

from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.core.errors import ConflictError
from apps.workflow.models import Case, StepRecord
from apps.workflow.services import perform

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CALLERS = 50
CSRF = "concurrencyconcurrencyconcurren1"  # any 32 characters: sent as the cookie and the header
ACTED_FIRST = "اقدام شده است"


class _WideBacklogServer(ThreadedWSGIServer):
    # The test server's listen backlog is 10, so 50 connects at once are reset by the kernel before the
    # desk sees them; gunicorn's is 2048. The desk's answer is under test here, not the backlog.
    request_queue_size = CALLERS


class _WideBacklogThread(LiveServerThread):
    server_class = _WideBacklogServer


@pytest.fixture
def desk_url(transactional_db):
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    server = _WideBacklogThread("127.0.0.1", StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://127.0.0.1:{server.port}"
    server.terminate()


def _only_on_postgres():
    if connection.vendor != "postgresql":
        pytest.fail("run on PostgreSQL: SQLite has no row locks (scripts/test.sh leaves postgres tests out)")


def _assert_one_transition(case: Case) -> None:
    case.refresh_from_db()
    assert case.state == "national_review"
    assert AuditEntry.objects.filter(case=case, action="test.review.approve").count() == 1
    assert StepRecord.objects.filter(case=case, action="approve").count() == 1
    assert StepRecord.objects.filter(case=case, finished_at__isnull=True).count() == 1
    assert audit_verify() is None


def _all_at_once(call):
    """Runs `call(i)` in CALLERS threads released together by a barrier; returns the results in order."""
    barrier = threading.Barrier(CALLERS)

    def run(i):
        barrier.wait(timeout=60)
        return call(i)

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        return list(pool.map(run, range(CALLERS)))


def test_fifty_simultaneous_api_approvals_make_one_transition_and_49_persian_refusals(
    desk_url, open_case, org_expert
):
    _only_on_postgres()
    case = open_case()
    browser = Client()
    browser.force_login(org_expert)
    cookie = f"sessionid={browser.cookies['sessionid'].value}; csrftoken={CSRF}"
    url = f"{desk_url}/api/cases/{case.tracking_code}/actions"
    body = json.dumps({"action": "approve", "expected_state": "submitted"}).encode()

    def approve(_i):
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": CSRF},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    answers = _all_at_once(approve)

    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * (CALLERS - 1), statuses  # and so no 5xx
    refusals = [payload["detail"] for status, payload in answers if status == 409]
    assert all(ACTED_FIRST in detail and "صفحه را دوباره باز کنید" in detail for detail in refusals)
    _assert_one_transition(case)


def test_fifty_simultaneous_service_calls_make_one_transition(open_case, org_expert, group_head):
    _only_on_postgres()
    case = open_case()
    people = (org_expert, group_head)

    def approve(i):
        try:
            perform(case, "approve", actor=people[i % 2], expected_state="submitted")
            return "moved"
        except ConflictError as exc:
            return exc.message
        finally:
            connection.close()  # each thread's own connection

    outcomes = _all_at_once(approve)

    assert outcomes.count("moved") == 1
    assert len([o for o in outcomes if ACTED_FIRST in o]) == CALLERS - 1
    _assert_one_transition(case)


def _waiting_for_the_audit_head() -> bool:
    with connection.cursor() as cursor:
        # The activity view is read once per transaction unless its snapshot is dropped.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
            ["%workflow_auditchainhead%FOR NO KEY UPDATE%"],
        )
        return cursor.fetchone()[0] > 0


def test_a_step_and_a_writer_referring_to_its_case_both_commit_instead_of_deadlocking(open_case, org_expert):
    """A writer holds the audit trail's head and has written a row that refers to a case (its foreign key is
    checked at COMMIT); a step has meanwhile locked that case and waits for the head. The step's lock must
    not stop the writer's check, or each waits for the other and PostgreSQL kills one of them."""
    from django.db import transaction

    from apps.audit.trail import audit_append

    _only_on_postgres()
    case = open_case()
    outcome = {}

    def step():
        try:
            outcome["step"] = perform(Case.objects.get(pk=case.pk), "approve", actor=org_expert).state
        except Exception as exc:
            outcome["step"] = repr(exc)
        finally:
            connection.close()

    with transaction.atomic():
        audit_append(action="test.note", actor=org_expert, case=case)
        worker = threading.Thread(target=step)
        worker.start()
        for _ in range(200):
            if _waiting_for_the_audit_head():
                break
            worker.join(0.05)
        assert _waiting_for_the_audit_head(), "the step should be waiting for the audit trail's head"
    worker.join(30)

    assert outcome == {"step": "national_review"}
    assert list(AuditEntry.objects.filter(case=case).values_list("action", flat=True).order_by("id")) == [
        "test.review.opened",
        "test.note",
        "test.review.approve",
    ]
    assert audit_verify() is None
