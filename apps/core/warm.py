"""What a web process builds once, before it serves: the URLconf (with the API's schemas) and every
template, compiled.

gunicorn preloads the WSGI module in its master (`gunicorn.conf.py`), and every worker it forks, or
forks again when it recycles one, starts from the master's memory. Left to the first request, each
worker spent half a second of CPU on it: the URLconf's import builds the API's pydantic schemas (0.4 s),
reversing a link first builds its namespace's lookups, and each page's first rendering compiles its
templates. On two CPUs, with workers recycled every few
thousand requests, that was a stall every few seconds under load.

Two imports were still left to a worker's first request, because their libraries make them lazily:
the Redis client, which Django's cache imports when it first talks to Redis (0.3 s where the bytecode
is not compiled), and the IDNA codec with its `stringprep` tables, which the socket module loads the
first time it resolves a host name.
"""

import importlib
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.template import engines
from django.urls import get_resolver


def _template_names(engine) -> list[str]:
    names = []
    for folder in engine.template_dirs:
        root = Path(folder)
        names += [str(path.relative_to(root)) for path in sorted(root.rglob("*")) if path.is_file()]
    return names


def _build_reverse_lookups(resolver) -> None:
    resolver.reverse_dict  # noqa: B018  (reading it builds it)
    for _prefix, namespace in resolver.namespace_dict.values():
        _build_reverse_lookups(namespace)


def _import_lazy_modules() -> None:
    "localhost".encode("idna")
    if any(isinstance(cache, RedisCache) for cache in caches.all()):
        # Imported, not connected: a connection opened here would be shared by every forked worker.
        importlib.import_module("redis")


def warm() -> None:
    _import_lazy_modules()
    _build_reverse_lookups(get_resolver())
    for engine in engines.all():
        # A template that does not compile stops the desk here, at start-up, not on a page later.
        for name in _template_names(engine):
            engine.get_template(name)
