"""The festival page's decision buttons come from the nomination's process (`evaluation.nomination`): a
decision declared there is a button without touching the page, and one this person may not take is none.
Each button posts its action's name with the state the page showed, like every other record's buttons, so
a decision another member took meanwhile is not taken twice."""

import dataclasses
import re

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.evaluation import services
from apps.evaluation.models import Nomination
from apps.evaluation.rules import NOMINATION_PROCESS_NAME
from apps.evaluation.workflow import NOMINATION
from apps.workflow import process as process_registry
from apps.workflow.process import Action

pytestmark = pytest.mark.django_db

BUTTON = re.compile(
    r'<button class="btn btn-sm btn-([\w-]+)" name="action" value="(\w+)"[^>]*>([^<]+)</button>'
)
SEEN = re.compile(r'<input type="hidden" name="expected_state" value="(\w+)">')


def _page(client, cycle) -> str:
    return client.get(reverse("evaluation:festival", args=[cycle.pk])).content.decode()


def _buttons(client, cycle) -> list[tuple[str, str, str]]:
    """(style, action's name, label) of each decision button on the festival page."""
    return BUTTON.findall(_page(client, cycle))


def _decide(client, nomination, data) -> str:
    """Posts a decision as the page's form does and returns the page it leads back to."""
    url = reverse("evaluation:nomination_decide", args=[nomination.pk])
    return client.post(url, data, follow=True).content.decode()


def _unchanged(nomination, status: str, entries: int) -> bool:
    """The team is where it was and its trail has nothing new."""
    nomination = Nomination.objects.select_related("case").get(pk=nomination.pk)
    return (nomination.status, nomination.case.state) == (status, status) and AuditEntry.objects.filter(
        case=nomination.case
    ).count() == entries


@pytest.fixture
def nomination(cycle, agency_officer):
    return services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف، ب"
    )


def test_each_step_shows_its_declared_decisions_with_their_labels(login, org_expert, cycle, nomination):
    client = login(org_expert)
    assert _buttons(client, cycle) == [
        ("success", "select", "برگزیدن"),
        ("outline-secondary", "not_select", "برگزیده نشد"),
    ]
    assert SEEN.findall(_page(client, cycle)) == ["nominated"]
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="select", expected_state="nominated"
    )
    assert _buttons(client, cycle) == [("primary", "honour", "ثبت تقدیر")]
    page = _page(client, cycle)
    assert SEEN.findall(page) == ["selected"]
    assert 'data-confirm="تقدیر در جشنواره ثبت شود؟"' in page
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="honour", expected_state="selected"
    )
    page = _page(client, cycle)
    assert BUTTON.findall(page) == [] and SEEN.findall(page) == []


def test_the_nominating_agency_sees_no_decision(login, agency_officer, cycle, nomination):
    assert _buttons(login(agency_officer), cycle) == []


def test_a_newly_declared_decision_is_a_button_and_a_refused_one_is_not(
    login, org_expert, cycle, nomination, monkeypatch
):
    # Posted by name, two decisions of a step may lead to the same state.
    honour_now = Action("honour_now", "تقدیر بی‌درنگ", to="honoured", style="outline-danger")
    hidden = Action("defer", "بررسی در سال بعد", to="honoured", guard=lambda case, actor: "هنوز نه.")
    first = NOMINATION.step("nominated")
    steps = tuple(
        dataclasses.replace(first, actions=(*first.actions, honour_now, hidden)) if s is first else s
        for s in NOMINATION.steps
    )
    # A process of its own (its own state index), so the declared one is left as it was.
    monkeypatch.setitem(
        process_registry._REGISTRY,
        NOMINATION_PROCESS_NAME,
        dataclasses.replace(NOMINATION, steps=steps, _by_state={}),
    )
    client = login(org_expert)
    assert _buttons(client, cycle) == [
        ("success", "select", "برگزیدن"),
        ("outline-secondary", "not_select", "برگزیده نشد"),
        ("outline-danger", "honour_now", "تقدیر بی‌درنگ"),
    ]
    entries = AuditEntry.objects.filter(case=nomination.case).count()
    page = _decide(client, nomination, {"action": "defer", "expected_state": "nominated"})
    assert "هنوز نه." in page and _unchanged(nomination, "nominated", entries)
    _decide(client, nomination, {"action": "honour_now", "expected_state": "nominated"})
    nomination.refresh_from_db()
    assert nomination.status == "honoured"


def test_a_decision_the_process_does_not_declare_is_refused_and_changes_nothing(
    login, org_expert, cycle, nomination
):
    client = login(org_expert)
    entries = AuditEntry.objects.filter(case=nomination.case).count()
    page = _decide(client, nomination, {"action": "selected", "expected_state": "nominated"})
    assert "«selected» از تصمیم‌های ستاد جشنواره نیست" in page
    assert _unchanged(nomination, "nominated", entries)
    # The old page's post, the state the decision leads to, is no decision either.
    page = _decide(client, nomination, {"status": "selected"})
    assert "تصمیمی انتخاب نشده است." in page and _unchanged(nomination, "nominated", entries)
    page = _decide(client, nomination, {"action": "select"})
    assert "وضعیت تیم هنگام دیدن صفحه همراه تصمیم نرسید" in page
    assert _unchanged(nomination, "nominated", entries)


def test_a_decision_the_teams_step_does_not_offer_is_refused_and_changes_nothing(
    login, org_expert, cycle, nomination
):
    entries = AuditEntry.objects.filter(case=nomination.case).count()
    page = _decide(login(org_expert), nomination, {"action": "honour", "expected_state": "nominated"})
    assert "این اقدام در وضعیت فعلی پرونده ممکن نیست." in page
    assert "تصمیم ستاد جشنواره ثبت شد." not in page
    assert _unchanged(nomination, "nominated", entries)


def test_a_stale_page_after_another_member_decided_is_refused_naming_them(
    login, org_expert, cycle, nomination, province, management_unit
):
    colleague = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    client = login(org_expert)
    seen = SEEN.findall(_page(client, cycle))
    assert seen == ["nominated"]
    # The colleague decides from the same page first; this member's page still shows the team nominated.
    _decide(login(colleague), nomination, {"action": "select", "expected_state": "nominated"})
    entries = AuditEntry.objects.filter(case=nomination.case).count()
    for action in ("not_select", "select"):  # the other decision, and the same one clicked twice
        page = _decide(login(org_expert), nomination, {"action": action, "expected_state": seen[0]})
        assert f"این پرونده هم‌اکنون توسط {colleague.get_full_name()} اقدام شده است" in page
        assert "تصمیم ستاد جشنواره ثبت شد." not in page
        assert _unchanged(nomination, "selected", entries)
