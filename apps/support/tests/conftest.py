"""Fixtures of the fault-report tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Argon2 makes each test user cost seconds on a shared machine; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
