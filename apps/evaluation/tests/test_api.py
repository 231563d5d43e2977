"""Service D's API: the same services and permissions as the pages, refusals as {"detail": ...}."""

import datetime as dt

import pytest

from apps.core.jalali import today
from apps.evaluation import services
from apps.evaluation.models import Cycle, Index
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db


def test_indices_are_listed_and_added_by_staff_only(login, org_expert, agency_officer, cycle):
    client = login(org_expert)
    listed = client.get(f"/api/evaluation/cycles/{cycle.pk}/indices").json()
    assert [i["code"] for i in listed["items"]] == ["G-01", "G-02"]
    payload = {"code": "D-01", "title": "توسعه‌ای", "kind": "development", "max_score": "30"}
    response = client.post(
        f"/api/evaluation/cycles/{cycle.pk}/indices", payload, content_type="application/json"
    )
    assert response.status_code == 201 and Index.objects.filter(code="D-01").exists()
    refused = login(agency_officer).post(
        f"/api/evaluation/cycles/{cycle.pk}/indices",
        {**payload, "code": "D-02"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and "کارشناسان" in refused.json()["detail"]


def test_an_agency_self_assesses_and_sees_only_its_own_scores(
    login, agency_officer, evaluation, other_evaluation
):
    client = login(agency_officer)
    listed = client.get(f"/api/evaluation/cycles/{evaluation.cycle_id}/evaluations").json()["items"]
    assert [e["id"] for e in listed] == [evaluation.pk]
    score = evaluation.scores.get(index__code="G-02")
    response = client.post(
        f"/api/evaluation/scores/{score.pk}/self-assessment",
        {"actual": "20"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["self_score"] == "20.00"
    assert client.get(f"/api/evaluation/evaluations/{other_evaluation.pk}/scores").status_code == 404


def test_objections_go_through_the_window_and_are_answered(
    login, scored_pair, org_expert, evaluator, agency_officer
):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    score = evaluation.scores.get(index__code="G-01")
    filed = login(agency_officer).post(
        f"/api/evaluation/scores/{score.pk}/objections",
        {"reason": "مستندات سامانه دیده نشده است."},
        content_type="application/json",
    )
    assert filed.status_code == 201
    perform(evaluation.case, "to_rescoring", actor=org_expert)
    answered = login(evaluator).post(
        f"/api/evaluation/objections/{filed.json()['id']}/answer",
        {"value": "58", "answer": "پذیرفته شد."},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["answered_at"]
    listed = login(org_expert).get(f"/api/evaluation/cycles/{evaluation.cycle_id}/objections").json()["items"]
    assert listed[0]["answer"] == "پذیرفته شد."


def test_a_late_objection_is_refused_with_its_reason(login, scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    response = login(agency_officer).post(
        f"/api/evaluation/scores/{evaluation.scores.first().pk}/objections",
        {"reason": "مستندات سامانه دیده نشده است."},
        content_type="application/json",
    )
    assert response.status_code == 400 and "مهلت" in response.json()["detail"]


def test_the_evaluator_cannot_score_before_the_organization_confirms(login, evaluator, evaluation):
    response = login(evaluator).post(
        f"/api/evaluation/scores/{evaluation.scores.first().pk}/evaluation",
        {"value": "10"},
        content_type="application/json",
    )
    assert response.status_code == 409 and "مرحله امتیازدهی" in response.json()["detail"]


def test_results_are_empty_until_the_council_approves(login, national_officer, cycle):
    client = login(national_officer)
    assert client.get(f"/api/evaluation/cycles/{cycle.pk}/results").json() == []
    assert client.get("/api/evaluation/cycles").json()["items"][0]["year"] == 1404
