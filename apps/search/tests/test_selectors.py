"""What the search box finds: each source by its fields however they are typed, and never a row the permission
model hides from the person asking."""

import datetime as dt

import pytest
from django.utils import timezone

from apps.accounts.permissions import visible
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.digits import ARABIC_DIGITS, LATIN_DIGITS, to_persian_digits
from apps.documents.tests.factories import IssuedDocumentFactory
from apps.search.models import SearchEntry
from apps.search.registry import source, sources
from apps.search.selectors import TOO_SHORT, query_parse, search_for_user
from apps.search.services import entry_refresh, index_rebuild
from apps.workflow.services import case_open

pytestmark = pytest.mark.django_db

TO_ARABIC = str.maketrans(LATIN_DIGITS, ARABIC_DIGITS)


def found(user, text) -> set[tuple[str, int]]:
    return {(e.source, e.object_id) for e in search_for_user(user=user, query=query_parse(text)).entries}


def key(source: str, obj) -> tuple[str, int]:
    return (source, obj.pk)


# Each source by each of its fields, typed as people type: Persian letters for stored Arabic ones and back,
# a space for a non-joiner, diacritics, Persian and Arabic-Indic digits, the start of a word or a code.
FIELD_QUERIES = [
    ("case", "case", lambda w: to_persian_digits(w.ours.case.tracking_code)),
    ("case", "case", lambda w: w.ours.case.tracking_code[:6].translate(TO_ARABIC)),
    ("case", "case", lambda w: "چاپگر مالی"),
    ("case", "case", lambda w: "چاپ مال"),
    ("learner", "learner", lambda w: "علی کریمی"),
    ("learner", "learner", lambda w: "عَلِی كريم"),
    ("learner", "learner", lambda w: to_persian_digits(w.ours.learner.national_id)),
    ("manager", "profile", lambda w: "رضایی نژاد"),
    ("manager", "profile", lambda w: "زهرا رضايي\u200cنژاد"),
    ("manager", "profile", lambda w: w.ours.profile.national_id.translate(TO_ARABIC)),
    ("document", "letter", lambda w: w.ours.letter.verification_code.lower()),
    ("document", "letter", lambda w: to_persian_digits(w.ours.letter.verification_code)),
    ("course", "course", lambda w: "مهارت های ارتباطی"),
    ("course", "course", lambda w: "محیط کار"),
]


@pytest.mark.parametrize(("source", "row", "typed"), FIELD_QUERIES)
def test_it_finds_each_source_by_its_fields_however_they_are_typed(world, source, row, typed):
    obj = world.course if row == "course" else getattr(world.ours, row)
    assert key(source, obj) in found(world.deputy, typed(world))


def test_the_agency_officer_finds_their_agency_case_and_not_the_other_agency_one(world):
    results = found(world.ours.officer, "چاپگر")
    assert key("case", world.ours.case) in results
    assert key("case", world.theirs.case) not in results
    assert key("case", world.ours.case) not in found(world.theirs.officer, world.ours.case.tracking_code)


def test_the_province_finds_both_agencies_cases(world):
    results = found(world.deputy, "چاپگر")
    assert {key("case", world.ours.case), key("case", world.theirs.case)} <= results


def test_an_employee_finds_their_own_case_and_record_but_no_colleague_profile_or_other_agency(world):
    employee = world.ours.employee
    assert key("case", world.ours.case) in found(employee, "چاپگر")
    assert key("learner", world.ours.learner) in found(employee, "علی")
    # The learner row of the other agency shares a first name; it is not the employee's record.
    assert key("learner", world.theirs.learner) not in found(employee, "علی")
    # An employee sees no manager's profile, nor another agency's letter by its code.
    assert not {s for s, _ in found(employee, "زهرا")} & {"manager"}
    assert found(employee, world.theirs.letter.verification_code) == set()


def test_another_agency_never_finds_our_learner_or_letter_by_its_exact_code(world):
    officer = world.theirs.officer
    assert found(officer, world.ours.learner.national_id) == set()
    assert found(officer, world.ours.letter.verification_code) == set()
    assert key("manager", world.ours.profile) not in found(world.theirs.head, world.ours.profile.national_id)


QUERIES = ["چاپگر", "علی", "زهرا", "نامه", "مهارت", "درخواست", "1", "2", "5"]


def test_it_never_returns_a_row_the_permission_model_hides_from_anyone(world):
    """Whoever asks, every result is a row that person's `visible()` lets through for its source."""
    people = [world.deputy]
    for side in (world.ours, world.theirs):
        people += [side.officer, side.employee, side.head]
    for person in people:
        allowed = {
            (source.name, pk)
            for source in sources()
            for pk in visible(source.queryset(), person, kind_name=source.kind or None).values_list(
                "pk", flat=True
            )
        }
        for text in QUERIES:
            assert found(person, text) <= allowed, (person.roles, text)


