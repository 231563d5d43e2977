"""The Celery app: Redis broker in production, tasks run inline in the embedded mode."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_init
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khedmat.settings")

app = Celery("khedmat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _yield_to_pages(**kwargs):
    """Lowers the worker's CPU priority (`KHEDMAT_WORKER_NICE`) before it takes a task; a prefork pool's
    children inherit it."""
    from django.conf import settings

    os.nice(settings.KHEDMAT_WORKER_NICE)


@task_prerun.connect
@task_postrun.connect
def _renew_stale_connections(task=None, **kwargs):
    """A queued task starts and ends as a request does: a connection that failed or outlived CONN_MAX_AGE
    is closed, the others kept for the next task (`CELERY_DB_REUSE_MAX`). A task run inline belongs to its
    caller, whose transaction may be open."""
    if task is not None and not task.request.is_eager:
        close_old_connections()
