"""The Khedmat Django project: settings, URLs, the API and the Celery app."""

from .celery import app as celery_app

__all__ = ["celery_app"]