@pytest.mark.parametrize("typed", ["", "   ", "ا", "۱", "؟!", "\u200c", "ـ"])
def test_an_empty_or_one_letter_query_gets_a_persian_hint_and_no_results(world, typed):
    query = query_parse(typed)
    assert query.hint == TOO_SHORT
    assert search_for_user(user=world.deputy, query=query).entries == []


def test_the_index_follows_a_change_and_a_deletion_once_committed(world, django_capture_on_commit_callbacks):
    profile = world.ours.profile
    with django_capture_on_commit_callbacks(execute=True):
        profile.full_name = "فرشته کاظمی"
        profile.save()
    assert key("manager", profile) in found(world.ours.head, "کاظمی")
    assert key("manager", profile) not in found(world.ours.head, "زهرا")
    with django_capture_on_commit_callbacks(execute=True):
        profile.delete()
    assert not SearchEntry.objects.filter(source="manager", object_id=profile.pk).exists()


def test_an_uncommitted_change_leaves_the_index_as_it_was(world, django_capture_on_commit_callbacks):
    profile = world.ours.profile
    with django_capture_on_commit_callbacks(execute=False):
        profile.full_name = "فرشته کاظمی"
        profile.save()
    assert key("manager", profile) not in found(world.ours.head, "کاظمی")


def test_rebuilding_the_index_writes_what_following_the_changes_wrote(world):
    """Its times too: each row's own, however and whenever it is indexed."""
    fields = (
        "source",
        "object_id",
        "title",
        "detail",
        "url",
        "text",
        "agency_id",
        "province_id",
        "updated_at",
    )
    kept = set(SearchEntry.objects.values_list(*fields))
    counts = index_rebuild()
    assert set(SearchEntry.objects.values_list(*fields)) == kept
    assert counts["case"] == 4 and counts["learner"] == 2 and counts["course"] == 1


@pytest.mark.parametrize("limit", ["MAX_RESULTS", "MAX_MATCHES"])
def test_a_query_matching_more_than_it_shows_says_so(world, monkeypatch, limit):
    from apps.search import selectors

    monkeypatch.setattr(selectors, limit, 1)
    results = search_for_user(user=world.deputy, query=query_parse("چاپگر"))
    assert results.truncated and results.notice
    assert len(results.entries) == 1
    assert not search_for_user(user=world.deputy, query=query_parse("چاپگر مالی")).truncated


def _dated(source: str, obj, minutes: int) -> None:
    SearchEntry.objects.filter(source=source, object_id=obj.pk).update(
        updated_at=timezone.now() + dt.timedelta(minutes=minutes)
    )


def test_the_newest_visible_rows_are_shown_newest_first(world, monkeypatch):
    from apps.search import selectors

    third = case_open(
        process_name="support.fault",
        owner=world.ours.case.owner,
        actor=world.ours.employee,
        title="چاپگر سوم",
    )
    index_rebuild(only=["case"])
    # Newest first, in an order that is neither the rows' nor the index's.
    cases = [world.ours.case, third, world.theirs.case]
    for minutes, case in zip((90, 60, 30), cases, strict=True):
        _dated("case", case, minutes)
    entries = search_for_user(user=world.deputy, query=query_parse("چاپگر")).entries
    assert [(e.source, e.object_id) for e in entries if e.source == "case"] == [key("case", c) for c in cases]
    monkeypatch.setattr(selectors, "MAX_RESULTS", 1)
    results = search_for_user(user=world.deputy, query=query_parse("چاپگر"))
    assert [(e.source, e.object_id) for e in results.entries] == [key("case", world.ours.case)]
    assert results.truncated


def test_the_results_limit_counts_only_the_rows_the_person_may_see(world, monkeypatch):
    """The permission test runs before the limit: the other agency's newer case takes no place in ours."""
    from apps.search import selectors

    _dated("case", world.theirs.case, 60)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 1)
    results = search_for_user(user=world.ours.officer, query=query_parse("چاپگر"))
    assert [(e.source, e.object_id) for e in results.entries] == [key("case", world.ours.case)]
    assert not results.truncated


def test_a_query_matching_too_much_says_so_even_when_nothing_of_it_is_visible(world, monkeypatch):
    from apps.search import selectors

    monkeypatch.setattr(selectors, "MAX_MATCHES", 1)
    # Both cases matching «مالی» are ours: the other agency's officer sees cases, none of these.
    with_their_eyes = search_for_user(user=world.theirs.officer, query=query_parse("مالی"))
    assert with_their_eyes.entries == [] and not with_their_eyes.truncated
    case_open(
        process_name="support.fault", owner=world.ours.case.owner, actor=world.ours.employee, title="مالی"
    )
    index_rebuild(only=["case"])
    # The match keeps to the officer's agency, and to rows with no place: as if indexed before they had one.
    SearchEntry.objects.filter(source="case").update(agency_id=None, province_id=None)
    with_their_eyes = search_for_user(user=world.theirs.officer, query=query_parse("مالی"))
    assert with_their_eyes.entries == [] and with_their_eyes.truncated


