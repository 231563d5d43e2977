"""The beat schedule names only tasks a worker knows: a typo would make a periodic job silently never run."""

from django.conf import settings

from khedmat.celery import app


def test_every_scheduled_task_is_a_registered_task():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled
    assert scheduled <= set(app.tasks), sorted(scheduled - set(app.tasks))
