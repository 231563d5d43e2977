"""The import benchmark's COPY side writes what the results import writes, so the two are compared fairly."""

import csv
import io
from types import SimpleNamespace

from apps.recruitment.services.rounds import RESULT_FIELDS
from bench import import_bench


def test_the_copy_writes_the_imports_columns_then_the_defaults_that_are_not_null():
    rows = import_bench.result_rows(2, ["101-0"])

    columns, data = import_bench.copy_csv(rows, SimpleNamespace(pk=7), {"101-0": 3})

    assert columns == [*RESULT_FIELDS, "status", "interview_minutes"]
    first = next(csv.reader(io.StringIO(data.decode())))
    assert first == ["7", "3", rows[0][0], "علی", "احمدی", "40.0", "free", "initial", ""]
