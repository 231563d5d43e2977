"""Every row lock the desk takes is FOR NO KEY UPDATE (see test_concurrency's deadlock test for why)."""

import re
from pathlib import Path

import apps

LOCK = re.compile(r"select_for_update\((?![^)]*no_key=True)[^)]*\)")


def test_no_service_locks_a_row_in_a_mode_a_foreign_key_check_waits_on():
    root = Path(apps.__file__).parent
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        for match in LOCK.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
