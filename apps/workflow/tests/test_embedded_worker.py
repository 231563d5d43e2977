"""The embedded desk without Redis (scripts/serve.sh): a bulk job queued by one process is run by a real
Celery worker in another, through kombu's filesystem transport, never inside the request."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from apps.support.services import fault_report_file
from apps.workflow.models import BulkJob, Case

pytestmark = [pytest.mark.worker, pytest.mark.postgres]


@pytest.fixture
def embedded_env(transactional_db, tmp_path):
    db = connection.settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "DATABASE_URL")
    }
    env.update(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        CELERY_BROKER_URL="filesystem://",
        KHEDMAT_BROKER_DIR=str(tmp_path / "broker"),
        KHEDMAT_BULK_INLINE_LIMIT="1",
    )
    return env


@pytest.fixture
def folder_worker(embedded_env):
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "khedmat", "worker", "--pool=solo", "--loglevel=warning"),
            *("--without-gossip", "--without-mingle", "--hostname", f"folder-{os.getpid()}@%h"),
        ],
        env=embedded_env,
        start_new_session=True,
    )
    yield worker
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=30)


def test_a_bulk_job_queued_without_redis_is_run_by_the_worker(
    folder_worker, embedded_env, agency_officer, org_expert
):
    cases = [
        fault_report_file(actor=agency_officer, category="page", description=f"خطای شماره {i} در فرم ثبت")
        for i in range(3)
    ]
    ids = ",".join(str(c.pk) for c in cases)
    # The request's side, in a process of its own as a gunicorn worker would be: it only queues the job.
    queued = subprocess.run(
        [
            *(sys.executable, "manage.py", "shell", "-c"),
            "from apps.accounts.models import User; from apps.workflow.services import bulk_start; "
            f"job = bulk_start(actor=User.objects.get(pk={org_expert.pk}), action_name='escalate', "
            f"case_ids=[{ids}]); print('queued', job.pk, job.status)",
        ],
        env=embedded_env,
        capture_output=True,
        text=True,
        check=True,
    )
    # The console e-mail backend prints the messages the filing sent before this line.
    _word, job_pk, status = next(
        line for line in queued.stdout.splitlines() if line.startswith("queued ")
    ).split()
    assert status == BulkJob.Status.QUEUED
    job = BulkJob.objects.get(pk=job_pk)
    deadline = time.monotonic() + 60
    while job.status != BulkJob.Status.DONE and time.monotonic() < deadline:
        time.sleep(0.3)
        job.refresh_from_db()
    assert job.status == BulkJob.Status.DONE, "the worker did not run the queued job within a minute"
    assert set(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)) == {
        "escalated"
    }
