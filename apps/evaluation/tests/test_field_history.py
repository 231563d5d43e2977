"""An evaluation's sheet shows who changed which claim, score or setting, from what to what and when."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.digits import persian_numbers
from apps.core.field_history import recorded_as
from apps.core.jalali import format_date, today
from apps.core.models import ImportJob
from apps.core.services import import_start
from apps.core.tests.xlsx import xlsx_upload
from apps.evaluation import services
from apps.evaluation.imports import ClaimImport
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ClaimImport.columns]


def _history(client, evaluation) -> str:
    body = client.get(reverse("evaluation:evaluation_detail", args=[evaluation.pk])).content.decode()
    return body[body.index('data-testid="field-history"') :].split("</details>")[0]


def _row(history: str, text: str) -> str:
    """The one change whose heading holds `text`."""
    return history[history.rindex('data-testid="field-change"', 0, history.index(text)) :].split(
        'data-testid="field-change"'
    )[1]


def _claim(client, evaluation, code: str, claimed: str) -> None:
    score = evaluation.scores.get(index__code=code)
    client.post(
        reverse("evaluation:score_self", args=[score.pk]),
        {"claimed": claimed, "description": ""},
        HTTP_HX_REQUEST="true",
    )


def test_a_claim_changed_on_the_sheet_shows_its_index_old_and_new_score_and_who(
    client, evaluation, agency_officer
):
    client.force_login(agency_officer)
    _claim(client, evaluation, "G-01", "۴۵")
    _claim(client, evaluation, "G-01", "۵۰٫۵")
    row = _row(_history(client, evaluation), "امتیاز خودارزیابی")
    assert "دولت الکترونیک" in row  # which index of the sheet
    assert "۴۵" in row and "۵۰٫۵" in row and row.index("۴۵") < row.index("۵۰٫۵")
    assert agency_officer.get_full_name() in row


def test_the_evaluators_scores_are_hidden_from_the_agency_until_announced(
    login, evaluation, agency_officer, org_expert, evaluator, walk
):
    walk(evaluation, agency_officer, claims={"G-01": 60, "G-02": 40}, given={}, stop="self_assessment")
    perform(perform(evaluation.case, "submit", actor=agency_officer), "confirm", actor=org_expert)
    score = evaluation.scores.get(index__code="G-01")
    with recorded_as(evaluator):
        services.score_evaluate(actor=evaluator, score=score, value=45, comment="")
        # The team corrects its score while still at work on the agency.
        services.score_evaluate(actor=evaluator, score=score, value=47, comment="بازنگری")
    row = _row(_history(login(evaluator), evaluation), "امتیاز تیم ارزیاب")
    assert "۴۵" in row and "۴۷" in row and evaluator.get_full_name() in row
    agency = _history(login(agency_officer), evaluation)
    assert "امتیاز خودارزیابی" in agency
    assert "امتیاز تیم ارزیاب" not in agency and "نظر ارزیاب" not in agency and "بازنگری" not in agency


def test_the_team_and_the_reopened_deadline_show_on_the_sheet(login, evaluation, org_expert, evaluator):
    until = today() + dt.timedelta(days=5)
    with recorded_as(org_expert):
        services.evaluation_reopen(actor=org_expert, evaluation=evaluation, until=until)
    history = _history(login(org_expert), evaluation)
    row = _row(history, "مهلت بازگشایی خودارزیابی")
    assert "—" in row and format_date(until) in row and org_expert.get_full_name() in row
    team = _row(history, "تیم ارزیاب")
    # The fixture assigned the team outside any request: the desk's own move.
    assert "افزوده شد" in team and persian_numbers(evaluator.get_full_name()) in team and "سامانه" in team


def test_another_agencys_claims_never_show_and_the_queries_do_not_grow(
    client, evaluation, other_evaluation, agency_officer, other_officer
):
    client.force_login(other_officer)
    _claim(client, other_evaluation, "G-02", "۳۳٫۲۵")
    client.force_login(agency_officer)
    _claim(client, evaluation, "G-02", "۱۱٫۵")
    _history(client, evaluation)
    with CaptureQueriesContext(connection) as few:
        history = _history(client, evaluation)
    assert "۱۱٫۵" in history and "۳۳٫۲۵" not in history
    for n in range(12, 20):
        _claim(client, evaluation, "G-02", f"{n}.5")
    with CaptureQueriesContext(connection) as many:
        history = _history(client, evaluation)
    assert "۱۹٫۵" in history
    assert len(many) == len(few)


def test_claims_imported_from_a_sheet_are_recorded_under_the_uploader(client, evaluation, agency_officer):
    job = import_start(
        spec_name="evaluation_claims",
        uploaded_file=xlsx_upload([HEADERS, [1404, "G-01", "", "50", "گزارش"]]),
        user=agency_officer,
    )
    assert job.status == ImportJob.Status.DONE, (job.message, job.errors)
    client.force_login(agency_officer)
    row = _row(_history(client, evaluation), "امتیاز خودارزیابی")
    assert "۵۰" in row and agency_officer.get_full_name() in row