def test_the_search_is_one_query_whatever_the_sources(world, django_assert_num_queries):
    person = world.deputy
    search_for_user(user=person, query=query_parse("علی"))  # their substitutions, read once per request
    with django_assert_num_queries(1):
        assert search_for_user(user=person, query=query_parse("علی")).entries


def _everywhere(user, names, using):
    """The match unnarrowed: every matching row of the sources the person sees some rows of."""
    from apps.search.selectors import _Part, _Places

    whole = [_Part("source = %s", [name]) for name in names]
    return _Places(whole, whole)


def test_an_agency_officer_finds_their_case_behind_more_newer_matches_of_another_agency(world, monkeypatch):
    """The match keeps to the officer's agency before its limit: without it, the other agency's newer cases,
    first in the index too, would fill every place looked at and the officer would find nothing."""
    from apps.search import selectors

    theirs = [
        case_open(
            process_name="support.fault",
            owner=world.theirs.case.owner,
            actor=world.theirs.employee,
            title="چاپگر",
        )
        for _ in range(4)
    ]
    index_rebuild(only=["case"])
    for minutes, case in enumerate([world.theirs.case, *theirs], start=1):
        _dated("case", case, minutes)
    # Our case's index row written last, so it is last in the index's own order as well as the oldest.
    SearchEntry.objects.filter(source="case", object_id=world.ours.case.pk).delete()
    entry_refresh(source=source("case"), object_id=world.ours.case.pk)
    monkeypatch.setattr(selectors, "MAX_MATCHES", 3)
    results = found(world.ours.officer, "چاپگر")
    assert key("case", world.ours.case) in results
    assert {s for s, _ in results} == {"case"} and not results & {key("case", c) for c in theirs}
    # Unnarrowed, the same limit looks at the other agency's cases alone.
    monkeypatch.setattr(selectors, "_places", _everywhere)
    assert key("case", world.ours.case) not in found(world.ours.officer, "چاپگر")


def _people(world, national_officer):
    # Without a national ID, an employee's own rows are none (`no_rows()`): their narrowing keeps no ids.
    nameless = UserFactory(organization=world.ours.officer.organization, roles=[Role.LEARNER], national_id="")
    people = {
        "deputy": world.deputy,
        "national_officer": national_officer,
        "employee without an ID": nameless,
    }
    for side in ("ours", "theirs"):
        for role in ("officer", "employee", "head"):
            people[f"{side} {role}"] = getattr(getattr(world, side), role)
    return people


@pytest.mark.parametrize("placeless", [False, True], ids=["placed", "indexed-before-places"])
def test_the_narrowed_match_finds_everything_the_unnarrowed_one_does(
    world, national_officer, monkeypatch, placeless
):
    """Below the limits the narrowing loses no visible row, whoever asks: their agency's, their province's,
    their own (an employee's case), and rows with no place (as rows indexed before they had one are)."""
    from apps.search import selectors

    # The national body's book: its agency is the national body, it is in no province.
    national_book = IssuedDocumentFactory(
        owner=national_officer.organization, kind="evaluation_book", title="کتاب چاپگر ملی"
    )
    index_rebuild()
    if placeless:
        SearchEntry.objects.update(agency_id=None, province_id=None)
    people = _people(world, national_officer)
    narrowed = {(who, text): found(person, text) for who, person in people.items() for text in QUERIES}
    assert key("document", national_book) in narrowed[("national_officer", "چاپگر")]
    assert key("case", world.ours.case) in narrowed[("ours employee", "چاپگر")]
    monkeypatch.setattr(selectors, "_places", _everywhere)
    for (who, text), rows in narrowed.items():
        assert rows == found(people[who], text), (who, text)


def _indexed_case(side, title: str):
    """A new case of `side`'s agency, indexed now: the newest row of the index, and the last in its own order."""
    case = case_open(process_name="support.fault", owner=side.case.owner, actor=side.employee, title=title)
    entry_refresh(source=source("case"), object_id=case.pk)
    return case


def _shown(results) -> list[tuple[str, int]]:
    return [(e.source, e.object_id) for e in results.entries]


