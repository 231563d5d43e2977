"""Service B's API: the same services and permissions as the pages, refusals as {"detail": ...}."""

import pytest

from apps.audit.models import AuditEntry
from apps.core.tests.xlsx import xlsx_upload
from apps.training.models import CourseSession, Learner
from apps.training.rules import QUORUM
from apps.workflow.models import Case

from .conftest import HEADERS, learner_rows, pdf_upload, plan

pytestmark = pytest.mark.django_db


def test_the_calendar_is_public(client, course):
    response = client.get("/api/training/calendar", {"month": 3})
    assert response.status_code == 200
    assert response.json()[0]["title"] == course.title


def test_an_agency_files_a_request_and_sees_only_its_own(login, agency_officer, other_officer, course):
    client = login(agency_officer)
    response = client.post(
        "/api/training/requests",
        {
            "course_id": course.pk,
            "receipt_number": "555",
            "receipt_amount": course.tuition * 2,
            "receipt_date": "2026-05-01",
            "learner_file": xlsx_upload([HEADERS, *learner_rows(0, 2)]),
            "letter_file": pdf_upload(),
            "receipt_file": pdf_upload(),
        },
    )
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"]
    pk = Case.objects.get(tracking_code=code).training_request.pk
    assert client.get(f"/api/training/requests/{pk}").json()["learners"][0]["full_name"] == "فراگیر 0"
    other = login(other_officer)
    assert other.get("/api/training/requests").json()["count"] == 0
    assert other.get(f"/api/training/requests/{pk}").status_code == 404


def test_the_training_group_finds_what_waits_for_a_session_by_course_and_state(
    login, training_expert, gathered, file_request, course, agency_officer, django_assert_max_num_queries
):
    waiting = gathered(agency_officer, start=0, count=3)
    file_request(agency_officer, start=10, count=2)
    client = login(training_expert)

    with django_assert_max_num_queries(8):
        listed = client.get("/api/training/requests", {"state": "gathering", "course": course.pk}).json()
    assert [(r["tracking_code"], r["people"]) for r in listed["items"]] == [(waiting.tracking_code, 3)]
    assert client.get("/api/training/requests", {"course": course.pk + 1000}).json()["count"] == 0
    assert client.get(f"/api/training/requests/{waiting.training_request.pk}").json()["people"] == 3

    session = plan(training_expert, course, [gathered(agency_officer, start=20, count=20)])
    assert [
        s["id"] for s in client.get("/api/training/sessions", {"state": "scheduled"}).json()["items"]
    ] == [session.pk]
    assert client.get("/api/training/sessions", {"state": "announced"}).json()["count"] == 0


def test_a_malformed_learner_file_answers_400_with_its_rows(login, agency_officer, course):
    rows = learner_rows(0, 1)
    rows[0][5] = "123"
    response = login(agency_officer).post(
        "/api/training/requests",
        {
            "course_id": course.pk,
            "receipt_number": "555",
            "receipt_amount": course.tuition,
            "receipt_date": "2026-05-01",
            "learner_file": xlsx_upload([HEADERS, *rows]),
            "letter_file": pdf_upload(),
            "receipt_file": pdf_upload(),
        },
    )
    assert response.status_code == 400
    assert "ردیف 2 شماره همراه" in response.json()["detail"]
    assert not Case.objects.exists()


def test_sessions_are_planned_with_the_quorum_and_moved_by_action(
    login, training_expert, gathered, course, agency_officer
):
    small = gathered(agency_officer, start=0, count=QUORUM - 1)
    client = login(training_expert)
    payload = {
        "course_id": course.pk,
        "request_ids": [small.training_request.pk],
        "starts_on": "2026-05-02",
        "ends_on": "2026-05-02",
        "place": "سالن",
        "mode": "virtual",
        "instructor": "دکتر کاظمی",
        "meetings": 4,
    }
    refused = client.post("/api/training/sessions", payload, content_type="application/json")
    assert refused.status_code == 400 and "حد نصاب" in refused.json()["detail"]

    extra = gathered(agency_officer, start=100, count=1)
    payload["request_ids"].append(extra.training_request.pk)
    created = client.post("/api/training/sessions", payload, content_type="application/json")
    assert created.status_code == 201
    taken = client.post("/api/training/sessions", payload, content_type="application/json")
    assert taken.status_code == 409 and small.tracking_code in taken.json()["detail"]
    pk = created.json()["id"]
    announced = client.post(
        f"/api/training/sessions/{pk}/actions", {"action": "announce"}, content_type="application/json"
    )
    assert announced.json()["state"] == "announced"
    learner = Learner.objects.filter(request__session_id=pk).first()
    attendance = client.put(
        f"/api/training/sessions/{pk}/attendance",
        {"absences": [{"learner_id": learner.pk, "meetings": [1]}]},
        content_type="application/json",
    )
    assert attendance.json() == {"learners_with_absence": 1}
    client.post(f"/api/training/sessions/{pk}/actions", {"action": "finish"}, content_type="application/json")
    scores = client.put(
        f"/api/training/sessions/{pk}/scores",
        {"scores": [{"learner_id": learner.pk, "score": "75"}]},
        content_type="application/json",
    )
    assert scores.json() == {"recorded": 1}
    assert CourseSession.objects.get(pk=pk).state == "held"


