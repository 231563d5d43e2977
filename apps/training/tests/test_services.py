"""Service B's services: what each step changes, what it records, who is told, and what it refuses."""

import datetime as dt
from decimal import Decimal

import pytest

from apps.accounts.tests.factories import ProvinceFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.core.errors import ConflictError, ForbiddenError, ServiceError
from apps.core.jalali import today
from apps.core.tests.xlsx import xlsx_upload
from apps.notifications.models import Message
from apps.training.models import CourseSession, Learner, TrainingRequest
from apps.training.rules import QUORUM
from apps.training.selectors import session_learners
from apps.training.services import requests as request_services
from apps.training.services import sessions as session_services
from apps.workflow.models import Case
from apps.workflow.services import available_actions, perform

from .conftest import HEADERS, learner_rows, pdf_upload, plan

pytestmark = pytest.mark.django_db


def test_it_files_a_request_with_its_learners_and_documents(file_request, agency_officer, training_expert):
    case = file_request(agency_officer, count=3)

    assert case.state == "review"
    assert case.current_unit.code == "training"
    request = case.training_request
    assert request.learners.count() == 3
    assert request.learners.first().organization == agency_officer.organization
    assert {a.title for a in case.attachments.all()} == {
        "معرفی‌نامه رسمی شرکت‌کنندگان",
        "فیش بانکی واریز شهریه",
    }
    assert AuditEntry.objects.filter(case=case, action="training.request.opened").exists()
    assert Message.objects.filter(recipient=training_expert, case=case).exists()


def test_a_malformed_learner_file_changes_nothing_and_lists_its_errors(course, agency_officer):
    rows = learner_rows(0, 3)
    rows[0][1] = "1234567890"  # a national ID whose checksum is wrong
    rows[1][2] = "ساعتی"  # no such employment type
    rows[2][5] = "12345"  # not a mobile number

    with pytest.raises(request_services.LearnerFileError) as refused:
        request_services.request_file(
            actor=agency_officer,
            course=course,
            receipt_number="R1",
            receipt_amount=course.tuition * 3,
            receipt_date=today(),
            learner_file=xlsx_upload([HEADERS, *rows]),
            letter_file=pdf_upload(),
            receipt_file=pdf_upload(),
        )

    errors = {(e.row_number, e.column_header) for e in refused.value.errors}
    assert errors == {(2, "کد ملی"), (3, "نوع استخدام"), (4, "شماره همراه")}
    assert "هیچ چیزی ثبت نشد" in refused.value.message
    assert not Case.objects.exists() and not Learner.objects.exists()


def test_a_learner_already_registered_in_the_same_course_is_refused(
    file_request, agency_officer, other_officer
):
    file_request(agency_officer, start=0, count=3)

    with pytest.raises(request_services.LearnerFileError) as refused:
        file_request(other_officer, start=2, count=2)

    assert [(e.row_number, e.message) for e in refused.value.errors] == [(2, "این کد ملی پیش‌تر ثبت شده است.")]
    assert TrainingRequest.objects.count() == 1


def test_a_receipt_below_the_tuition_of_all_learners_is_refused(course, agency_officer):
    with pytest.raises(ServiceError, match="کمتر از شهریه"):
        request_services.request_file(
            actor=agency_officer,
            course=course,
            receipt_number="R1",
            receipt_amount=course.tuition * 2,
            receipt_date=today(),
            learner_file=xlsx_upload([HEADERS, *learner_rows(0, 3)]),
            letter_file=pdf_upload(),
            receipt_file=pdf_upload(),
        )
    assert not Case.objects.exists()


def test_the_organization_cannot_file_for_an_agency(course, training_expert):
    with pytest.raises(ServiceError) as refused:
        request_services.request_file(
            actor=training_expert,
            course=course,
            receipt_number="R1",
            receipt_amount=course.tuition,
            receipt_date=today(),
            learner_file=xlsx_upload([HEADERS, *learner_rows(0, 1)]),
            letter_file=pdf_upload(),
            receipt_file=pdf_upload(),
        )
    assert isinstance(refused.value, ForbiddenError)


def test_it_refuses_a_request_for_another_provinces_course(file_request, agency_officer, course):
    course.province = ProvinceFactory(code="ilam", name="ایلام", tracking_prefix="12")
    course.save(update_fields=["province"])

    with pytest.raises(ServiceError, match="در تقویم آموزشی استان شما نیست"):
        file_request(agency_officer, count=3)
    assert not TrainingRequest.objects.exists()


def test_a_returned_request_is_fixed_with_a_new_learner_form_and_sent_back(
    file_request, agency_officer, training_expert
):
    case = file_request(agency_officer, count=2)
    perform(case, "return", actor=training_expert, reason="فیش خوانا نیست.")

    case = request_services.request_fix(
        request=case.training_request,
        actor=agency_officer,
        learner_file=xlsx_upload([HEADERS, *learner_rows(0, 3)]),
        receipt_amount=3_000_000,
    )

    assert case.state == "review"
    assert case.training_request.learners.count() == 3
    assert AuditEntry.objects.filter(case=case, action="training.request.resubmit").exists()


