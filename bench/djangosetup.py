"""Starts Django for a bench script run as `python -m bench.<name>` from the project root."""

import os

import django


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khedmat.settings")
    django.setup()
