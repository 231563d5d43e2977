"""Service B's rows of the permission table at their boundaries (apps/training/permissions.py): an employee
reads their own record, requests and released certificates only; the agency files and fills the forms but
does not plan; the training group runs the service; the management group and the agency's HR get nothing
of it; the deputy reads and does not act."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts import permissions
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.documents.models import IssuedDocument
from apps.training.permissions import CERTIFICATE_DOCUMENT, REQUEST, SESSION
from apps.training.selectors import request_list_for_user
from apps.training.services import requests as request_services
from apps.training.services import sessions as session_services

from .conftest import plan

pytestmark = pytest.mark.django_db

EVALUATION = {"syllabus": 5, "instructor": 4, "venue": 4, "usefulness": 5, "comment": ""}
SURVEY = {"satisfaction": 5, "timeliness": 4, "desk": 5, "comment": ""}


def _employee(agency, learner):
    """The person on the learner form, signed up on the desk with the same national ID."""
    return UserFactory(organization=agency, roles=[Role.LEARNER], national_id=learner.national_id)


def _release(request, officer):
    request_services.evaluation_submit(request=request, actor=officer, answers=EVALUATION)
    request_services.survey_submit(request=request, actor=officer, answers=SURVEY)


def _certified(request):
    return list(request.learners.exclude(certificate=None).order_by("pk"))


def test_an_employee_downloads_their_own_certificate_once_released_and_never_a_colleagues(
    login, agency, agency_officer, certified_request
):
    mine, colleagues = _certified(certified_request)
    client = login(_employee(agency, mine))
    own_url = reverse("training:learner_certificate", args=[mine.pk])
    colleague_url = reverse("training:learner_certificate", args=[colleagues.pk])

    # Before the agency filled both forms, the certificate is not released: not theirs to see yet.
    assert client.get(own_url).status_code == 404
    _release(certified_request, agency_officer)

    response = client.get(own_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(colleague_url).status_code == 404
    # The request's bundle holds colleagues' certificates: the agency's, not the employee's.
    zip_url = reverse("training:request_certificates", args=[certified_request.pk])
    assert client.get(zip_url).status_code == 404


def test_an_employee_finds_their_own_certificate_among_their_documents_only_once_released(
    agency, agency_officer, certified_request
):
    mine, colleagues = _certified(certified_request)
    employee = _employee(agency, mine)
    documents = IssuedDocument.objects.all()
    assert not permissions.visible(documents, employee, kind_name=CERTIFICATE_DOCUMENT).exists()

    _release(certified_request, agency_officer)

    seen = permissions.visible(documents, employee, "download", kind_name=CERTIFICATE_DOCUMENT)
    assert list(seen) == [mine.certificate]
    assert not permissions.may(employee, CERTIFICATE_DOCUMENT, "download", colleagues.certificate)


def test_an_employee_sees_the_requests_that_list_them_and_no_other(
    login, agency, agency_officer, file_request, certified_request
):
    learner = _certified(certified_request)[0]
    other_request = file_request(agency_officer, start=100, count=2).training_request
    client = login(_employee(agency, learner))

    listed = client.get("/api/training/requests").json()
    assert [r["id"] for r in listed["items"]] == [certified_request.pk]
    assert client.get(f"/api/training/requests/{other_request.pk}").status_code == 404
    # Theirs to read, not to act on: the forms are the agency's.
    evaluation_url = reverse("training:request_evaluation", args=[certified_request.pk])
    assert client.get(evaluation_url).status_code == 404
    assert client.get(reverse("training:history"), {"national_id": learner.national_id}).status_code == 200


def test_a_request_listed_once_however_many_learners_it_has_and_read_without_distinct(
    login, agency, agency_officer, other_officer, file_request, training_expert
):
    ours = file_request(agency_officer, start=0, count=3).training_request
    theirs = file_request(other_officer, start=10, count=2).training_request
    # An officer of the agency who is also a learner on another agency's request: their agency's rows OR the
    # requests that list them, which a join through the learners repeats once per learner of each request.
    learner = theirs.learners.first()
    both = UserFactory(
        organization=agency, roles=[Role.AGENCY_OFFICER, Role.LEARNER], national_id=learner.national_id
    )

    listed = login(both).get("/api/training/requests").json()
    assert [r["id"] for r in listed["items"]] == [theirs.pk, ours.pk]
    assert listed["count"] == 2
    for reader in (both, training_expert):
        sql = str(request_list_for_user(user=reader).query)
        # DISTINCT made every reader's list sort the province's requests whole before taking its newest.
        assert "DISTINCT" not in sql
    assert "EXISTS" in str(request_list_for_user(user=both).query)


def test_an_employee_reads_only_their_own_training_record(login, agency, certified_request):
    mine, colleagues = _certified(certified_request)
    client = login(_employee(agency, mine))
    own = client.get("/api/training/history", {"national_id": mine.national_id}).json()
    assert [x["id"] for x in own["items"]] == [mine.pk]
    theirs = client.get("/api/training/history", {"national_id": colleagues.national_id}).json()
    assert theirs["count"] == 0


def test_the_agency_s_certificates_are_seen_at_once_and_downloaded_once_released(
    login, agency_officer, certified_request
):
    learner = _certified(certified_request)[0]
    client = login(agency_officer)
    url = reverse("training:learner_certificate", args=[learner.pk])
    # Visible but locked: the agency is told to fill the forms (403), not that nothing exists (404).
    assert client.get(url).status_code == 403
    _release(certified_request, agency_officer)
    assert client.get(url).status_code == 200


def test_the_management_group_cannot_open_training_requests(login, org_expert, agency_officer, file_request):
    training_request = file_request(agency_officer, count=2).training_request
    client = login(org_expert)
    assert client.get(reverse("training:request_list")).status_code == 403
    assert client.get(f"/api/training/requests/{training_request.pk}").status_code == 404
    assert (
        client.get(reverse("workflow:case_detail", args=[training_request.case.tracking_code])).status_code
        == 404
    )
    assert not permissions.may(org_expert, REQUEST, "view")
    # The calendar stays public to them as to everyone.
    assert client.get(reverse("training:calendar")).status_code == 200


def test_the_agency_s_hr_is_not_part_of_the_service(login, agency, agency_officer, file_request):
    training_request = file_request(agency_officer, count=2).training_request
    hr = UserFactory(organization=agency, roles=[Role.AGENCY_HR])
    client = login(hr)
    assert client.get(reverse("training:request_list")).status_code == 403
    assert client.get(f"/api/training/requests/{training_request.pk}").status_code == 404


def test_an_agency_officer_cannot_plan_sessions(login, agency_officer, gathered, course):
    case = gathered(agency_officer, count=20)
    client = login(agency_officer)
    assert client.get(reverse("training:planning")).status_code == 403
    assert client.get(reverse("training:session_new", args=[course.pk])).status_code == 403
    payload = {
        "course_id": course.pk,
        "request_ids": [case.training_request.pk],
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-01",
        "place": "سالن",
        "mode": "in_person",
        "instructor": "مدرس",
        "meetings": 2,
    }
    response = client.post("/api/training/sessions", payload, content_type="application/json")
    assert response.status_code == 403
    with pytest.raises(ServiceError) as refused:
        plan(agency_officer, course, [case])
    assert isinstance(refused.value, ForbiddenError)


def test_the_agency_sees_its_session_but_not_its_attendance_sheet_or_actions(
    login, agency_officer, other_officer, held_session
):
    client = login(agency_officer)
    assert client.get(reverse("training:session_detail", args=[held_session.pk])).status_code == 200
    assert client.get(reverse("training:session_scores", args=[held_session.pk])).status_code == 403
    assert (
        client.post(
            reverse("training:session_act", args=[held_session.pk]), {"action": "examine"}
        ).status_code
        == 403
    )
    # Another agency's session does not exist for them.
    assert (
        login(other_officer).get(reverse("training:session_detail", args=[held_session.pk])).status_code
        == 404
    )


def test_the_deputy_reads_the_province_and_acts_on_nothing(login, province, held_session, training_expert):
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    client = login(deputy)
    assert client.get(reverse("training:session_detail", args=[held_session.pk])).status_code == 200
    assert client.get(reverse("training:request_list")).status_code == 200
    assert (
        client.post(
            reverse("training:session_act", args=[held_session.pk]), {"action": "examine"}
        ).status_code
        == 403
    )
    assert permissions.may(training_expert, SESSION, "act", held_session)
    with pytest.raises(ServiceError):
        session_services.scores_record(session=held_session, actor=deputy, scores={})


def test_only_the_training_group_records_scores(held_session, training_expert, org_expert):
    learner = held_session.requests.first().learners.first()
    with pytest.raises(ServiceError) as refused:
        session_services.scores_record(
            session=held_session, actor=org_expert, scores={learner.pk: Decimal(70)}
        )
    assert isinstance(refused.value, ForbiddenError)
    assert session_services.scores_record(
        session=held_session, actor=training_expert, scores={learner.pk: Decimal(70)}
    )