def test_nineteen_participants_cannot_be_scheduled(
    gathered, course, training_expert, agency_officer, other_officer
):
    cases = [
        gathered(agency_officer, start=0, count=10),
        gathered(other_officer, start=10, count=QUORUM - 11),
    ]

    with pytest.raises(ServiceError, match="حد نصاب دوره ۲۰ نفر است و درخواست‌های انتخاب‌شده ۱۹ نفرند"):
        plan(training_expert, course, cases)

    assert not CourseSession.objects.exists()
    assert {c.state for c in Case.objects.all()} == {"gathering"}


def test_twenty_participants_of_two_agencies_are_merged_into_one_session(
    gathered, course, training_expert, agency_officer, other_officer
):
    cases = [
        gathered(agency_officer, start=0, count=10),
        gathered(other_officer, start=10, count=QUORUM - 10),
    ]

    session = plan(training_expert, course, cases)

    assert session.state == CourseSession.State.SCHEDULED
    assert session.meetings.count() == 10
    assert set(session.requests.values_list("organization__code", flat=True)) == {"101", "102"}
    assert {c.state for c in Case.objects.all()} == {"scheduled"}
    assert AuditEntry.objects.filter(action="training.session.scheduled").exists()


def test_a_request_merged_a_moment_ago_by_another_expert_is_a_conflict_and_plans_nothing(
    gathered, course, training_expert, agency_officer, other_officer
):
    first = gathered(agency_officer, start=0, count=QUORUM)
    second = gathered(other_officer, start=QUORUM, count=QUORUM)
    plan(training_expert, course, [first])

    with pytest.raises(ServiceError) as refused:
        plan(training_expert, course, [first, second])

    assert isinstance(refused.value, ConflictError)
    assert first.tracking_code in refused.value.message and second.tracking_code not in refused.value.message
    assert CourseSession.objects.count() == 1
    assert Case.objects.get(pk=second.pk).state == "gathering"


def test_a_session_longer_than_seven_working_days_is_refused(
    gathered, course, training_expert, agency_officer
):
    case = gathered(agency_officer, count=QUORUM)
    start = today()
    with pytest.raises(ServiceError, match="روز کاری"):
        plan(training_expert, course, [case], starts_on=start, ends_on=start + dt.timedelta(days=14))


def test_an_agency_user_cannot_plan_a_session(gathered, course, agency_officer):
    case = gathered(agency_officer, count=QUORUM)
    with pytest.raises(ServiceError) as refused:
        plan(agency_officer, course, [case])
    assert isinstance(refused.value, ForbiddenError)


def test_announcing_messages_every_agency_with_time_place_and_mode(
    gathered, course, training_expert, agency_officer, other_officer
):
    cases = [gathered(agency_officer, start=0, count=10), gathered(other_officer, start=10, count=10)]
    session = plan(training_expert, course, cases)

    session_services.session_announce(session=session, actor=training_expert)

    for officer in (agency_officer, other_officer):
        message = Message.objects.get(recipient=officer, subject__startswith="برنامه اجرای دوره")
        assert "مکان: سالن آموزش" in message.body and "نحوه اجرا: حضوری" in message.body
    running = Case.objects.filter(state="running")
    assert running.count() == 2
    assert {c.due_date for c in running} == {session.ends_on}


