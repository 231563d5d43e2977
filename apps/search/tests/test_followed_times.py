"""A row whose time is its case's (a hire file, a learner, a round's candidates) is dated by the case's last
step as soon as the step commits, not when the row itself is next saved: it comes first among the results."""

# The recruitment and training fixtures are imported: a test's argument of the same name is no redefinition.
# ruff: noqa: F811

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.jalali import today
from apps.recruitment.models import Candidate, Hire
from apps.recruitment.services import rounds
from apps.recruitment.tests.conftest import (  # noqa: F401  (a round walked to the step a test needs)
    announced_round,
    hr,
    interview_panel,
    interviewed_round,
    new_round,
    register,
    registration_round,
    results_round,
    roster_person,
    supervisor_user,
)
from apps.search.models import SearchEntry
from apps.search.selectors import query_parse, search_for_user
from apps.search.services import index_rebuild
from apps.training.models import Learner
from apps.training.tests.conftest import (  # noqa: F401  (a calendar course and its training group)
    course,
    file_request,
    training_expert,
    training_unit,
)
from apps.workflow.models import Case
from apps.workflow.services import case_open, perform

pytestmark = pytest.mark.django_db


def _shown(user, text: str) -> list[tuple[str, int]]:
    return [(e.source, e.object_id) for e in search_for_user(user=user, query=query_parse(text)).entries]


def _dated(source: str, ids) -> dict[int, dt.datetime]:
    return dict(
        SearchEntry.objects.filter(source=source, object_id__in=ids).values_list("object_id", "updated_at")
    )


def _stepped_days_ago(case_id: int, days: int) -> None:
    Case.objects.filter(pk=case_id).update(step_started_at=timezone.now() - dt.timedelta(days=days))


def test_a_step_on_a_hire_files_case_dates_the_file_and_brings_it_first(
    registration_round, register, hr, org_expert, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        older, newer = register(hr, registration_round, 0), register(hr, registration_round, 1)
    # Their last steps days ago, the older file's the oldest; the index is written afresh as they stand.
    _stepped_days_ago(older.pk, 2)
    _stepped_days_ago(newer.pk, 1)
    index_rebuild()
    hire = Hire.objects.get(case=older)
    assert _shown(hr, "داوطلب").index(("hire", hire.pk)) > _shown(hr, "داوطلب").index(("hire", newer.hire.pk))

    with django_capture_on_commit_callbacks(execute=True):
        perform(older, "forward", actor=org_expert)

    older.refresh_from_db()
    assert _dated("hire", [hire.pk]) == {hire.pk: older.step_started_at}
    assert _shown(hr, "داوطلب")[0] == ("hire", hire.pk)


def test_a_step_on_a_training_requests_case_dates_its_learners_and_brings_them_first(
    file_request, agency_officer, training_expert, django_capture_on_commit_callbacks
):
    older = file_request(agency_officer, start=0, count=2)
    newer = file_request(agency_officer, start=10, count=2)
    _stepped_days_ago(older.pk, 2)
    _stepped_days_ago(newer.pk, 1)
    # The learners' form is written in bulk, which sends no signal: indexed as `search_reindex` does.
    index_rebuild()
    ours = set(Learner.objects.filter(request__case=older).values_list("pk", flat=True))
    assert {pk for _, pk in _shown(training_expert, "فراگیر")[:2]} != ours

    with django_capture_on_commit_callbacks(execute=True):
        perform(older, "approve", actor=training_expert)

    older.refresh_from_db()
    assert _dated("learner", ours) == dict.fromkeys(ours, older.step_started_at)
    assert set(_shown(training_expert, "فراگیر")[:2]) == {("learner", pk) for pk in ours}


def test_a_rounds_step_dates_all_its_candidates_in_one_statement(
    results_round, org_expert, roster_person, django_capture_on_commit_callbacks
):
    candidates = set(Candidate.objects.filter(round=results_round).values_list("pk", flat=True))
    assert len(candidates) > 10
    _stepped_days_ago(results_round.case_id, 3)
    index_rebuild()

    with django_capture_on_commit_callbacks() as callbacks:
        rounds.panel_create(
            actor=org_expert,
            round_=results_round,
            title="هیئت یک",
            date=today(),
            place="سالن اجتماعات سازمان",
            supervisor=roster_person,
        )
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()

    case = Case.objects.get(pk=results_round.case_id)
    assert _dated("candidate", candidates) == dict.fromkeys(candidates, case.step_started_at)
    # However many candidates the round holds (150,000 at a province), their rows are read and dated by one
    # statement, not one each.
    assert [q["sql"].split()[0] for q in queries if "recruitment_candidate" in q["sql"]] == ["UPDATE"]


def test_a_step_on_a_case_of_another_process_asks_nothing_of_the_rows_read_through_cases(
    agency, agency_officer, org_expert, django_capture_on_commit_callbacks
):
    case = case_open(process_name="support.fault", owner=agency, actor=agency_officer, title="خرابی چاپگر")
    with django_capture_on_commit_callbacks() as callbacks:
        perform(case, "escalate", actor=org_expert)
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    followers = ("recruitment_hire", "recruitment_candidate", "training_learner")
    assert [q["sql"] for q in queries if any(table in q["sql"] for table in followers)] == []