def test_the_newest_visible_matches_are_shown_though_they_are_last_in_the_index(world, monkeypatch):
    """More matches than MAX_MATCHES: the first of them in the index's own order are the oldest, yet the
    newest are the ones shown, newest first."""
    from apps.search import selectors

    newer = [_indexed_case(world.ours, "چاپگر") for _ in range(4)]
    monkeypatch.setattr(selectors, "MAX_MATCHES", 2)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    results = search_for_user(user=world.deputy, query=query_parse("چاپگر"))
    assert _shown(results) == [key("case", newer[3]), key("case", newer[2])]
    assert results.truncated


def test_a_walk_holding_too_few_visible_matches_still_finds_the_older_ones(world, monkeypatch):
    """The newest rows hold one match our officer may see (the other agency's are not theirs): not enough,
    so the older matches are looked for too, and our older case is found behind the window."""
    from apps.search import selectors

    ours = _indexed_case(world.ours, "چاپگر")
    for _ in range(2):
        _indexed_case(world.theirs, "چاپگر")
    monkeypatch.setattr(selectors, "WALK", 3)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    results = search_for_user(user=world.ours.officer, query=query_parse("چاپگر"))
    assert _shown(results) == [key("case", ours), key("case", world.ours.case)]
    assert not results.truncated


def test_the_walk_never_shows_another_agency_row(world, monkeypatch):
    """The other agency's cases are the newest and, placeless (as rows indexed before they had a place), kept
    by the narrowing: the permission model alone keeps them from our officer."""
    from apps.search import selectors

    ours = [_indexed_case(world.ours, "چاپگر") for _ in range(2)]
    for _ in range(3):
        _indexed_case(world.theirs, "چاپگر")
    SearchEntry.objects.filter(source="case").update(agency_id=None, province_id=None)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    results = search_for_user(user=world.ours.officer, query=query_parse("چاپگر"))
    assert _shown(results) == [key("case", ours[1]), key("case", ours[0])]
    assert results.truncated


def test_the_walk_looks_at_the_newest_rows_of_the_persons_places_not_of_the_whole_index(world, monkeypatch):
    """The other agency's newer cases fill the whole index's newest rows; the walk reads our officer's agency's
    newest instead, finds enough there and shows our two newest. Looking at the whole index's window, it found
    none of ours, and the older path, allowed one match, showed one case, not the newest."""
    from apps.search import selectors

    ours = [_indexed_case(world.ours, "چاپگر") for _ in range(3)]
    for _ in range(3):
        _indexed_case(world.theirs, "چاپگر")
    monkeypatch.setattr(selectors, "WALK", 3)
    monkeypatch.setattr(selectors, "MAX_MATCHES", 1)
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    results = search_for_user(user=world.ours.officer, query=query_parse("چاپگر"))
    assert _shown(results) == [key("case", ours[2]), key("case", ours[1])]
    assert results.truncated


@pytest.mark.parametrize("limit", [1, 2])
def test_the_walk_shows_what_looking_at_every_match_shows_whoever_asks(
    world, national_officer, monkeypatch, limit
):
    """Below MAX_MATCHES the older path looks at every match, so it too shows the newest visible ones; with no
    window (WALK 0) it alone runs."""
    from apps.search import selectors

    SearchEntry.objects.update(agency_id=None, province_id=None)
    monkeypatch.setattr(selectors, "MAX_RESULTS", limit)
    people = _people(world, national_officer)
    walked = {
        (who, text): search_for_user(user=person, query=query_parse(text))
        for who, person in people.items()
        for text in QUERIES
    }
    monkeypatch.setattr(selectors, "WALK", 0)
    for (who, text), results in walked.items():
        assert results == search_for_user(user=people[who], query=query_parse(text)), (who, text)


def test_the_index_rows_carry_their_agency_and_province(world):
    index_rebuild()
    places = {(e.source, e.object_id): (e.agency_id, e.province_id) for e in SearchEntry.objects.all()}
    agency, province = world.ours.case.owner, world.ours.case.owner.province_id
    assert places[key("case", world.ours.case)] == (agency.pk, world.ours.case.province_id)
    assert places[key("learner", world.ours.learner)] == (agency.pk, province)
    assert places[key("manager", world.ours.profile)] == (agency.pk, province)
    assert places[key("document", world.ours.letter)] == (agency.pk, province)
    assert places[key("course", world.course)] == (None, world.course.province_id)


def test_the_full_text_index_survives_the_migrations(db):
    """0003 adds columns, 0004 an index, 0005 changes Django's state alone and 0006 adds and drops indexes; on
    SQLite a table rebuild would have dropped 0002's triggers."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_searchentry'"
            )
            expected = {"search_entry_fts_insert", "search_entry_fts_delete", "search_entry_fts_update"}
        else:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'search_searchentry' AND column_name IN ('vector', 'agency_id', 'province_id')"
            )
            expected = {"vector", "agency_id", "province_id"}
        assert {row[0] for row in cursor.fetchall()} == expected
