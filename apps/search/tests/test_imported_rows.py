"""Rows a spreadsheet import writes in bulk (the learners' form, the exam results, the managers' database) are
found by the search box as soon as the import commits, without `search_reindex`; a refused import leaves
nothing to find."""

# The recruitment and training fixtures are imported: a test's argument of the same name is no redefinition.
# ruff: noqa: F811

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.digits import to_persian_digits
from apps.core.models import ImportJob
from apps.core.national_id import national_id_with_checksum
from apps.core.services import import_start
from apps.core.tests.xlsx import xlsx_upload
from apps.managers.imports import ManagerProfileImport
from apps.managers.models import ManagerProfile
from apps.recruitment.imports import ResultsImport
from apps.recruitment.models import Candidate
from apps.recruitment.services import rounds
from apps.recruitment.tests.conftest import (  # noqa: F401  (a round announced, its agency's HR)
    announced_round,
    hr,
    new_round,
)
from apps.recruitment.tests.conftest import national_id as candidate_national_id
from apps.search.models import SearchEntry
from apps.search.selectors import query_parse, search_for_user
from apps.training.models import Learner
from apps.training.tests.conftest import (  # noqa: F401  (a calendar course and its training group)
    course,
    file_request,
    training_expert,
    training_unit,
)

pytestmark = pytest.mark.django_db

RESULT_HEADERS = [c.header for c in ResultsImport.columns]
PROFILE_HEADERS = [c.header for c in ManagerProfileImport.columns]


def _found(user, text: str) -> set[tuple[str, int]]:
    return {(e.source, e.object_id) for e in search_for_user(user=user, query=query_parse(text)).entries}


def _findable(user, source: str, row) -> None:
    """`row` is found by `user` by its name and by its national ID (as a person types it, in Persian digits)."""
    assert (source, row.pk) in _found(user, row.full_name if source != "candidate" else row.last_name)
    assert (source, row.pk) in _found(user, to_persian_digits(row.national_id))


def test_the_learners_of_a_filed_form_are_found_by_the_training_group(
    file_request, agency_officer, training_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = file_request(agency_officer, start=0, count=3)

    learners = Learner.objects.filter(request__case=case)
    assert learners.count() == 3
    for learner in learners:
        _findable(training_expert, "learner", learner)


def _reported(round_, org_expert):
    rounds.exam_report_file(actor=org_expert, venue=round_.venues.get(), present=40, absent=0)
    rounds.round_reports_send(actor=org_expert, round_=round_)
    return round_


def _results(count: int) -> list[list]:
    # The agency's job-location J1, the other agency's K1, by turns.
    return [
        [candidate_national_id(n), "داوطلب", f"نادری{n}", "J1" if n % 2 else "K1", 70, "آزاد"]
        for n in range(count)
    ]


def _import_results(round_, user, rows):
    return import_start(
        spec_name=ResultsImport.name,
        uploaded_file=xlsx_upload([RESULT_HEADERS, *rows]),
        user=user,
        context={"round_id": round_.pk},
    )


def test_the_accepted_candidates_of_an_exam_results_import_are_found_by_their_agency(
    announced_round, org_expert, national_officer, hr, django_capture_on_commit_callbacks
):
    round_ = _reported(announced_round, org_expert)
    with django_capture_on_commit_callbacks(execute=True):
        job = _import_results(round_, national_officer, _results(30))
    assert job.status == ImportJob.Status.DONE, job.errors[:3]

    ours = Candidate.objects.get(national_id=candidate_national_id(1))
    _findable(hr, "candidate", ours)
    # The other agency's candidate is indexed too, and not the HR's to find.
    theirs = Candidate.objects.get(national_id=candidate_national_id(2))
    assert SearchEntry.objects.filter(source="candidate", object_id=theirs.pk).exists()
    assert ("candidate", theirs.pk) not in _found(hr, to_persian_digits(theirs.national_id))


def test_a_refused_results_file_indexes_nothing_and_the_corrected_one_is_found(
    announced_round, org_expert, national_officer, hr, django_capture_on_commit_callbacks
):
    round_ = _reported(announced_round, org_expert)
    rows = _results(30)
    rows[-1][4] = 140  # the last row's score: the 29 before it are already written when it is read
    with django_capture_on_commit_callbacks(execute=True):
        refused = _import_results(round_, national_officer, rows)
    assert refused.status == ImportJob.Status.FAILED
    assert not SearchEntry.objects.filter(source="candidate").exists()
    assert _found(hr, "نادری1") == set()

    rows[-1][4] = 80
    with django_capture_on_commit_callbacks(execute=True):
        done = _import_results(round_, national_officer, rows)
    assert done.status == ImportJob.Status.DONE, done.errors[:3]
    _findable(hr, "candidate", Candidate.objects.get(national_id=candidate_national_id(1)))


def _profiles(count: int, first: int = 0) -> list[list]:
    return [
        [
            f"مدیر آزمایشی{n}",
            "علی",
            national_id_with_checksum(f"{123_000_000 + n:09d}"),
            "کارشناسی ارشد",
            "حسابداری",
            "72",
            "12",
            "امور مالی",
            "09121234567",
            "خیر",
        ]
        for n in range(first, first + count)
    ]


def _import_profiles(client, rows):
    upload = xlsx_upload([PROFILE_HEADERS, *rows])
    return client.post(reverse("core:import_upload", args=[ManagerProfileImport.name]), {"file": upload})


def test_an_imported_managers_profile_is_found_by_its_agency(login, hr, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _import_profiles(login(hr), _profiles(3))
    assert response.status_code == 302

    assert ManagerProfile.objects.count() == 3
    for profile in ManagerProfile.objects.all():
        _findable(hr, "manager", profile)


def test_indexing_an_import_again_leaves_one_row_each(login, hr, django_capture_on_commit_callbacks):
    # A task handed out twice (a worker lost after it wrote, before it acknowledged) runs twice.
    with django_capture_on_commit_callbacks() as callbacks:
        _import_profiles(login(hr), _profiles(3))
    for _ in range(2):
        for callback in callbacks:
            callback()

    profiles = dict(ManagerProfile.objects.values_list("pk", "full_name"))
    entries = SearchEntry.objects.filter(source="manager").values_list("object_id", "title")
    assert sorted(entries) == sorted(profiles.items())


def test_the_statements_that_index_an_import_do_not_grow_with_its_rows(
    file_request, agency_officer, training_expert, django_capture_on_commit_callbacks
):
    def indexed(start: int, count: int) -> int:
        with django_capture_on_commit_callbacks() as callbacks:
            file_request(agency_officer, start=start, count=count)
        with CaptureQueriesContext(connection) as queries:
            for callback in callbacks:
                callback()
        return len(queries)

    indexed(0, 1)  # the first request of all reads what the others find kept (its people, its workflow)
    assert indexed(10, 3) == indexed(20, 30)
    learners = set(Learner.objects.values_list("pk", flat=True))
    assert len(learners) == 34
    assert set(SearchEntry.objects.filter(source="learner").values_list("object_id", flat=True)) == learners
