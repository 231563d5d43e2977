"""The agency's self-assessment sheet: each row saved as it changes, and every claim from one .xlsx."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from apps.core.models import ImportJob
from apps.core.services import import_start
from apps.core.tests.xlsx import xlsx_upload
from apps.evaluation.imports import ClaimImport
from apps.evaluation.models import ScoreEntry

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ClaimImport.columns]


def test_the_sheet_saves_a_row_when_it_changes(client, evaluation, agency_officer):
    client.force_login(agency_officer)
    page = client.get(reverse("evaluation:evaluation_detail", args=[evaluation.pk])).content.decode()
    score = evaluation.scores.get(index__code="G-01")
    url = reverse("evaluation:score_self", args=[score.pk])
    assert f'hx-post="{url}"' in page and 'hx-trigger="change"' in page
    assert "evaluation_claims" in page  # the link to the claims' upload

    answer = client.post(url, {"claimed": "۴۵", "description": "گزارش سالانه"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert "ذخیره شد" in answer.content.decode()
    score.refresh_from_db()
    assert (score.self_score, score.description) == (D(45), "گزارش سالانه")

    # The row comes back filled, so changing its description alone keeps the claim.
    page = client.get(reverse("evaluation:evaluation_detail", args=[evaluation.pk])).content.decode()
    assert 'value="45' in page and 'value="گزارش سالانه"' in page


def test_a_refused_row_says_why_in_persian_and_keeps_what_was_saved(client, evaluation, agency_officer):
    client.force_login(agency_officer)
    score = evaluation.scores.get(index__code="G-01")
    url = reverse("evaluation:score_self", args=[score.pk])
    client.post(url, {"claimed": "30", "description": ""}, HTTP_HX_REQUEST="true")
    answer = client.post(url, {"claimed": "61", "description": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "حداکثر امتیاز" in answer and "ذخیره شد" not in answer
    score.refresh_from_db()
    assert score.self_score == D(30)


def test_claims_for_every_index_come_from_one_sheet(evaluation, agency_officer):
    job = import_start(
        spec_name="evaluation_claims",
        uploaded_file=xlsx_upload([HEADERS, [1404, "G-01", "", "50", "گزارش"], [1404, "G-02", "20", "", ""]]),
        user=agency_officer,
    )
    assert job.status == ImportJob.Status.DONE, (job.message, job.errors)
    scores = {s.index.code: s for s in evaluation.scores.select_related("index")}
    assert (scores["G-01"].self_score, scores["G-01"].description) == (D(50), "گزارش")
    assert (scores["G-02"].actual, scores["G-02"].self_score) == (D(20), D(20))
    assert ScoreEntry.objects.filter(stage=ScoreEntry.Stage.SELF).count() == 2


def test_a_bad_row_refuses_the_whole_sheet_with_a_persian_error_per_row(evaluation, agency_officer):
    job = import_start(
        spec_name="evaluation_claims",
        uploaded_file=xlsx_upload(
            [
                HEADERS,
                [1404, "G-01", "", "50", ""],
                [1404, "G-01", "", "40", ""],
                [1404, "G-02", "", "", ""],
                [1404, "X-99", "", "10", ""],
                [1404, "G-01", "", "61", ""],
            ]
        ),
        user=agency_officer,
    )
    assert job.status == ImportJob.Status.FAILED
    messages = {e["row_number"]: e["message"] for e in job.errors}
    assert "عملکرد واقعی یا امتیاز ادعایی" in messages[4]
    assert "ارزیابی نمی‌شود" in messages[5]
    assert any(r in messages for r in (3, 6))  # the repeated index
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in m) for m in messages.values())
    assert not evaluation.scores.exclude(self_score=None).exists()
    assert not ScoreEntry.objects.exists()


def test_another_agencys_officer_cannot_claim_for_this_one(evaluation, other_evaluation, other_officer):
    job = import_start(
        spec_name="evaluation_claims",
        uploaded_file=xlsx_upload([HEADERS, [1404, "G-01", "", "50", ""]]),
        user=other_officer,
    )
    assert job.status == ImportJob.Status.DONE
    assert not evaluation.scores.exclude(self_score=None).exists()
    assert other_evaluation.scores.get(index__code="G-01").self_score == D(50)
