"""Spreadsheet imports of service D: all or nothing, a Persian error per row."""

import pytest

from apps.core.services import import_start
from apps.core.tests.xlsx import xlsx_upload
from apps.evaluation.imports import HeadquartersScoreImport, IndexImport
from apps.evaluation.models import Index, ScoreEntry

pytestmark = pytest.mark.django_db

INDEX_HEADERS = [c.header for c in IndexImport.columns]
HQ_HEADERS = [c.header for c in HeadquartersScoreImport.columns]


def index_row(code, *, ceiling="50", agencies=""):
    return [
        1404,
        code,
        f"شاخص {code}",
        "اختصاصی",
        "محور",
        ceiling,
        "1",
        "افزایش مطلوب است",
        "",
        "",
        "خیر",
        agencies,
    ]


def test_indices_are_imported_with_the_agencies_they_apply_to(org_expert, cycle, agency):
    job = import_start(
        spec_name="evaluation_indices",
        uploaded_file=xlsx_upload(
            [INDEX_HEADERS, index_row("S-01", agencies=agency.code), index_row("S-02")]
        ),
        user=org_expert,
    )
    assert job.imported == 2, job.errors
    assert list(Index.objects.get(code="S-01").agencies.all()) == [agency]
    assert Index.objects.get(code="S-02", kind="specific").agencies.count() == 0


def test_one_bad_row_refuses_the_whole_file(org_expert, cycle):
    job = import_start(
        spec_name="evaluation_indices",
        uploaded_file=xlsx_upload(
            [INDEX_HEADERS, index_row("S-01"), index_row("G-01"), index_row("S-03", ceiling="0")]
        ),
        user=org_expert,
    )
    messages = [e["message"] for e in job.errors]
    assert job.imported == 0 and Index.objects.count() == 2
    assert "شاخصی با این کد در این دوره هست." in messages
    assert "حداکثر امتیاز و وزن باید بیشتر از صفر باشد." in messages


def test_an_agency_cannot_import_indices(agency_officer, cycle):
    from apps.core.errors import ServiceError

    with pytest.raises(ServiceError):
        import_start(
            spec_name="evaluation_indices", uploaded_file=xlsx_upload([INDEX_HEADERS]), user=agency_officer
        )


def test_headquarters_scores_are_imported_into_the_history(org_expert, evaluation, agency):
    job = import_start(
        spec_name="evaluation_hq_scores",
        uploaded_file=xlsx_upload(
            [HQ_HEADERS, [1404, agency.code, "G-01", "۵۰"], [1404, agency.code, "G-02", 30]]
        ),
        user=org_expert,
    )
    assert job.imported == 2, job.errors
    evaluation.refresh_from_db()
    assert evaluation.hq_system
    score = evaluation.scores.get(index__code="G-01")
    assert score.hq_score == 50 and score.history.get().stage == ScoreEntry.Stage.HQ


def test_a_headquarters_score_above_the_ceiling_is_refused(org_expert, evaluation, agency):
    job = import_start(
        spec_name="evaluation_hq_scores",
        uploaded_file=xlsx_upload([HQ_HEADERS, [1404, agency.code, "G-01", 61], [1404, "999", "G-01", 1]]),
        user=org_expert,
    )
    assert job.imported == 0 and job.error_count == 2
    assert not evaluation.scores.filter(hq_score__isnull=False).exists()


def test_a_number_with_more_decimals_than_kept_is_refused_on_its_row(org_expert, evaluation, agency):
    job = import_start(
        spec_name="evaluation_hq_scores",
        uploaded_file=xlsx_upload(
            [HQ_HEADERS, [1404, agency.code, "G-01", 40], [1404, agency.code, "G-02", "30.125"]]
        ),
        user=org_expert,
    )
    assert job.imported == 0 and [e["row_number"] for e in job.errors] == [3]
    assert job.errors[0]["message"].startswith("«امتیاز»:")
    assert not evaluation.scores.filter(hq_score__isnull=False).exists()
