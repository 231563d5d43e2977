"""The desk's Redis cache (`apps/core/cache.py`), against a real Redis."""

import multiprocessing

import pytest

from apps.core.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def cache():
    cache = RedisCache(REDIS, {"KEY_PREFIX": "test-cache"})
    yield cache
    cache.delete_many(["kept", "count", "other"])


def test_every_command_goes_through_one_client(cache):
    cache.set("kept", {"rows": ["۱", "۲"]})
    cache.set("count", 1)
    assert cache.get("kept") == {"rows": ["۱", "۲"]}
    assert cache.incr("count") == 2
    assert cache.get_many(["kept", "count", "other"]) == {"kept": {"rows": ["۱", "۲"]}, "count": 2}
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def _read_in_child(cache, answers):
    answers.put(cache.get("kept"))


def test_a_forked_worker_reads_through_connections_of_its_own(cache):
    cache.set("kept", "پیش از انشعاب")
    fork = multiprocessing.get_context("fork")
    answers = fork.Queue()
    child = fork.Process(target=_read_in_child, args=(cache, answers))
    child.start()
    child.join(30)
    assert answers.get(timeout=5) == "پیش از انشعاب"
    assert cache.get("kept") == "پیش از انشعاب"
