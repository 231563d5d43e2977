"""The Celery app: Redis broker in production, tasks run inline in the embedded mode."""

import os

from celery import Celery
from celery.signals import worker_init

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
