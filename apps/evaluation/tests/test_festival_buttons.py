"""The festival page's decision buttons come from the nomination's process (`evaluation.nomination`): a
decision declared there is a button without touching the page, and one this person may not take is none."""

import dataclasses
import re

import pytest
from django.urls import reverse

from apps.evaluation import services
from apps.evaluation.rules import NOMINATION_PROCESS_NAME
from apps.evaluation.workflow import NOMINATION
from apps.workflow import process as process_registry
from apps.workflow.process import Action

pytestmark = pytest.mark.django_db

BUTTON = re.compile(
    r'<button class="btn btn-sm btn-([\w-]+)" name="status" value="(\w+)"[^>]*>([^<]+)</button>'
)


def _buttons(client, cycle) -> list[tuple[str, str, str]]:
    """(style, state it leads to, label) of each decision button on the festival page."""
    page = client.get(reverse("evaluation:festival", args=[cycle.pk])).content.decode()
    return BUTTON.findall(page)


@pytest.fixture
def nomination(cycle, agency_officer):
    return services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف، ب"
    )


def test_each_step_shows_its_declared_decisions_with_their_labels(login, org_expert, cycle, nomination):
    client = login(org_expert)
    assert _buttons(client, cycle) == [
        ("success", "selected", "برگزیدن"),
        ("outline-secondary", "not_selected", "برگزیده نشد"),
    ]
    services.nomination_decide(actor=org_expert, nomination=nomination, status="selected")
    assert _buttons(client, cycle) == [("primary", "honoured", "ثبت تقدیر")]
    page = client.get(reverse("evaluation:festival", args=[cycle.pk])).content.decode()
    assert 'data-confirm="تقدیر در جشنواره ثبت شود؟"' in page
    services.nomination_decide(actor=org_expert, nomination=nomination, status="honoured")
    assert _buttons(client, cycle) == []


def test_the_nominating_agency_sees_no_decision(login, agency_officer, cycle, nomination):
    assert _buttons(login(agency_officer), cycle) == []


def test_a_newly_declared_decision_is_a_button_and_a_refused_one_is_not(
    login, org_expert, cycle, nomination, monkeypatch
):
    # The service knows a decision by the state it leads to: each of a step's decisions leads elsewhere.
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
    assert _buttons(login(org_expert), cycle) == [
        ("success", "selected", "برگزیدن"),
        ("outline-secondary", "not_selected", "برگزیده نشد"),
        ("outline-danger", "honoured", "تقدیر بی‌درنگ"),
    ]
    login(org_expert).post(
        reverse("evaluation:nomination_decide", args=[nomination.pk]), {"status": "honoured"}
    )
    nomination.refresh_from_db()
    assert nomination.status == "honoured"
