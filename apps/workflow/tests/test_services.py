"""The workflow core as a service caller sees it: who may act, what is refused, what is recorded."""

import datetime as dt

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, ServiceError
from apps.notifications.models import Message
from apps.workflow import process as registry
from apps.workflow.models import Case, StepRecord
from apps.workflow.process import Action, Process, Side, Step
from apps.workflow.selectors import cartable_for_user
from apps.workflow.services import ONLY_FILER, available_actions, case_open, perform, step_actors


def test_it_opens_a_case_at_the_first_step_with_a_due_date(open_case, province, org_expert):
    case = open_case()
    assert case.state == "submitted"
    assert case.current_org == province
    assert case.due_date is not None and case.due_date > dt.date.today() - dt.timedelta(days=1)
    assert len(case.tracking_code) == 10
    assert AuditEntry.objects.filter(case=case, action="test.review.opened").count() == 1
    assert StepRecord.objects.filter(case=case, state="submitted", finished_at__isnull=True).count() == 1


def test_the_state_cannot_be_set_directly(open_case):
    case = open_case()
    with pytest.raises(AttributeError):
        case.state = "done"


def test_it_approves_and_moves_the_case_to_the_national_body(open_case, org_expert, national):
    case = perform(open_case(), "approve", actor=org_expert, ip="10.0.0.7")
    case.refresh_from_db()
    assert case.state == "national_review"
    assert case.current_org == national
    entry = AuditEntry.objects.filter(case=case).last()
    assert entry.action == "test.review.approve"
    assert (entry.from_state, entry.to_state) == ("submitted", "national_review")
    assert entry.actor == org_expert and entry.ip == "10.0.0.7"
    assert entry.changes == {"decided_by": org_expert.username}
    record = StepRecord.objects.get(case=case, state="submitted")
    assert record.finished_by == org_expert and record.on_time is True


def test_it_refuses_a_return_without_a_reason(open_case, org_expert):
    case = open_case()
    with pytest.raises(ServiceError, match="دلیل"):
        perform(case, "return", actor=org_expert, reason="   ")
    case.refresh_from_db()
    assert case.state == "submitted"
    assert not AuditEntry.objects.filter(action="test.review.return").exists()


def test_a_return_carries_its_reason_to_the_agency(open_case, org_expert, agency_officer):
    case = perform(open_case(), "return", actor=org_expert, reason="نامه معرفی امضا ندارد")
    assert case.state == "returned" and case.current_org == agency_officer.organization
    assert AuditEntry.objects.get(case=case, action="test.review.return").reason == "نامه معرفی امضا ندارد"
    assert Message.objects.filter(
        recipient=agency_officer, subject__contains="نامه معرفی امضا ندارد"
    ).exists()


def test_it_refuses_an_agency_user_acting_on_the_organizations_step(open_case, agency_officer):
    with pytest.raises(ServiceError) as refused:
        perform(open_case(), "approve", actor=agency_officer)
    assert isinstance(refused.value, ForbiddenError)


def test_it_refuses_a_user_of_another_group(open_case, province):
    from apps.accounts.models import OrgUnit
    from apps.accounts.roles import Role
    from apps.accounts.tests.factories import UserFactory

    training = OrgUnit.objects.create(organization=province, code="training", name="گروه آموزش")
    trainer = UserFactory(organization=province, unit=training, roles=[Role.ORG_EXPERT])
    with pytest.raises(ServiceError):
        perform(open_case(), "approve", actor=trainer)


def test_an_action_that_does_not_exist_in_this_state_is_refused(open_case, org_expert):
    with pytest.raises(ServiceError, match="ممکن نیست"):
        perform(open_case(), "resubmit", actor=org_expert)


def test_a_guard_hides_the_action_and_refuses_it(open_case, org_expert):
    case = open_case()
    assert "archive" not in [a.name for a in available_actions(org_expert, case)]
    with pytest.raises(ServiceError, match="پیوست"):
        perform(case, "archive", actor=org_expert)


def _withdrawal(monkeypatch, **open_step) -> str:
    """Registers, for this test only, a one-step process the agency's officers act on (other tests read every
    declared process); returns its name."""
    monkeypatch.setitem(
        registry._REGISTRY,
        "test.withdraw",
        Process(
            name="test.withdraw",
            label="انصراف آزمایشی",
            service="test",
            initial="open",
            steps=(
                Step("open", "باز", actors=(Role.AGENCY_OFFICER,), side=Side.OWNER, **open_step),
                Step("closed", "بسته", final=True),
            ),
        ),
    )
    return "test.withdraw"


def test_a_guard_sees_who_acts(monkeypatch, agency, agency_officer, province):
    senior = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="senior")

    def seniors_only(case, actor) -> str:
        return "" if actor == senior else "انصراف با کارشناس ارشد است."

    withdraw = Action("withdraw", "انصراف", to="closed", guard=seniors_only)
    name = _withdrawal(monkeypatch, actions=(withdraw,))
    case = case_open(process_name=name, owner=agency, actor=agency_officer, title="آزمایشی")
    assert available_actions(agency_officer, case) == []
    with pytest.raises(ServiceError, match="انصراف با کارشناس ارشد است"):
        perform(case, "withdraw", actor=agency_officer)
    assert available_actions(senior, case) == [withdraw]
    assert perform(case, "withdraw", actor=senior).state == "closed"


