"""The Celery app: Redis broker in production, tasks run inline in the embedded mode."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khedmat.settings")

app = Celery("khedmat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
