"""Where a signed-in request's session is read from, in each way the desk is run."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [("redis://127.0.0.1:6379/15", "cached_db"), ("", "db")],
    ids=["with Redis: from Redis, written through", "embedded: from the database"],
)
def test_sessions_are_cached_only_where_every_process_shares_the_cache(redis_url, engine):
    env = {**os.environ, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "khedmat.settings"}
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == f"django.contrib.sessions.backends.{engine}"