def test_a_filer_only_step_is_the_filers_alone(monkeypatch, agency, agency_officer, province):
    name = _withdrawal(monkeypatch, filer_only=True, actions=(Action("withdraw", "انصراف", to="closed"),))
    colleague = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], username="colleague")
    case = case_open(process_name=name, owner=agency, actor=agency_officer, title="آزمایشی")

    assert step_actors(case) == [agency_officer]
    assert case not in cartable_for_user(user=colleague)
    assert available_actions(colleague, case) == []
    with pytest.raises(ServiceError, match=ONLY_FILER) as refused:
        perform(case, "withdraw", actor=colleague)
    assert isinstance(refused.value, ForbiddenError)
    assert Case.objects.get(pk=case.pk).state == "open"

    assert case in cartable_for_user(user=agency_officer)
    assert [a.name for a in available_actions(agency_officer, case)] == ["withdraw"]
    assert perform(case, "withdraw", actor=agency_officer).state == "closed"


def test_a_guards_plain_refusal_is_a_400(open_case, org_expert):
    with pytest.raises(ServiceError) as refused:
        perform(open_case(), "archive", actor=org_expert)
    assert isinstance(refused.value, InvalidError)


def test_the_second_of_two_clicks_gets_a_clear_message(open_case, org_expert, group_head):
    case = open_case()
    perform(case, "approve", actor=org_expert, expected_state="submitted")
    with pytest.raises(ConflictError, match="اقدام شده است"):
        perform(case, "approve", actor=group_head, expected_state="submitted")
    assert AuditEntry.objects.filter(case=case, action="test.review.approve").count() == 1


def test_a_failing_change_leaves_nothing_behind(open_case, org_expert):
    case = open_case()

    def explode(_case):
        raise ServiceError("خطای آزمایشی")

    with pytest.raises(ServiceError):
        perform(case, "approve", actor=org_expert, apply=explode)
    case.refresh_from_db()
    assert case.state == "submitted"
    assert AuditEntry.objects.filter(case=case).count() == 1


def test_a_closed_case_leaves_every_cartable(open_case, org_expert, national_officer):
    case = perform(perform(open_case(), "approve", actor=org_expert), "approve", actor=national_officer)
    case.refresh_from_db()
    assert case.is_closed and case.state == "done" and case.current_org is None
    assert not Case.objects.filter(pk=case.pk, is_closed=False).exists()
    assert audit_verify() is None


def test_what_an_act_hands_back_is_what_it_saved(open_case, org_expert, agency_officer, national_officer):
    # An act saves only the fields a move writes (`_MOVED_FIELDS`): one set on the case in hand and left out
    # of that list would show in the answer and be lost from the database.
    def columns(case):
        return {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}

    def saved(case):
        return columns(Case.objects.get(pk=case.pk))

    case = open_case()
    changed = saved(case)["updated_at"]
    for action, actor, reason in (
        ("return", org_expert, "امضا ندارد"),
        ("resubmit", agency_officer, ""),
        ("approve", org_expert, ""),
        ("approve", national_officer, ""),
    ):
        case = perform(case, action, actor=actor, reason=reason)
        assert columns(case) == saved(case), action
        # The tracking page's "last change".
        assert saved(case)["updated_at"] > changed, action
        changed = saved(case)["updated_at"]
    assert case.is_closed and case.closed_at is not None


def test_the_steps_people_and_the_filer_are_told_once_and_whoever_acted_never(
    open_case, agency, agency_officer, org_expert, group_head, province
):
    from apps.accounts.models import OrgUnit

    colleague = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])
    UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER], is_active=False)
    training = OrgUnit.objects.create(organization=province, code="training", name="گروه آموزش")
    UserFactory(organization=province, unit=training, roles=[Role.ORG_EXPERT])
    case = open_case()
    Message.objects.all().delete()

    # Back to the agency: its officers act now, the filer among them, who is told once.
    perform(case, "return", actor=org_expert, reason="امضا ندارد")
    assert sorted(Message.objects.values_list("recipient", flat=True)) == sorted(
        [agency_officer.pk, colleague.pk]
    )
    Message.objects.all().delete()

    # Resubmitted by the filer: the management group's expert and head, not the training group's, nor the filer.
    perform(Case.objects.get(pk=case.pk), "resubmit", actor=agency_officer)
    assert sorted(Message.objects.values_list("recipient", flat=True)) == sorted(
        [org_expert.pk, group_head.pk]
    )
    Message.objects.all().delete()

    # A filer who has left is told nothing; nor is anyone at a final step but the filer.
    agency_officer.is_active = False
    agency_officer.save(update_fields=["is_active"])
    perform(Case.objects.get(pk=case.pk), "reject", actor=group_head, reason="تکراری")
    assert not Message.objects.exists()
