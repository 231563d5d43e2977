"""A substitute at work: the absent person's cases in their cartable, acting in their name, and the
refusals outside the range, on another's work, and on a case they opened where duties are separate."""

import pytest
from django.urls import reverse

from apps.accounts import permissions
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_verify
from apps.core.errors import ForbiddenError, ServiceError
from apps.substitutes.models import Substitution
from apps.substitutes.tests.conftest import fresh
from apps.support.services import fault_report_file
from apps.workflow.history import describe
from apps.workflow.models import StepRecord
from apps.workflow.selectors import cartable_for_user, case_history
from apps.workflow.services import (
    NOT_YOURS,
    SEPARATE_DUTIES,
    acting_for,
    available_actions,
    case_open,
    perform,
)

pytestmark = pytest.mark.django_db


def test_the_absent_persons_case_is_in_the_substitutes_cartable_only_during_the_range(
    escalated, expert, name_substitute, ended
):
    assert escalated not in cartable_for_user(user=fresh(expert))
    substitution = name_substitute(expert)
    assert escalated in cartable_for_user(user=fresh(expert))
    assert acting_for(fresh(expert), escalated).username == "grouphead"
    ended(substitution)
    assert escalated not in cartable_for_user(user=fresh(expert))


def test_the_substitute_acts_and_the_history_and_audit_say_on_behalf_of(
    escalated, expert, head, name_substitute
):
    name_substitute(expert)
    case = perform(escalated, "resolve", actor=fresh(expert), reason="خطا برطرف شد.")
    assert case.state == "resolved"
    entry = AuditEntry.objects.filter(case=case).last()
    assert entry.actor == expert and entry.on_behalf_of == head
    assert entry.on_behalf_of_name == "مریم احمدی"
    assert StepRecord.objects.get(case=case, state="escalated").on_behalf_of == head
    history = case_history(case=case)
    assert "علی رضایی" in history[-1].line.sentence
    assert "به جانشینی از مریم احمدی" in history[-1].line.sentence
    # The new field is inside the chained hash, and the entries before it still verify.
    assert audit_verify() is None
    entry.on_behalf_of_name = "کس دیگر"
    assert describe(entry).who.endswith("به جانشینی از کس دیگر")


def test_the_trail_notices_a_changed_on_behalf_of(escalated, expert, head, name_substitute):
    from apps.audit.trail import entry_hash

    name_substitute(expert)
    perform(escalated, "resolve", actor=fresh(expert), reason="خطا برطرف شد.")
    entry = AuditEntry.objects.filter(case=escalated).last()
    good = entry_hash(entry, entry.prev_hash)
    entry.on_behalf_of_id = expert.pk
    assert entry_hash(entry, entry.prev_hash) != good


def test_it_refuses_a_substitute_before_the_range_starts(escalated, expert, name_substitute):
    name_substitute(expert, start=1)
    with pytest.raises(ServiceError) as refused:
        perform(escalated, "resolve", actor=fresh(expert), reason="خطا برطرف شد.")
    assert isinstance(refused.value, ForbiddenError) and refused.value.message == NOT_YOURS
    escalated.refresh_from_db()
    assert escalated.state == "escalated"


def test_it_refuses_a_substitute_after_the_range_ended(escalated, expert, name_substitute, ended):
    ended(name_substitute(expert))
    with pytest.raises(ServiceError, match=NOT_YOURS):
        perform(escalated, "resolve", actor=fresh(expert), reason="خطا برطرف شد.")


def test_it_refuses_a_cancelled_substitution(escalated, expert, head, name_substitute):
    from apps.substitutes.services import substitution_cancel

    substitution_cancel(actor=head, substitution=name_substitute(expert))
    with pytest.raises(ServiceError, match=NOT_YOURS):
        perform(escalated, "resolve", actor=fresh(expert), reason="خطا برطرف شد.")


def test_it_refuses_a_substitute_on_work_that_is_not_the_absent_persons(
    agency_officer, expert, budget_expert, name_substitute, login
):
    returned = perform(
        fault_report_file(actor=agency_officer, category="page", description="دکمه ثبت کار نمی‌کند."),
        "return",
        actor=expert,
        reason="تصویر خطا را پیوست کنید.",
    )
    name_substitute(budget_expert)
    with pytest.raises(ServiceError, match=NOT_YOURS):
        perform(returned, "resubmit", actor=fresh(budget_expert))
    # Through the page too: the budget group sees nothing of the agency's report.
    response = login(budget_expert).post(
        reverse("workflow:case_act", args=[returned.tracking_code]), {"action": "resubmit"}
    )
    assert response.status_code == 404


