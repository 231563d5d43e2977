"""Keeping the index: each row is dated by its source's own time (a case's last step, a document's issue), on a
rebuild as on a refresh, so that the results are newest first by what people did, not by indexing order."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.documents.models import IssuedDocument
from apps.documents.tests.factories import IssuedDocumentFactory
from apps.search.models import SearchEntry
from apps.search.registry import source
from apps.search.selectors import query_parse, search_for_user
from apps.search.services import entry_refresh, index_rebuild
from apps.workflow.models import Case
from apps.workflow.services import case_open, perform

pytestmark = pytest.mark.django_db

WORD = "بودجه"


def _shown(user, text: str = WORD) -> list[tuple[str, int]]:
    return [(e.source, e.object_id) for e in search_for_user(user=user, query=query_parse(text)).entries]


def _interleaved(world) -> list[tuple[str, int]]:
    """Two cases and two letters of our agency whose own times interleave (from the oldest: a letter, a case,
    a letter, a case); returned newest first. Each source's rows are also in the order of their ids, so
    the rebuild writes every case before every letter."""
    side, now = world.ours, timezone.now()
    rows = []
    for days, kind in ((4, "document"), (3, "case"), (2, "document"), (1, "case")):
        at = now - dt.timedelta(days=days)
        if kind == "case":
            case = case_open(
                process_name="support.fault",
                owner=side.case.owner,
                actor=side.employee,
                title=f"{WORD} {days}",
            )
            # Filed days ago: its last step is its filing.
            Case.objects.filter(pk=case.pk).update(step_started_at=at)
            rows.append(("case", case))
        else:
            letter = IssuedDocumentFactory(owner=side.case.owner, title=f"{WORD} {days}", issued_at=at)
            rows.append(("document", letter))
    return [(source, row.pk) for source, row in reversed(rows)]


def test_after_a_rebuild_the_results_are_newest_first_by_the_rows_own_times(world):
    newest_first = _interleaved(world)
    index_rebuild()
    assert _shown(world.deputy) == newest_first


def test_refreshing_an_older_row_leaves_it_below_the_newer_ones(world, django_capture_on_commit_callbacks):
    newest_first = _interleaved(world)
    # Indexed one at a time, the newest first: the order of their own times, not of their indexing, is shown.
    for name, pk in newest_first:
        entry_refresh(source=source(name), object_id=pk)
    assert _shown(world.deputy) == newest_first
    oldest_letter = IssuedDocument.objects.get(pk=newest_first[-1][1])
    # A change that is no new time of the letter's: the index follows it, and the letter stays the oldest.
    with django_capture_on_commit_callbacks(execute=True):
        oldest_letter.holder_name = "پرستو نادری"
        oldest_letter.save()
    assert _shown(world.deputy, "پرستو نادری") == [newest_first[-1]]
    assert _shown(world.deputy) == newest_first


def test_a_case_that_moves_comes_first(world, org_expert, django_capture_on_commit_callbacks):
    newest_first = _interleaved(world)
    index_rebuild()
    oldest_case = Case.objects.get(pk=newest_first[2][1])
    with django_capture_on_commit_callbacks(execute=True):
        perform(oldest_case, "escalate", actor=org_expert)
    assert _shown(world.deputy) == [newest_first[2], *newest_first[:2], newest_first[3]]


@pytest.mark.parametrize("only", ["case", "learner"])
def test_the_rows_own_times_cost_no_query_per_row(world, only):
    """The time is read with the rows (a learner's through its request's case): as many queries for twice
    the rows."""

    def rebuilt() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            counts = index_rebuild(only=[only])
        return counts[only], len(captured)

    rows, queries = rebuilt()
    for side in (world.ours, world.theirs):
        if only == "case":
            case_open(process_name="support.fault", owner=side.case.owner, actor=side.employee, title=WORD)
        else:
            learner = side.learner
            learner.pk, learner.national_id = None, learner.national_id[::-1]
            learner.save()
    assert rebuilt() == (rows + 2, queries)


def test_a_row_refreshed_again_is_rewritten_in_one_statement(world):
    name, pk = "case", world.ours.case.pk
    entry_refresh(source=source(name), object_id=pk)
    before = SearchEntry.objects.get(source=name, object_id=pk)
    Case.objects.filter(pk=pk).update(title="عنوان تازه برای جست‌وجو")
    with CaptureQueriesContext(connection) as statements:
        entry_refresh(source=source(name), object_id=pk)
    # The row read from its source, then one statement that rewrites the index row (its transaction aside).
    said = [q["sql"].split()[0].upper() for q in statements.captured_queries]
    assert [s for s in said if s not in ("SAVEPOINT", "RELEASE")] == ["SELECT", "INSERT"]
    after = SearchEntry.objects.get(source=name, object_id=pk)
    assert after.pk == before.pk and "تازه" in after.text
    assert SearchEntry.objects.filter(source=name, object_id=pk).count() == 1
