"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khedmat.settings")
application = get_wsgi_application()

# gunicorn preloads this module in its master: every worker it forks starts with these built.
from apps.core.warm import warm  # noqa: E402

warm()