def test_a_substitute_borrows_only_the_absent_persons_rows_and_only_for_their_work(
    escalated, agency_officer, expert, budget_expert, name_substitute, ended, login
):
    """The budget group is given nothing; standing in for the head, its expert reaches the head's waiting
    case with the head's rights, and not the cases the head sees that wait on others."""
    other = perform(
        fault_report_file(actor=agency_officer, category="login", description="ورود با خطا روبه‌رو است."),
        "return",
        actor=expert,
        reason="تصویر خطا را پیوست کنید.",
    )
    assert not permissions.may(fresh(budget_expert), "support.case", "view", escalated)
    substitution = name_substitute(budget_expert)
    person = fresh(budget_expert)
    assert permissions.may(person, "support.case", "act", escalated)
    assert not permissions.may(person, "support.case", "view", other)
    client = login(budget_expert)
    page = client.get(reverse("workflow:case_detail", args=[escalated.tracking_code]))
    assert page.status_code == 200
    assert client.get(reverse("workflow:case_detail", args=[other.tracking_code])).status_code == 404
    assert client.get(reverse("workflow:cartable")).status_code == 200
    response = client.post(
        reverse("workflow:case_act", args=[escalated.tracking_code]),
        {"action": "resolve", "reason": "خطا برطرف شد.", "expected_state": "escalated"},
    )
    assert response.status_code == 302
    escalated.refresh_from_db()
    assert escalated.state == "resolved"
    ended(substitution)
    assert not permissions.may(fresh(budget_expert), "support.case", "view", escalated)
    assert client.get(reverse("workflow:case_detail", args=[escalated.tracking_code])).status_code == 404


def test_it_refuses_a_substitute_on_a_case_they_opened_where_duties_are_separate(
    agency, expert, head, name_substitute, province
):
    # The Organization's staff may file for an agency; the expert filed this one and the head must review it.
    case = case_open(process_name="support.fault", owner=agency, actor=expert, title="خطای ثبت‌شده")
    from apps.support.models import FaultReport

    FaultReport.objects.create(case=case, category="page", description="دکمه ثبت کار نمی‌کند.")
    other = UserFactory(organization=province, unit=expert.unit, roles=[Role.ORG_EXPERT])
    case = perform(case, "escalate", actor=other)
    assert case.step.separate_duties
    name_substitute(expert)
    person = fresh(expert)
    assert available_actions(person, case) == []
    with pytest.raises(ServiceError) as refused:
        perform(case, "resolve", actor=person, reason="پاسخ")
    assert refused.value.message == SEPARATE_DUTIES and isinstance(refused.value, ForbiddenError)
    case.refresh_from_db()
    assert case.state == "escalated"


def test_the_cartable_marks_the_absent_persons_rows(escalated, expert, name_substitute, login):
    name_substitute(expert)
    body = login(expert).get(reverse("workflow:cartable")).content.decode()
    assert 'data-testid="on-behalf"' in body and "به جانشینی از مریم احمدی" in body


def test_the_substitution_ends_by_itself(expert, head, name_substitute):
    import datetime as dt

    from apps.core.jalali import today
    from apps.substitutes.selectors import active_absentees

    substitution = name_substitute(expert, days=2)
    assert active_absentees(fresh(expert)) == [head]
    assert active_absentees(fresh(expert), on=substitution.ends_on) == [head]
    assert active_absentees(fresh(expert), on=substitution.ends_on + dt.timedelta(days=1)) == []
    assert active_absentees(fresh(expert), on=today() - dt.timedelta(days=1)) == []
    assert Substitution.objects.count() == 1


def test_standing_in_changes_what_the_menu_is_kept_under(expert, head, name_substitute):
    from apps.accounts.permissions import principals_of, route_key

    before = route_key(fresh(expert))
    name_substitute(expert)
    after = route_key(fresh(expert))

    assert after != before and principals_of(fresh(head)) in after[1]
