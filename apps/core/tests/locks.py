"""A row lock held by another connection, for tests of what the desk does while someone else holds it."""

import threading
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def held_elsewhere(take_lock):
    """Runs `take_lock()` in a transaction of another connection (a thread of its own) and keeps that
    transaction open, its locks held, until the block ends."""
    holding, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                take_lock()
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    other = threading.Thread(target=hold)
    other.start()
    assert holding.wait(10), "the other connection never took its lock"
    try:
        yield
    finally:
        release.set()
        other.join()
