"""The calendar API: the caller's sources and events of a span, the same reach as the pages."""

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.core.jalali import format_date

from .conftest import days_after

pytestmark = pytest.mark.django_db

EVENTS = "/api/calendar/events"


def span(start=-1, end=10, **extra) -> dict:
    return {"start": days_after(start).isoformat(), "end": days_after(end).isoformat(), **extra}


def test_the_training_group_reads_every_session_with_its_jalali_days_and_clashes(
    login, training_expert, agency_officer, other_officer, session_for
):
    first = session_for(agency_officer, starts_on=days_after(2))
    second = session_for(other_officer, starts_on=days_after(2))
    response = login(training_expert).get(EVENTS, span(source="training"))
    assert response.status_code == 200
    by_uid = {e["uid"]: e for e in response.json()}
    assert {f"training.session.{first.pk}", f"training.session.{second.pk}"} == set(by_uid)
    entry = by_uid[f"training.session.{first.pk}"]
    assert entry["clash"] and entry["starts_on_jalali"] == format_date(days_after(2), persian_digits=False)


def test_an_officer_reads_none_of_another_agencys_sessions(login, agency_officer, other_officer, session_for):
    theirs = session_for(other_officer, starts_on=days_after(2))
    uids = {e["uid"] for e in login(agency_officer).get(EVENTS, span()).json()}
    assert f"training.session.{theirs.pk}" not in uids


def test_it_refuses_a_span_longer_than_a_quarter_or_backwards(login, agency_officer):
    client = login(agency_officer)
    assert client.get(EVENTS, span(0, 200)).status_code == 400
    assert client.get(EVENTS, span(10, 0)).status_code == 400


def test_it_refuses_someone_without_a_source(login, agency):
    client = login(UserFactory(organization=agency, roles=[]))
    assert client.get(EVENTS, span()).status_code == 403
    assert client.get("/api/calendar/sources").status_code == 403


def test_the_sources_are_those_the_person_may_see(login, employee):
    assert "training" in {s["name"] for s in login(employee).get("/api/calendar/sources").json()}
    assert "recruitment" not in {s["name"] for s in login(employee).get("/api/calendar/sources").json()}
