"""Fixtures of service D's tests: the evaluator team, the head, a cycle with two indices, walking a case."""

import datetime as dt
from decimal import Decimal

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.jalali import today
from apps.evaluation import services
from apps.evaluation.models import Cycle, Evaluation
from apps.workflow.services import perform


@pytest.fixture
def evaluator(province, management_unit):
    return UserFactory(
        organization=province, unit=management_unit, roles=[Role.EVALUATOR], username="evaluator"
    )


@pytest.fixture
def head(province):
    return UserFactory(organization=province, roles=[Role.ORG_HEAD], username="head")


@pytest.fixture
def agency_head(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_HEAD], username="agencyhead")


@pytest.fixture
def agency_secretary(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_COUNCIL_SECRETARY], username="secretary")


@pytest.fixture
def groups(agency, other_agency):
    agency.evaluation_group = "عمومی، اجتماعی و قضایی"
    agency.save()
    other_agency.evaluation_group = "عمومی، اجتماعی و قضایی"
    other_agency.save()


@pytest.fixture
def cycle(org_expert, groups) -> Cycle:
    """A cycle with the worked example's two indices: G-01 (W 60, weight 2) and G-02 (W 40, S 40 hours)."""
    cycle = services.cycle_create(
        actor=org_expert,
        year=1404,
        title="ارزیابی عملکرد ۱۴۰۴",
        circular_number="940121",
        circular_date=today() - dt.timedelta(days=10),
        self_assessment_deadline=today() + dt.timedelta(days=10),
    )
    services.index_create(
        actor=org_expert,
        cycle=cycle,
        code="G-01",
        title="دولت الکترونیک",
        kind="general",
        max_score=60,
        weight=2,
        evidence_required=False,
    )
    services.index_create(
        actor=org_expert,
        cycle=cycle,
        code="G-02",
        title="ساعت آموزش سرانه",
        kind="general",
        max_score=40,
        weight=1,
        standard=40,
        unit="ساعت",
        evidence_required=False,
        source="training.hours_per_employee",
    )
    return cycle


@pytest.fixture
def member(cycle, org_expert):
    """A member of the steering committee, without a letter yet."""
    return services.body_member_add(
        actor=org_expert,
        cycle=cycle,
        kind="steering",
        full_name="مریم احمدی",
        position="معاون توسعه مدیریت",
        role_in_body="رئیس کمیته",
    )


@pytest.fixture
def published(cycle, org_expert, national_officer, evaluator) -> Cycle:
    services.cycle_publish_indices(actor=org_expert, cycle=cycle)
    # The group names each agency's evaluator team: the tests' one evaluator scores both agencies.
    for evaluation in cycle.evaluations.all():
        services.evaluation_assign_evaluators(actor=org_expert, evaluation=evaluation, evaluators=[evaluator])
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def evaluation(published, agency) -> Evaluation:
    return Evaluation.objects.get(cycle=published, organization=agency)


@pytest.fixture
def other_evaluation(published, other_agency) -> Evaluation:
    return Evaluation.objects.get(cycle=published, organization=other_agency)


@pytest.fixture
def walk(org_expert, evaluator, head):
    """Moves an agency's evaluation through the real services: claim and score each index, then up to `stop`."""

    def _walk(evaluation: Evaluation, officer, *, claims: dict, given: dict, stop: str) -> Evaluation:
        for score in evaluation.scores.select_related("index"):
            services.score_self_assess(
                actor=officer, score=score, claimed=claims[score.index.code], description=""
            )
        if stop == "self_assessment":
            return _fresh(evaluation)
        case = perform(evaluation.case, "submit", actor=officer)
        case = perform(case, "confirm", actor=org_expert)
        for score in evaluation.scores.select_related("index"):
            services.score_evaluate(
                actor=evaluator,
                score=score,
                value=given[score.index.code],
                comment=f"نظر ارزیاب بر {score.index.code}",
            )
        case = perform(case, "finish_scoring", actor=evaluator)
        if stop == "scored":
            return _fresh(evaluation)
        raise ValueError(stop)

    return _walk


def _fresh(evaluation: Evaluation) -> Evaluation:
    return Evaluation.objects.select_related("case", "cycle").get(pk=evaluation.pk)


@pytest.fixture
def scored_pair(evaluation, other_evaluation, agency_officer, other_officer, walk):
    """Both agencies scored: the agency 80% (48+32 of 60×2+40), the other 85%."""
    walk(
        evaluation,
        agency_officer,
        claims={"G-01": 60, "G-02": 40},
        given={"G-01": 45, "G-02": 38},
        stop="scored",
    )
    walk(
        other_evaluation,
        other_officer,
        claims={"G-01": 60, "G-02": 40},
        given={"G-01": 51, "G-02": 34},
        stop="scored",
    )
    return evaluation, other_evaluation


@pytest.fixture
def final_cycle(scored_pair, org_expert, head) -> Cycle:
    """Both agencies past the objection window and approved by the council: the cycle's results are final."""
    evaluation, other = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    for e in (evaluation, other):
        perform(e.case, "close_window", actor=org_expert)
    services.cycle_approve_final(actor=head, cycle=evaluation.cycle)
    return Cycle.objects.get(pk=evaluation.cycle_id)


D = Decimal
