"""Rebuilding the whole index (`search_reindex`): the rows it holds are those the per-row refreshes write, the
search finds them, and on PostgreSQL, where the new index is built beside the live one and swapped in, the
search keeps answering meanwhile and the rows refreshed meanwhile are not lost."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Value
from django.db.models.functions import Concat

from apps.core import freshness
from apps.documents.models import IssuedDocument
from apps.search import registry
from apps.search.models import SearchEntry
from apps.search.rebuild import SCHEMA
from apps.search.registry import Source, source, sources
from apps.search.selectors import query_parse, search_for_user
from apps.search.services import COLUMNS, entry_refresh, index_rebuild
from apps.workflow.models import Case

# Committed rows: the swap of a whole rebuild runs only outside a transaction, as `search_reindex` does.
pytestmark = pytest.mark.django_db(transaction=True)

# Every column a result is read from or narrowed by, the row's own time among them.
ROW = COLUMNS


def held() -> list[tuple]:
    return sorted(SearchEntry.objects.values_list(*ROW))


def shown(user, text: str) -> set[tuple[str, int]]:
    return {(e.source, e.object_id) for e in search_for_user(user=user, query=query_parse(text)).entries}


def elsewhere(work):
    """`work()` on a connection of its own (another thread), as another request would; waits 10 s at most."""

    def run():
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=10)


@pytest.fixture
def midway():
    """A last source, read once the others are written, that runs what a test gives it at that moment."""
    calls = []

    def read(course):
        for call in calls:
            call()
        return registry.Found(title="نمونه", url="/")

    registry.register(
        Source(
            name="midway",
            label="میانه",
            model="training.Course",
            read=read,
            changed="created_at",
            order=10**6,
        )
    )
    yield calls
    registry._SOURCES.pop("midway")


@pytest.mark.parametrize("only", [None, "every source by name"])
def test_a_rebuild_holds_the_rows_the_refreshes_wrote_and_the_search_finds_them(world, only):
    # Indexed by the refreshes after each commit (the world's fixture): what a rebuild must write again.
    refreshed = held()
    assert {row[0] for row in refreshed} == {"case", "learner", "manager", "document", "course"}
    SearchEntry.objects.all().delete()
    names = [s.name for s in sources()] if only else None
    counts = index_rebuild(only=names)
    assert held() == refreshed
    assert counts == {s.name: sum(row[0] == s.name for row in refreshed) for s in sources()}
    assert shown(world.deputy, "چاپگر") == {("case", world.ours.case.pk), ("case", world.theirs.case.pk)}
    assert ("learner", world.ours.learner.pk) in shown(world.deputy, "عَلِی كريم")


def test_a_rebuild_inside_a_transaction_holds_the_same_rows(world):
    refreshed = held()
    with transaction.atomic():
        index_rebuild()
        assert held() == refreshed


def test_a_rebuild_moves_the_index_generation(world, settings):
    settings.KHEDMAT_LIST_CACHE = True
    reads = []

    def entries():
        reads.append(1)
        return SearchEntry.objects.count()

    # A row written with no signal (a bulk insert), found only once the index is rebuilt.
    IssuedDocument.objects.bulk_create([IssuedDocument(**_copy_of(world.ours.letter))])
    count = freshness.kept(("index",), entries)
    assert freshness.kept(("index",), entries) == count
    assert len(reads) == 1
    index_rebuild()
    assert freshness.kept(("index",), entries) == count + 1
    assert len(reads) == 2


def _copy_of(letter) -> dict:
    fields = {f.attname: getattr(letter, f.attname) for f in IssuedDocument._meta.concrete_fields}
    fields.pop("id")
    fields["verification_code"] = letter.verification_code[::-1]
    return fields


@pytest.mark.postgres
def test_the_rebuilt_table_keeps_the_indexes_constraints_and_ids_of_the_live_one(world):
    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry'"
            )
            return sorted(cursor.fetchall())

    before = indexes()
    index_rebuild()
    assert indexes() == before
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('search_searchentry', 'id')")
        assert cursor.fetchone()[0] == "public.search_searchentry_id_seq"
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s", [SCHEMA])
        assert cursor.fetchone()[0] == 0
    entry = SearchEntry.objects.create(source="case", object_id=10**9, title="تازه", url="/", text="تازه")
    assert entry.pk > max(SearchEntry.objects.exclude(pk=entry.pk).values_list("pk", flat=True))
    with pytest.raises(IntegrityError), transaction.atomic():
        SearchEntry.objects.create(source="case", object_id=10**9, title="دوباره", url="/", text="دوباره")


@pytest.mark.postgres
def test_a_search_during_a_rebuild_is_answered_from_the_whole_old_index(world, midway):
    everything = held()
    theirs = ("case", world.theirs.case.pk)
    # A word only the old index holds: the rebuild writes the case's words from the case again.
    SearchEntry.objects.filter(source=theirs[0], object_id=theirs[1]).update(
        text=Concat("text", Value(" پیشین"))
    )
    answers = []
    midway.append(
        lambda: answers.append(
            elsewhere(lambda: (shown(world.deputy, "چاپگر"), shown(world.deputy, "پیشین")))
        )
    )
    index_rebuild()
    # Every other source was already written into the new table: the search still read the old one, whole.
    assert answers == [({("case", world.ours.case.pk), theirs}, {theirs})]
    assert shown(world.deputy, "پیشین") == set()
    assert [row for row in held() if row[0] != "midway"] == everything


@pytest.mark.postgres
def test_the_rows_refreshed_during_a_rebuild_are_not_lost(world, midway):
    case, letter = world.ours.case, world.ours.letter

    def a_step_and_a_revocation():
        Case.objects.filter(pk=case.pk).update(title="خرابی دستگاه نمابر")
        entry_refresh(source=source("case"), object_id=case.pk)
        IssuedDocument.objects.filter(pk=letter.pk).delete()
        entry_refresh(source=source("document"), object_id=letter.pk)

    # After every case and document was read into the new table, before the swap.
    midway.append(lambda: elsewhere(a_step_and_a_revocation))
    index_rebuild()
    assert shown(world.deputy, "نمابر") == {("case", case.pk)}
    assert not SearchEntry.objects.filter(source="document", object_id=letter.pk).exists()
    assert SearchEntry.objects.get(source="case", object_id=case.pk).title == "خرابی دستگاه نمابر"


@pytest.mark.postgres
def test_a_rebuild_that_fails_leaves_the_live_index_as_it_was(world, midway):
    everything = held()

    def fails():
        raise RuntimeError("منبع خوانده نشد")

    midway.append(fails)
    with pytest.raises(RuntimeError):
        index_rebuild()
    assert held() == everything
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'search_searchentry'::regclass")
        assert cursor.fetchone()[0] == 0
    # Refreshes write the live table only, and the next rebuild runs from a clean slate.
    midway.clear()
    entry_refresh(source=source("case"), object_id=world.ours.case.pk)
    index_rebuild()
    assert [row for row in held() if row[0] != "midway"] == everything
