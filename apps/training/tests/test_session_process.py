"""The course session's lifecycle is a declared process of the workflow core (issue 23): its buttons,
trail and step records come from the declaration, and its requests move with it in one transaction."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.core.errors import ConflictError
from apps.search.models import SearchEntry
from apps.search.services import index_rebuild
from apps.training.models import CourseSession, TrainingRequest
from apps.training.rules import QUORUM
from apps.training.services import sessions as session_services
from apps.training.workflow import BY_SESSION
from apps.workflow import selectors as workflow_selectors
from apps.workflow.models import Case, StepRecord
from apps.workflow.services import available_actions, perform

from .conftest import plan

pytestmark = pytest.mark.django_db


def test_a_step_the_session_drives_is_no_button_of_a_request_and_is_refused_on_its_own(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    request_case = session.requests.get().case

    assert [a.name for a in available_actions(training_expert, request_case)] == ["cancel"]
    with pytest.raises(ConflictError, match=BY_SESSION):
        perform(request_case, "announce", actor=training_expert)
    assert Case.objects.get(pk=request_case.pk).state == "scheduled"


def test_the_sessions_page_shows_the_buttons_its_process_declares_for_its_state(
    client, gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    client.force_login(training_expert)

    page = client.get(reverse("training:session_detail", args=[session.pk])).content.decode()

    assert 'value="announce"' in page and "ارسال پیام زمان، مکان و نحوه اجرا" in page
    assert 'value="cancel"' in page
    assert 'value="finish"' not in page and 'value="certify"' not in page

    response = client.post(
        reverse("training:session_act", args=[session.pk]), {"action": "announce"}, follow=True
    )
    assert "برنامه دوره به دستگاه‌ها اعلام شد." in response.content.decode()
    page = response.content.decode()
    assert 'value="finish"' in page and 'value="announce"' not in page


def test_a_request_that_cannot_follow_holds_back_the_session_and_every_other_request(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    planned = session.requests.get().case
    # A request still waiting for a session, found in this one: it cannot take the session's next step.
    stray = gathered(agency_officer, start=100, count=1)
    TrainingRequest.objects.filter(case=stray).update(session=session)

    with pytest.raises(ConflictError):
        session_services.session_announce(session=session, actor=training_expert)

    assert CourseSession.objects.get(pk=session.pk).state == CourseSession.State.SCHEDULED
    assert Case.objects.get(pk=planned.pk).state == "scheduled"
    assert not AuditEntry.objects.filter(action="training.session.announced").exists()


def test_the_session_has_its_own_case_with_step_records_and_a_readable_trail(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    session = session_services.session_announce(session=session, actor=training_expert)

    assert session.state == session.case.state == "announced"
    records = StepRecord.objects.filter(case=session.case).order_by("id")
    assert [(r.state, r.action) for r in records] == [("scheduled", "announce"), ("announced", "")]
    lines = [e.line.did for e in workflow_selectors.case_history(case=session.case)]
    assert lines[-1].startswith("اقدام «ارسال پیام زمان، مکان و نحوه اجرا» را انجام داد")


def test_a_session_is_on_its_page_not_in_the_cartable_or_the_case_list(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    request_case = session.requests.get().case

    cartable = set(workflow_selectors.cartable_for_user(user=training_expert))
    listed = set(workflow_selectors.case_list_for_user(user=training_expert))

    assert request_case in cartable and request_case in listed
    assert session.case not in cartable and session.case not in listed


def test_the_search_box_finds_the_requests_of_a_session_not_the_sessions_own_case(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    request_case = session.requests.get().case

    index_rebuild(only=["case"])

    indexed = set(SearchEntry.objects.filter(source="case").values_list("object_id", flat=True))
    assert request_case.pk in indexed and session.case_id not in indexed
