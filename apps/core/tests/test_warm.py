"""What a web process builds before it serves (`apps/core/warm.py`), so gunicorn's forked workers start
with it instead of building it on their first request."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError

from apps.core.warm import warm


def printed_by_a_new_process(code: str, redis_url: str = "") -> str:
    """What `code` prints in a fresh Python started as gunicorn's master is, with Redis where it is given."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "khedmat.settings", "REDIS_URL": redis_url}
    shown = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return shown.stdout.strip()


BUILT = """
import sys
import khedmat.wsgi
from django.template import engines

loader = engines["django"].engine.template_loaders[0]
print("khedmat.api" in sys.modules, "core/base.html" in str(list(loader.get_template_cache)))
"""


def test_the_wsgi_module_builds_the_urlconf_and_compiles_the_templates():
    assert printed_by_a_new_process(BUILT).split() == ["True", "True"]


FIRST_REQUEST = """
import sys
import khedmat.wsgi
from django.core.cache import cache

before = set(sys.modules)
cache.get("warm-test")
print(sorted(set(sys.modules) - before))
"""


def test_a_workers_first_talk_to_redis_imports_nothing():
    # Over a host name, as production names its servers, so the socket module needs its IDNA codec.
    assert printed_by_a_new_process(FIRST_REQUEST, redis_url="redis://localhost:6379/15") == "[]"


FORKED = """
import gc
import runpy
import khedmat.wsgi

runpy.run_path("gunicorn.conf.py")["pre_fork"](None, None)
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_gunicorn_freezes_the_preloaded_desk_before_each_fork():
    # Frozen, the desk's objects are left out of every collection in the workers, and out of the one
    # that ends a recycled worker, which otherwise took the worker seconds of CPU to exit.
    frozen, collected = map(int, printed_by_a_new_process(FORKED).split())
    assert frozen > 100 * collected


def test_a_template_that_does_not_compile_stops_the_start(settings, tmp_path):
    (tmp_path / "broken.html").write_text("{% if %}", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}, *settings.TEMPLATES[1:]]
    with pytest.raises(TemplateSyntaxError):
        warm()
