"""A request cancelled after its session is planned leaves it, and the session is held to the quorum of
20 again at announce and at finish until it is topped up or cancelled (issue 21)."""

from decimal import Decimal

import pytest

from apps.audit.models import AuditEntry
from apps.core.errors import ConflictError, ServiceError
from apps.notifications.models import Message
from apps.training.models import Course, CourseSession, Learner
from apps.training.rules import QUORUM
from apps.training.selectors import session_learners
from apps.training.services import sessions as session_services
from apps.workflow.models import Case
from apps.workflow.services import perform

from .conftest import plan

pytestmark = pytest.mark.django_db

LEFT = "دستگاه از اعزام این فراگیران انصراف داد."


def _cancel(case, expert):
    return perform(case, "cancel", actor=expert, reason=LEFT)


@pytest.mark.parametrize("step", ["announce", "finish"])
@pytest.mark.parametrize(("cancelled", "live", "allowed"), [(1, QUORUM, True), (2, QUORUM - 1, False)])
def test_a_session_left_at_twenty_live_learners_goes_on_and_at_nineteen_is_refused(
    gathered, course, training_expert, agency_officer, other_officer, step, cancelled, live, allowed
):
    stays = gathered(agency_officer, start=0, count=QUORUM - 1)
    leaving = [gathered(other_officer, start=100 + n, count=1) for n in range(2)]
    session = plan(training_expert, course, [stays, *leaving])
    if step == "finish":
        session_services.session_announce(session=session, actor=training_expert)
    for case in leaving[2 - cancelled :]:
        _cancel(case, training_expert)
    # Two one-person requests, one or both cancelled: 19 + 1 = 20 live learners, or 19.
    assert Learner.objects.filter(request__session=session).count() == live

    act = {"announce": session_services.session_announce, "finish": session_services.session_finish}[step]
    if allowed:
        act(session=session, actor=training_expert)
        return
    with pytest.raises(ServiceError) as refused:
        act(session=session, actor=training_expert)
    assert isinstance(refused.value, ConflictError)
    assert "این اجرا ۱۹ فراگیر دارد و حد نصاب دوره ۲۰ نفر است" in refused.value.message
    expected = CourseSession.State.SCHEDULED if step == "announce" else CourseSession.State.ANNOUNCED
    assert CourseSession.objects.get(pk=session.pk).state == expected


def test_a_cancelled_requests_learners_are_off_the_sheets_and_get_no_certificate(
    gathered, course, training_expert, agency_officer, other_officer, django_capture_on_commit_callbacks
):
    stays = gathered(agency_officer, start=0, count=12)
    leaving = gathered(other_officer, start=100, count=8)
    session = plan(training_expert, course, [stays, leaving])
    session_services.session_announce(session=session, actor=training_expert)

    _cancel(leaving, training_expert)  # while the course runs

    gone = list(Learner.objects.filter(request=leaving.training_request))
    assert {x.pk for x in session_learners(session=session, user=training_expert)}.isdisjoint(
        {x.pk for x in gone}
    )
    assert AuditEntry.objects.get(case=leaving, action="training.request.cancel").changes["left_session"] == (
        session.pk
    )
    with pytest.raises(ServiceError, match="در این دوره نیست"):
        session_services.absences_record(session=session, actor=training_expert, absent={gone[0].pk: {1}})
    with pytest.raises(ServiceError, match="این اجرا ۱۲ فراگیر دارد"):
        session_services.session_finish(session=session, actor=training_expert)

    topped = gathered(agency_officer, start=200, count=8)
    session_services.session_top_up(
        session=session, actor=training_expert, requests=[topped.training_request]
    )
    session_services.session_finish(session=session, actor=training_expert)
    with pytest.raises(ServiceError, match="در این دوره نیست"):
        session_services.scores_record(
            session=session, actor=training_expert, scores={gone[0].pk: Decimal(90)}
        )
    live = list(Learner.objects.filter(request__session=session).order_by("pk"))
    scores = {x.pk: Decimal(0) for x in live} | {live[-1].pk: Decimal(80)}
    session_services.scores_record(session=session, actor=training_expert, scores=scores)
    session_services.session_examine(session=session, actor=training_expert)
    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_certify(session=session, actor=training_expert)

    assert Learner.objects.get(pk=live[-1].pk).certificate is not None
    assert all(
        x.certificate is None and x.passed is None
        for x in Learner.objects.filter(pk__in=[g.pk for g in gone])
    )
    assert Case.objects.get(pk=leaving.pk).state == "cancelled"
    assert Case.objects.get(pk=topped.pk).state == "forms"


