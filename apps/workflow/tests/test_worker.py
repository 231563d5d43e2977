"""A real Celery worker on Redis runs a bulk job that the request only queued."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from apps.notifications.models import Message, OutboxMessage
from apps.support.services import fault_report_file
from apps.workflow.models import BulkJob, Case
from apps.workflow.services import bulk_start, perform

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


@pytest.fixture
def celery_worker_process(transactional_db):
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("tests marked worker need REDIS_URL set (scripts/test.sh sets it for them)")
    if connection.vendor != "postgresql":
        pytest.fail("the worker shares the test database, which needs PostgreSQL")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
    }
    from khedmat.celery import app

    app.control.purge()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "khedmat",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        env=env,
        start_new_session=True,
    )
    yield worker
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=30)


def _all_sent() -> None:
    rows = OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
    deadline = time.monotonic() + 60
    while rows.exists() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not rows.exists(), "the worker did not send every row"


def test_a_worker_applies_a_queued_bulk_job(
    celery_worker_process, agency_officer, org_expert, province, settings
):
    settings.KHEDMAT_BULK_INLINE_LIMIT = 1
    # A process the worker knows from the code it loads: the fault report.
    cases = [
        fault_report_file(actor=agency_officer, category="page", description=f"خطای شماره {i} در فرم ثبت")
        for i in range(3)
    ]
    job = bulk_start(actor=org_expert, action_name="escalate", case_ids=[c.pk for c in cases])
    assert job.status == BulkJob.Status.QUEUED  # the request itself did not do the work
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == BulkJob.Status.DONE:
            break
        time.sleep(0.3)
    assert job.status == BulkJob.Status.DONE, "the worker did not finish the job within a minute"
    assert job.succeeded == 3
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)) == {
        "escalated"
    }
    # The worker gave the web processes the CPU first: it lowered its own priority as it started.
    assert (
        os.getpriority(os.PRIO_PROCESS, celery_worker_process.pid)
        == os.nice(0) + settings.KHEDMAT_WORKER_NICE
    )
    assert settings.KHEDMAT_WORKER_NICE > 0


def test_a_steps_messages_are_queued_once_it_commits_and_the_worker_sends_them(
    celery_worker_process, agency_officer, org_expert, province
):
    kept, undone = (
        fault_report_file(actor=agency_officer, category="page", description=f"خطای شماره {i} در فرم ثبت")
        for i in (1, 2)
    )
    perform(kept, "escalate", actor=org_expert)
    with pytest.raises(RuntimeError), transaction.atomic():
        perform(undone, "escalate", actor=org_expert)
        raise RuntimeError("a later part of the step failed")

    # No beat runs here: only the tasks queued after each commit send the rows.
    _all_sent()
    # The filing told the expert of each report; the kept step told its filer, the undone one nobody.
    told = Message.objects.values_list("recipient__username", "case")
    assert sorted(told) == sorted([("expert", kept.pk), ("expert", undone.pk), ("officer", kept.pk)])
    assert OutboxMessage.objects.count() == 2 * Message.objects.count()


def _other_sessions() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_the_worker_keeps_its_database_session_from_one_task_to_the_next(
    celery_worker_process, agency_officer, org_expert, province
):
    report = fault_report_file(actor=agency_officer, category="page", description="خطای شماره ۱ در فرم ثبت")
    _all_sent()
    # Between tasks the worker's session stays open, as a web process's does between requests.
    kept = _other_sessions()
    assert len(kept) == 1
    perform(report, "escalate", actor=org_expert)
    _all_sent()
    assert _other_sessions() == kept
