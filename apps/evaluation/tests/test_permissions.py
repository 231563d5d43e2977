"""Service D's rows of the permission table at their boundaries (apps/evaluation/permissions.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts import permissions
from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.evaluation import selectors, services
from apps.evaluation.models import EvidenceFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
CLAIMS = {"G-01": 18, "G-02": 25}
GIVEN = {"G-01": 17, "G-02": 22}


def url(name, *args):
    return reverse(f"evaluation:{name}", args=args)


@pytest.fixture
def training_expert(province):
    unit = OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    return UserFactory(organization=province, unit=unit, roles=[Role.ORG_EXPERT], username="trainer")


@pytest.fixture
def agency_hr(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_HR], username="hr")


@pytest.fixture
def evidence(evaluation, agency_officer) -> EvidenceFile:
    score = evaluation.scores.select_related("index").first()
    upload = SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf")
    return services.evidence_attach(
        actor=agency_officer, score=score, title="گزارش عملکرد", uploaded_file=upload
    )


def test_an_evaluator_opens_an_assigned_agencys_evaluation_and_not_an_unassigned_one(
    login, org_expert, evaluator, evaluation, other_evaluation
):
    services.evaluation_assign_evaluators(actor=org_expert, evaluation=other_evaluation, evaluators=[])
    client = login(evaluator)
    assert client.get(url("evaluation_detail", evaluation.pk)).status_code == 200
    unassigned = client.get(url("evaluation_detail", other_evaluation.pk))
    assert unassigned.status_code == 404 and unassigned[REFUSED_HEADER] == "404"
    assert client.get(f"/api/evaluation/evaluations/{other_evaluation.pk}/scores").status_code == 404
    listed = client.get(url("evaluation_list", evaluation.cycle_id))
    assert [e.pk for e in listed.context["page"]] == [evaluation.pk]
    # Nor may they score it through the service, which the API and the page share.
    score = other_evaluation.scores.first()
    assert not permissions.may(evaluator, "evaluation.evaluator_score", "act", score)
    assert permissions.may(evaluator, "evaluation.evaluator_score", "act", evaluation.scores.first())


def test_only_the_management_group_names_an_evaluator_team(
    org_expert, agency_officer, evaluator, other_evaluation
):
    with pytest.raises(ServiceError) as refused:
        services.evaluation_assign_evaluators(
            actor=agency_officer, evaluation=other_evaluation, evaluators=[]
        )
    assert isinstance(refused.value, ForbiddenError)
    with pytest.raises(ServiceError):
        services.evaluation_assign_evaluators(
            actor=org_expert, evaluation=other_evaluation, evaluators=[agency_officer]
        )
    assert list(other_evaluation.evaluators.all()) == [evaluator]


def test_the_training_expert_cannot_open_a_cycles_evaluations(login, training_expert, evaluation):
    client = login(training_expert)
    listed = client.get(url("evaluation_list", evaluation.cycle_id))
    assert listed.status_code == 403 and listed[REFUSED_HEADER] == "403"
    assert client.get(url("evaluation_detail", evaluation.pk)).status_code == 404
    assert client.get(url("cycle_list")).status_code == 403


def test_an_agencys_hr_cannot_open_its_vault(login, agency_hr, agency_officer, evidence):
    client = login(agency_hr)
    assert client.get(url("vault")).status_code == 403
    assert client.get(url("evidence_download", evidence.pk)).status_code == 404
    # The agency's officer opens it, and downloads the file.
    client = login(agency_officer)
    assert client.get(url("vault")).status_code == 200
    assert client.get(url("evidence_download", evidence.pk)).status_code == 200


def test_the_council_secretary_registers_their_agencys_self_assessment_only(
    login, agency_secretary, evaluation, other_evaluation
):
    mine = evaluation.scores.first()
    services.score_self_assess(actor=agency_secretary, score=mine, claimed=10, description="")
    client = login(agency_secretary)
    theirs = other_evaluation.scores.first()
    refused = client.post(url("score_self", theirs.pk), {"claimed": "10", "description": ""})
    assert refused.status_code == 404
    with pytest.raises(ServiceError):
        services.score_self_assess(actor=agency_secretary, score=theirs, claimed=10, description="")


def test_an_agency_reads_the_evaluator_scores_only_once_announced(
    agency_officer, org_expert, evaluation, walk
):
    scored = walk(evaluation, agency_officer, claims=CLAIMS, given=GIVEN, stop="scored")
    assert not selectors.evaluator_scores_visible(user=agency_officer, evaluation=scored)
    assert selectors.evaluator_scores_visible(user=org_expert, evaluation=scored)
    services.cycle_publish_initial(actor=org_expert, cycle=scored.cycle)
    assert selectors.evaluator_scores_visible(user=agency_officer, evaluation=scored)


def test_the_national_officer_records_the_rank_and_does_not_open_the_agencies_evaluations(
    login, national_officer, evaluation
):
    assert permissions.may(national_officer, "evaluation.final_result", "edit")
    client = login(national_officer)
    assert client.get(url("cycle_detail", evaluation.cycle_id)).status_code == 200
    assert client.get(url("evaluation_list", evaluation.cycle_id)).status_code == 403
    assert client.get(url("evaluation_detail", evaluation.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.AGENCY_HR, Role.LEARNER, Role.SUPERVISOR, Role.COUNCIL_MEMBER])
def test_the_agencys_other_people_have_nothing_of_the_evaluation(login, agency, evaluation, role):
    client = login(UserFactory(organization=agency, roles=[role], username=f"p-{role}"))
    assert client.get(url("cycle_list")).status_code == 403
    assert client.get(url("evaluation_detail", evaluation.pk)).status_code == 404
    assert client.get(url("festival", evaluation.cycle_id)).status_code == 403