def test_topping_up_an_announced_session_sends_the_new_agency_its_schedule(
    gathered, course, training_expert, agency_officer, other_officer
):
    stays = gathered(agency_officer, start=0, count=QUORUM)
    session = plan(training_expert, course, [stays])
    session_services.session_announce(session=session, actor=training_expert)

    joining = gathered(other_officer, start=100, count=5)
    session_services.session_top_up(
        session=session, actor=training_expert, requests=[joining.training_request]
    )

    joined = Case.objects.get(pk=joining.pk)
    assert joined.state == "running" and joined.due_date == session.ends_on
    assert (
        Message.objects.filter(recipient=other_officer, subject__startswith="برنامه اجرای دوره").count() == 1
    )
    assert (
        Message.objects.filter(recipient=agency_officer, subject__startswith="برنامه اجرای دوره").count() == 1
    )
    entry = AuditEntry.objects.get(action="training.session.topped_up")
    assert entry.changes["people"] == [QUORUM, QUORUM + 5]


def test_a_top_up_beyond_the_capacity_of_another_course_or_into_a_held_session_is_refused(
    gathered, file_request, course, training_expert, agency_officer, held_session
):
    cases = [gathered(agency_officer, start=100, count=30)]
    session = plan(training_expert, course, cases, place="کلاس ۲", instructor="مدرس ۲")
    too_many = gathered(agency_officer, start=200, count=11)  # 30 + 11 > 40
    with pytest.raises(ServiceError, match="ظرفیت دوره ۴۰ نفر است و با درخواست‌های انتخاب‌شده ۴۱ نفر"):
        session_services.session_top_up(
            session=session, actor=training_expert, requests=[too_many.training_request]
        )
    other_course = Course.objects.create(
        province=course.province,
        year=course.year,
        title="دوره دیگر",
        category=course.category,
        syllabus="-",
        hours=20,
        tuition=course.tuition,
        planned_month=3,
        mode=course.mode,
        capacity=40,
    )
    elsewhere = perform(
        file_request(agency_officer, start=300, count=2, on=other_course), "approve", actor=training_expert
    )
    with pytest.raises(ServiceError, match="فقط درخواست‌های تأییدشده همین دوره"):
        session_services.session_top_up(
            session=session, actor=training_expert, requests=[elsewhere.training_request]
        )
    with pytest.raises(ServiceError) as refused:
        session_services.session_top_up(
            session=held_session, actor=training_expert, requests=[too_many.training_request]
        )
    assert isinstance(refused.value, ConflictError)
    assert Learner.objects.filter(request__session=session).count() == 30


def test_a_session_left_below_the_quorum_is_cancelled_with_a_message_to_every_agency_still_in_it(
    gathered, course, training_expert, agency_officer, other_officer
):
    stays = gathered(agency_officer, start=0, count=12)
    leaving = gathered(other_officer, start=100, count=8)
    session = plan(training_expert, course, [stays, leaving])
    _cancel(leaving, training_expert)

    session_services.session_cancel(session=session, actor=training_expert, reason="به حد نصاب نرسید.")

    assert CourseSession.objects.get(pk=session.pk).state == CourseSession.State.CANCELLED
    assert Case.objects.get(pk=stays.pk).state == "cancelled"
    assert Message.objects.filter(recipient=agency_officer, subject__startswith="لغو دوره").exists()
    assert not Message.objects.filter(recipient=other_officer, subject__startswith="لغو دوره").exists()
