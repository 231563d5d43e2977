"""The desk as an actor: what a timer performs is recorded as the desk's, and reaches the case's new holders."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.notifications.models import Message, OutboxMessage
from apps.workflow import process as registry
from apps.workflow.actors import SYSTEM, SYSTEM_LABEL
from apps.workflow.models import Case, StepRecord
from apps.workflow.process import Action, Process, Side, Step, WorkingDays
from apps.workflow.services import NOT_AUTOMATIC, case_open, perform

pytestmark = pytest.mark.django_db

ESCALATE = "ارجاع به رئیس گروه"


@pytest.fixture
def timed_case(monkeypatch, agency_officer, province, management_unit, org_expert, group_head):
    """A case of a process whose first step the desk escalates to the group head when it runs late."""
    monkeypatch.setitem(
        registry._REGISTRY,
        "test.timed",
        Process(
            name="test.timed",
            label="فرایند زمان‌دار آزمایشی",
            service="test",
            initial="waiting",
            unit="management",
            steps=(
                Step(
                    "waiting",
                    "در انتظار کارشناس",
                    actors=(Role.ORG_EXPERT, Role.ORG_GROUP_HEAD),
                    allowance=WorkingDays(1),
                    actions=(
                        Action("escalate", ESCALATE, to="with_head", automatic=True),
                        Action("close", "بستن", to="done"),
                    ),
                ),
                Step(
                    "with_head",
                    "نزد رئیس گروه",
                    actors=(Role.ORG_GROUP_HEAD,),
                    side=Side.PROVINCE,
                    allowance=WorkingDays(1),
                    actions=(Action("close", "بستن", to="done"),),
                ),
                Step("done", "پایان یافته", final=True),
            ),
        ),
    )
    return case_open(
        process_name="test.timed", owner=agency_officer.organization, actor=agency_officer, title="آزمایشی"
    )


def _told(user, case, what: str) -> bool:
    subject = f"پرونده {to_persian_digits(case.tracking_code)}: {what}"
    return Message.objects.filter(recipient=user, case=case, subject=subject).count() == 1 and set(
        OutboxMessage.objects.filter(recipient=user, subject=subject).values_list("channel", flat=True)
    ) == {"sms", "email"}


def test_the_desk_escalates_in_its_own_name_and_the_new_holder_is_told(
    timed_case, org_expert, group_head, agency_officer
):
    case = perform(timed_case, "escalate", actor=SYSTEM, reason="مهلت گذشت.")

    assert case.state == "with_head" and case.last_actor is None
    entry = AuditEntry.objects.get(case=case, action="test.timed.escalate")
    assert (entry.actor, entry.actor_name, entry.organization) == (None, SYSTEM_LABEL, None)
    assert StepRecord.objects.get(case=case, state="waiting").finished_by is None
    assert audit_verify() is None
    assert _told(group_head, case, f"{ESCALATE} — دلیل: مهلت گذشت.")
    assert _told(agency_officer, case, f"{ESCALATE} — دلیل: مهلت گذشت.")
    # The expert held the step the case left, not the one it is in.
    assert not Message.objects.filter(recipient=org_expert, subject__contains=ESCALATE).exists()


def test_the_desk_performs_only_what_the_process_declares_automatic(timed_case):
    with pytest.raises(ServiceError, match=NOT_AUTOMATIC) as refused:
        perform(timed_case, "close", actor=SYSTEM)
    assert isinstance(refused.value, ForbiddenError)
    assert Case.objects.get(pk=timed_case.pk).state == "waiting"
    assert not AuditEntry.objects.filter(case=timed_case, action="test.timed.close").exists()


def test_a_person_who_holds_the_new_step_is_not_told_of_their_own_action(
    timed_case, group_head, management_unit, province
):
    other_head = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_GROUP_HEAD])
    case = perform(timed_case, "escalate", actor=group_head)

    assert AuditEntry.objects.get(case=case, action="test.timed.escalate").actor == group_head
    assert not Message.objects.filter(recipient=group_head, subject__contains=ESCALATE).exists()
    assert _told(other_head, case, ESCALATE)


def test_a_second_click_after_the_desk_moved_the_case_names_the_desk(timed_case, org_expert):
    perform(timed_case, "escalate", actor=SYSTEM, expected_state="waiting")
    with pytest.raises(ConflictError, match=r"توسط سامانه \(خودکار\) اقدام شده است"):
        perform(timed_case, "close", actor=org_expert, expected_state="waiting")