def test_an_agency_cannot_move_a_session(login, held_session, agency_officer):
    response = login(agency_officer).post(
        f"/api/training/sessions/{held_session.pk}/actions",
        {"action": "examine"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_certificates_are_listed_only_after_both_forms(login, certified_request, agency_officer):
    client = login(agency_officer)
    url = f"/api/training/requests/{certified_request.pk}/certificates"
    assert client.get(url).status_code == 403
    base = f"/api/training/requests/{certified_request.pk}"
    evaluation = {"syllabus": 5, "instructor": 5, "venue": 4, "usefulness": 4}
    assert client.post(f"{base}/evaluation", evaluation, content_type="application/json").status_code == 201
    survey = {"satisfaction": 4, "timeliness": 4, "desk": 5}
    assert client.post(f"{base}/survey", survey, content_type="application/json").status_code == 201
    listed = client.get(url).json()
    assert len(listed) == 2 and all(c["verification_code"] for c in listed)


@pytest.mark.parametrize("rating", [0, 6, 9, -1])
def test_a_rating_outside_one_to_five_is_refused_in_persian_and_saves_nothing(
    login, certified_request, agency_officer, rating
):
    client = login(agency_officer)
    base = f"/api/training/requests/{certified_request.pk}"
    evaluation = {"syllabus": 5, "instructor": rating, "venue": 4, "usefulness": 4}
    refused = client.post(f"{base}/evaluation", evaluation, content_type="application/json")
    assert (
        refused.status_code == 400
        and refused.json()["detail"] == "امتیاز «تسلط و بیان مدرس» باید از ۱ تا ۵ باشد؛ فرم ثبت نشد."
    )
    survey = {"satisfaction": rating, "timeliness": 4, "desk": 5}
    refused = client.post(f"{base}/survey", survey, content_type="application/json")
    assert refused.status_code == 400 and "«رضایت کلی از دوره»" in refused.json()["detail"]
    certified_request.refresh_from_db()
    assert not hasattr(certified_request, "evaluation") and not hasattr(certified_request, "survey")
    assert not AuditEntry.objects.filter(action__startswith="training.evaluation").exists()


def test_history_is_scoped_to_the_callers_agency(login, certified_request, agency_officer, other_officer):
    national_id = certified_request.learners.first().national_id
    assert (
        login(agency_officer).get("/api/training/history", {"national_id": national_id}).json()["count"] == 1
    )
    assert (
        login(other_officer).get("/api/training/history", {"national_id": national_id}).json()["count"] == 0
    )


def test_the_api_refuses_a_clash_and_tops_up_an_open_session(
    login, training_expert, gathered, course, agency_officer, other_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    waiting = gathered(other_officer, start=100, count=QUORUM)
    client = login(training_expert)
    payload = {
        "course_id": course.pk,
        "request_ids": [waiting.training_request.pk],
        "starts_on": session.starts_on.isoformat(),
        "ends_on": session.ends_on.isoformat(),
        "place": session.place,
        "mode": "in_person",
        "instructor": "مدرس دیگر",
        "meetings": 4,
    }
    refused = client.post("/api/training/sessions", payload, content_type="application/json")
    assert refused.status_code == 409 and f"«{session.place}»" in refused.json()["detail"]

    found = client.get("/api/training/sessions", {"course": course.pk, "open": True}).json()["items"]
    assert [s["id"] for s in found] == [session.pk]
    topped = client.post(
        f"/api/training/sessions/{session.pk}/requests",
        {"request_ids": [waiting.training_request.pk]},
        content_type="application/json",
    )
    assert topped.status_code == 200 and topped.json()["state"] == "scheduled"
    assert Learner.objects.filter(request__session=session).count() == 2 * QUORUM
