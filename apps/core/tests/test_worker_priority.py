"""The worker's CPU priority is read from the environment, and a value the system cannot apply stops the
desk at start-up with the variable's name."""

import os
import subprocess
import sys

READ = "import django; from django.conf import settings; django.setup(); print(settings.KHEDMAT_WORKER_NICE)"


def _settings(value: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KHEDMAT_WORKER_NICE"}
    if value is not None:
        env["KHEDMAT_WORKER_NICE"] = value
    return subprocess.run(
        [sys.executable, "-c", READ],
        env={**env, "DJANGO_SETTINGS_MODULE": "khedmat.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_worker_yields_to_the_pages_by_default_and_as_told():
    assert _settings(None).stdout.strip() == "10"
    assert _settings("0").stdout.strip() == "0"


def test_a_priority_out_of_range_stops_the_desk_with_its_name():
    for wrong in ("-5", "20", "دو"):
        read = _settings(wrong)
        assert read.returncode != 0
        assert "KHEDMAT_WORKER_NICE" in read.stderr