def test_absence_above_one_tenth_fails_the_course_whatever_the_exam_says(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    session_services.session_announce(session=session, actor=training_expert)
    learners = list(Learner.objects.filter(request__session=session).order_by("pk"))
    # 10 meetings of 2 hours on a 20-hour course: one missed meeting is exactly a tenth, two are more.
    session_services.absences_record(
        session=session, actor=training_expert, absent={learners[0].pk: {1}, learners[1].pk: {1, 2}}
    )
    session_services.session_finish(session=session, actor=training_expert)
    session_services.scores_record(
        session=session,
        actor=training_expert,
        scores={x.pk: Decimal(0) for x in learners[2:]}
        | {
            learners[0].pk: Decimal(90),
            learners[1].pk: Decimal(100),
        },
    )
    session_services.session_examine(session=session, actor=training_expert)

    learners[0].refresh_from_db()
    learners[1].refresh_from_db()
    assert learners[0].absent_hours == Decimal(2) and learners[0].passed is True
    assert learners[1].absent_hours == Decimal(4) and learners[1].passed is False


def test_the_exam_cannot_close_while_a_score_is_missing(held_session, training_expert):
    with pytest.raises(ServiceError, match="هنوز ثبت نشده"):
        session_services.session_examine(session=held_session, actor=training_expert)
    assert CourseSession.objects.get(pk=held_session.pk).state == CourseSession.State.HELD


def test_a_score_above_the_total_mark_is_refused(held_session, training_expert):
    learner = Learner.objects.filter(request__session=held_session).first()
    with pytest.raises(ServiceError, match="بین"):
        session_services.scores_record(
            session=held_session, actor=training_expert, scores={learner.pk: Decimal(101)}
        )
    learner.refresh_from_db()
    assert learner.score is None


def test_certificates_go_to_sixty_percent_and_not_to_fifty_nine_point_nine(
    held_session, training_expert, django_capture_on_commit_callbacks
):
    learners = list(Learner.objects.filter(request__session=held_session).order_by("pk"))
    scores = {x.pk: Decimal(0) for x in learners} | {
        learners[0].pk: Decimal("60"),
        learners[1].pk: Decimal("59.9"),
    }
    session_services.scores_record(session=held_session, actor=training_expert, scores=scores)
    session_services.session_examine(session=held_session, actor=training_expert)

    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_certify(session=held_session, actor=training_expert)

    learners[0].refresh_from_db()
    learners[1].refresh_from_db()
    assert learners[0].certificate is not None
    assert learners[0].certificate.kind == "training.certificate"
    assert learners[0].certificate.file.read().startswith(b"%PDF")
    assert learners[1].certificate is None and learners[1].passed is False
    case = learners[0].request.case
    case.refresh_from_db()
    assert case.state == "forms"
    assert Message.objects.filter(subject__contains="گواهی‌نامه‌های دوره").exists()


def test_certificates_stay_locked_until_both_forms_are_filled(certified_request, agency_officer):
    request = certified_request
    with pytest.raises(ServiceError) as locked:
        request_services.certificates_check_release(request=request, user=agency_officer)
    assert isinstance(locked.value, ForbiddenError)

    request_services.evaluation_submit(
        request=request,
        actor=agency_officer,
        answers={"syllabus": 5, "instructor": 4, "venue": 3, "usefulness": 5, "comment": ""},
    )
    request = TrainingRequest.objects.get(pk=request.pk)
    with pytest.raises(ServiceError):
        request_services.certificates_check_release(request=request, user=agency_officer)
    assert request.case.state == "forms"

    request_services.survey_submit(
        request=request,
        actor=agency_officer,
        answers={"satisfaction": 4, "timeliness": 5, "desk": 5, "comment": ""},
    )
    request = TrainingRequest.objects.get(pk=request.pk)
    request_services.certificates_check_release(request=request, user=agency_officer)
    assert request.case.state == "completed"
    assert AuditEntry.objects.filter(case=request.case, action="training.survey.filled").exists()


def test_another_agency_cannot_fill_the_forms(certified_request, other_officer):
    with pytest.raises(ServiceError) as refused:
        request_services.evaluation_submit(
            request=certified_request,
            actor=other_officer,
            answers={"syllabus": 5, "instructor": 4, "venue": 3, "usefulness": 5, "comment": ""},
        )
    assert isinstance(refused.value, ForbiddenError)


def test_cancelling_a_session_cancels_its_requests_with_notice(
    gathered, course, training_expert, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])

    session_services.session_cancel(session=session, actor=training_expert, reason="مدرس در دسترس نیست.")

    assert CourseSession.objects.get(pk=session.pk).state == CourseSession.State.CANCELLED
    case = Case.objects.get(process="training.request")
    assert case.state == "cancelled" and case.is_closed
    assert Message.objects.filter(recipient=agency_officer, body__contains="مدرس در دسترس نیست.").exists()


def test_cancelling_without_a_reason_is_refused(gathered, course, training_expert, agency_officer):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    with pytest.raises(ServiceError, match="دلیل"):
        session_services.session_cancel(session=session, actor=training_expert, reason=" ")
    assert CourseSession.objects.get(pk=session.pk).state == CourseSession.State.SCHEDULED


def test_the_management_units_expert_cannot_run_training_sessions(
    gathered, course, agency_officer, org_expert
):
    case = gathered(agency_officer, count=QUORUM)
    with pytest.raises(ServiceError) as refused:
        plan(org_expert, course, [case])
    assert isinstance(refused.value, ForbiddenError)


def test_a_session_driven_step_has_no_button_on_the_case_page(gathered, training_expert, agency_officer):
    case = gathered(agency_officer, count=3)

    assert [a.name for a in available_actions(training_expert, case)] == ["cancel"]
    with pytest.raises(ServiceError, match="صفحه اجرای دوره"):
        perform(case, "schedule", actor=training_expert)


def test_a_second_agency_user_sees_its_learners_only(
    gathered, course, training_expert, agency_officer, other_officer
):
    cases = [gathered(agency_officer, start=0, count=10), gathered(other_officer, start=10, count=10)]
    session = plan(training_expert, course, cases)

    colleague = UserFactory(organization=agency_officer.organization)
    assert {x.organization_id for x in session_learners(session=session, user=colleague)} == {
        agency_officer.organization_id
    }
