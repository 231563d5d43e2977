"""The desk's own settings with the bench's URLconf, so the bare views exist only in the bench's processes."""

from khedmat.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
