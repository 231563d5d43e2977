"""The training group's side, rows 5–9 of seed 002: plan a session from merged requests once the quorum
is reached, top it up, announce it, take attendance, record the exam, issue certificates, or cancel with
notice.

A session is a record with a lifecycle of its own (`training.session` in apps/training/workflow.py):
each step is an action of that process, run by the workflow core, which moves the session's requests
with it as the action declares. The functions here are the steps' own work (the `effect` and `after` of
each action) and the few pages' entry points. Locks are taken in one order everywhere: the session's
case, then its requests' cases, then the request rows (a request cancelled on its own page holds its case
and then writes its row).
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from apps.accounts import permissions
from apps.accounts.models import User
from apps.accounts.roles import AGENCY_ROLES
from apps.accounts.selectors import users_with_roles
from apps.audit.trail import audit_append
from apps.core import freshness
from apps.core.digits import to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError
from apps.core.field_history import update_record
from apps.core.jalali import format_date
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users
from apps.workflow.models import Case, StepRecord
from apps.workflow.services import cases_lock, record_open, record_perform

from ..documents import certificates_enqueue
from ..models import Absence, Course, CourseSession, Learner, Meeting, Mode, TrainingRequest
from ..permissions import ATTENDANCE, SCORE, SESSION
from ..rules import EXAM_TOTAL_MARK, MAX_RUN_DAYS, MIN_RUN_DAYS, QUORUM, SESSION_PROCESS_NAME, learner_passes
from .clashes import session_clash_check, timetable_lock

State = CourseSession.State
OPEN_STATES = CourseSession.OPEN_STATES
fa = to_persian_digits


def _check_staff(actor: User, action: str = "act", kind: str = SESSION) -> None:
    """Rows 5–9 are the training group's: the permission table says who that is."""
    if not permissions.may(actor, kind, action):
        raise ForbiddenError("فقط رئیس و کارشناس گروه آموزش این کار را انجام می‌دهند.")


def _lock(session: CourseSession, *expected: str) -> CourseSession:
    # The session's own case first, as the core locks it for every step of the session: a sheet of scores or
    # absences and a step that reads them (examine, finish) then wait for each other instead of writing the
    # same learners in two orders (a deadlock the load test found).
    cases_lock(CourseSession.objects.filter(pk=session.pk).values("case_id"))
    locked = CourseSession.objects.select_for_update(no_key=True).select_related("course").get(pk=session.pk)
    if locked.state not in expected:
        raise ConflictError(f"این کار در وضعیت «{locked.get_state_display()}» اجرای دوره ممکن نیست.")
    return locked


def _lock_cases(session: CourseSession) -> None:
    cases_lock(session.requests.values_list("case_id", flat=True))


def _people(session: CourseSession) -> int:
    return Learner.objects.filter(request__session=session).count()


def _check_quorum(session: CourseSession, doing: str) -> None:
    """A session below the quorum (a request left it) is not announced or held until it is topped up."""
    _lock_cases(session)  # no request may leave between the count and the step
    people = _people(session)
    if people < QUORUM:
        raise ConflictError(
            f"این اجرا {fa(people)} فراگیر دارد و حد نصاب دوره {fa(QUORUM)} نفر است؛ پیش از {doing}، "
            "درخواست تأییدشده دیگری از همین دوره به آن بیفزایید (تکمیل ظرفیت) یا اجرا را لغو کنید.",
        )


def _take_gathered(requests: list[TrainingRequest], course: Course) -> list[TrainingRequest]:
    """Locks the chosen requests and checks they are this course's, approved and in no session yet."""
    ids = sorted({r.pk for r in requests})
    cases_lock(TrainingRequest.objects.filter(pk__in=ids).values_list("case_id", flat=True))
    locked = list(
        TrainingRequest.objects.select_for_update(no_key=True, of=("self",))
        .select_related("case")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if not locked:
        raise InvalidError("دست‌کم یک درخواست را برای این دوره انتخاب کنید.")
    if any(r.course_id != course.pk for r in locked):
        raise InvalidError("فقط درخواست‌های تأییدشده همین دوره ادغام می‌شوند.")
    # Read under the lock: another expert may have merged or a requester withdrawn one a moment ago.
    taken = [r.case.tracking_code for r in locked if r.case.state != "gathering" or r.session_id]
    if taken:
        raise ConflictError(
            f"این درخواست‌ها دیگر در انتظار برنامه‌ریزی نیستند: {'، '.join(taken)}. فهرست را دوباره باز کنید.",
        )
    return locked


def _check_capacity(course: Course, people: int) -> None:
    if people > course.capacity:
        raise InvalidError(
            f"ظرفیت دوره {fa(course.capacity)} نفر است و با درخواست‌های انتخاب‌شده {fa(people)} نفر می‌شوند."
        )


def _agencies(session: CourseSession) -> set[int]:
    """The agencies whose requests the session took: whose people see its rows and its requests' cases."""
    return set(session.requests.values_list("organization_id", flat=True))


def _due_on_last_day(session: CourseSession) -> None:
    # Row 7's allowance is the course's own length: the requests are due on its last day.
    cases = Case.objects.filter(training_request__session=session, state="running")
    with freshness.rows_of(Case, StepRecord, agencies=_agencies(session)):
        cases.update(due_date=session.ends_on)
        StepRecord.objects.filter(case__in=cases, finished_at__isnull=True).update(due_date=session.ends_on)


def _announce_to(session: CourseSession, people: list[User]) -> None:
    notify_users(
        users=people,
        subject=f"برنامه اجرای دوره «{session.course.title}»",
        body=(
            f"زمان: {format_date(session.starts_on)} تا {format_date(session.ends_on)}\n"
            f"مکان: {session.place}\nنحوه اجرا: {session.get_mode_display()}\nمدرس: {session.instructor}"
        ),
    )


def _agency_people(session: CourseSession) -> list[User]:
    """The officers of every agency in the session and whoever filed each request."""
    requests = list(session.requests.select_related("case__created_by"))
    people = {r.case.created_by_id: r.case.created_by for r in requests}
    officers = users_with_roles(*AGENCY_ROLES, organization_ids={r.organization_id for r in requests})
    people.update({u.pk: u for u in officers})
    return list(people.values())


def _run_days(starts_on: dt.date, ends_on: dt.date) -> int:
    return WorkCalendar().working_days_between(starts_on - dt.timedelta(days=1), ends_on)


@transaction.atomic
def session_plan(
    *,
    actor: User,
    course: Course,
    requests: list[TrainingRequest],
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    mode: str,
    instructor: str,
    meetings: int,
    ip: str | None = None,
) -> CourseSession:
    """Row 5: merges gathered requests (of one or several agencies) into a session, at least QUORUM people."""
    _check_staff(actor, "create")
    timetable_lock()
    locked = _take_gathered(requests, course)
    people = Learner.objects.filter(request__in=locked).count()
    if people < QUORUM:
        raise InvalidError(f"حد نصاب دوره {fa(QUORUM)} نفر است و درخواست‌های انتخاب‌شده {fa(people)} نفرند.")
    _check_capacity(course, people)
    if ends_on < starts_on:
        raise InvalidError("تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد.")
    if not MIN_RUN_DAYS <= _run_days(starts_on, ends_on) <= MAX_RUN_DAYS:
        raise InvalidError(f"اجرای دوره باید {fa(MIN_RUN_DAYS)} تا {fa(MAX_RUN_DAYS)} روز کاری باشد.")
    if mode not in Mode.values:
        raise InvalidError("نحوه اجرا را انتخاب کنید.")
    if not 1 <= meetings <= course.hours:
        raise InvalidError("تعداد جلسه‌ها باید دست‌کم یک و بیش از ساعات دوره نباشد.")
    if not place.strip() or not instructor.strip():
        raise InvalidError("محل برگزاری و نام مدرس را بنویسید.")
    session_clash_check(
        starts_on=starts_on, ends_on=ends_on, place=place.strip(), mode=mode, instructor=instructor.strip()
    )
    hours = (Decimal(course.hours) / meetings).quantize(Decimal("0.01"))

    def create(case: Case) -> CourseSession:
        session = CourseSession.objects.create(
            case=case,
            course=course,
            starts_on=starts_on,
            ends_on=ends_on,
            place=place.strip(),
            mode=mode,
            instructor=instructor.strip(),
            created_by=actor,
        )
        # Merged before the case opens: its process's `opening` moves them to the session's first step.
        with freshness.rows_of(Meeting, TrainingRequest, agencies={r.organization_id for r in locked}):
            Meeting.objects.bulk_create(
                [Meeting(session=session, number=n, hours=hours) for n in range(1, meetings + 1)]
            )
            TrainingRequest.objects.filter(pk__in=[r.pk for r in locked]).update(session=session)
        update_record(instances=locked, field="session", new=session, actor=actor)
        return session

    session = record_open(
        process_name=SESSION_PROCESS_NAME,
        owner=actor.organization,
        actor=actor,
        title=f"اجرای دوره «{course.title}»",
        create=create,
        ip=ip,
        changes={"course": course.title, "requests": [r.case.tracking_code for r in locked]},
    )
    return session


@transaction.atomic
def session_top_up(
    *, session: CourseSession, actor: User, requests: list[TrainingRequest], ip: str | None = None
) -> CourseSession:
    """Adds approved requests of the same course to a session not yet held: to bring it back to the
    quorum after a request left, or to merge a new request instead of opening another session.

    Joining an announced session, a request takes both steps the others took (the session's `top_up`
    declares them) and its agency is sent the schedule at once; the others have had it already.
    """
    _check_staff(actor)
    added: list[TrainingRequest] = []

    def merge(case: Case) -> dict:
        locked = CourseSession.objects.select_related("course").get(pk=session.pk)
        added.extend(_take_gathered(requests, locked.course))
        before = _people(locked)
        people = before + Learner.objects.filter(request__in=added).count()
        _check_capacity(locked.course, people)
        with freshness.rows_of(TrainingRequest, agencies={r.organization_id for r in added}):
            TrainingRequest.objects.filter(pk__in=[r.pk for r in added]).update(session=locked)
        update_record(instances=added, field="session", new=locked, actor=actor)
        return {"requests": [r.case.tracking_code for r in added], "people": [before, people]}

    session = record_perform(session, "top_up", actor=actor, ip=ip, apply=merge)
    if session.state == State.ANNOUNCED:
        _due_on_last_day(session)
        newcomers = {r.case.created_by_id for r in added}
        officers = {r.organization_id for r in added}
        _announce_to(
            session,
            [u for u in _agency_people(session) if u.pk in newcomers or u.organization_id in officers],
        )
    return session


def request_leave_session(case: Case, actor: User, reason: str) -> dict | None:
    """The cancel action's effect: a request cancelled (or withdrawn) after its session was planned leaves
    it, so its learners come off the attendance and score sheets and get no certificate, and the session
    is held to the quorum again at announce and at finish.

    Runs inside perform(), which holds the case's lock; the session is not locked here, since everything
    else locks a session before its cases. When the whole session is being cancelled its requests stay
    on its record.
    """
    request = TrainingRequest.objects.select_related("session").get(case=case)
    session = request.session
    if session is None or session.state == State.CANCELLED:
        return None
    with freshness.rows_of(TrainingRequest, agencies={request.organization_id}):
        TrainingRequest.objects.filter(pk=request.pk).update(session=None)
    update_record(instances=[request], field="session", new=None, actor=actor)
    return {"left_session": session.pk}


def announce_effect(case: Case, actor: User, reason: str) -> dict:
    """Row 6 is not sent for a session below the quorum."""
    _check_quorum(case.course_session, "اعلام برنامه")
    return {}


def announce_after(case: Case, actor: User, reason: str) -> None:
    """Row 6: the system message to every agency concerned with time, place and mode; the requests, now
    running, are due on the session's last day."""
    session = case.course_session
    _due_on_last_day(session)
    _announce_to(session, _agency_people(session))


def session_announce(*, session: CourseSession, actor: User, ip: str | None = None) -> CourseSession:
    return session_act(session=session, actor=actor, action="announce", ip=ip)


@transaction.atomic
def absences_record(
    *, session: CourseSession, actor: User, absent: dict[int, set[int]], ip: str | None = None
) -> int:
    """Row 7: attendance per meeting; `absent` maps a learner's id to the meeting numbers they missed."""
    _check_staff(actor, "edit", ATTENDANCE)
    session = _lock(session, State.ANNOUNCED)
    learners = {
        pk: None for pk in Learner.objects.filter(request__session=session).values_list("pk", flat=True)
    }
    meetings = {m.number: m for m in session.meetings.all()}
    if set(absent) - set(learners) or any(set(n) - set(meetings) for n in absent.values()):
        raise InvalidError("فراگیر یا جلسه‌ای که انتخاب شده در این دوره نیست.")
    # A sheet of the session's learners, seen by the agencies whose requests it took.
    with freshness.rows_of(Absence, agencies=_agencies(session)):
        Absence.objects.filter(meeting__session=session).delete()
        Absence.objects.bulk_create(
            [Absence(meeting=meetings[n], learner_id=pk) for pk, numbers in absent.items() for n in numbers]
        )
    totals = dict(
        Absence.objects.filter(meeting__session=session)
        .values_list("learner_id")
        .annotate(hours=Sum("meeting__hours"))
    )
    for learner in Learner.objects.filter(request__session=session):
        learner.absent_hours = totals.get(learner.pk, Decimal(0))
        learner.save(update_fields=["absent_hours"])
    audit_append(
        action="training.attendance.recorded",
        actor=actor,
        subject=session,
        changes={"absences": sum(len(n) for n in absent.values())},
        ip=ip,
    )
    return len(totals)


def finish_effect(case: Case, actor: User, reason: str) -> dict:
    """End of row 7, for a session still at the quorum; the exam is next."""
    _check_quorum(case.course_session, "ثبت پایان دوره")
    return {}


def session_finish(*, session: CourseSession, actor: User, ip: str | None = None) -> CourseSession:
    return session_act(session=session, actor=actor, action="finish", ip=ip)


@transaction.atomic
def scores_record(
    *, session: CourseSession, actor: User, scores: dict[int, Decimal], ip: str | None = None
) -> int:
    """Row 8: exam scores (out of EXAM_TOTAL_MARK) typed on the page or imported from .xlsx."""
    _check_staff(actor, "edit", SCORE)
    session = _lock(session, State.HELD)
    learners = {learner.pk: learner for learner in Learner.objects.filter(request__session=session)}
    if set(scores) - set(learners):
        raise InvalidError("فراگیری که نمره‌اش آمده در این دوره نیست.")
    for pk, score in scores.items():
        if score is not None and not 0 <= score <= EXAM_TOTAL_MARK:
            raise InvalidError(f"نمره باید بین ۰ و {int(EXAM_TOTAL_MARK)} باشد.")
        learners[pk].score = score
        learners[pk].save(update_fields=["score"])
    audit_append(
        action="training.scores.recorded",
        actor=actor,
        subject=session,
        changes={str(pk): str(score) for pk, score in scores.items()},
        ip=ip,
    )
    return len(scores)


def examine_effect(case: Case, actor: User, reason: str) -> dict:
    """Closes row 8: every learner has a score; who passed is decided from score and attendance."""
    session = case.course_session
    learners = list(Learner.objects.filter(request__session=session))
    missing = sum(1 for learner in learners if learner.score is None)
    if missing:
        raise InvalidError(f"نمره {fa(missing)} فراگیر هنوز ثبت نشده است.")
    for learner in learners:
        learner.passed = learner_passes(
            score=learner.score, absent_hours=learner.absent_hours, course_hours=session.course.hours
        )
        learner.save(update_fields=["passed"])
    return {"passed": sum(1 for learner in learners if learner.passed)}


def session_examine(*, session: CourseSession, actor: User, ip: str | None = None) -> CourseSession:
    return session_act(session=session, actor=actor, action="examine", ip=ip)


def certify_effect(case: Case, actor: User, reason: str) -> dict:
    """Row 9: the step is recorded now; after commit one task per learner who passed issues the PDF.

    Rendering a few hundred certificates inside the request would hold the session's lock for minutes
    and lose them all on one failure; the tasks are idempotent and the sweep finishes what a lost worker
    left (documents.certificates_resume). The batch is issued in the certifying person's name.
    """
    session = case.course_session
    session.certified_by, session.certified_at = actor, timezone.now()
    session.save(update_fields=["certified_by", "certified_at"])
    return {}


def certify_after(case: Case, actor: User, reason: str) -> None:
    """The certificates are queued once the step commits, and the agencies are asked for the two forms."""
    session = case.course_session
    passed = list(
        Learner.objects.filter(request__session=session, passed=True, certificate__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: certificates_enqueue(learner_ids=passed))
    notify_users(
        users=_agency_people(session),
        subject=f"گواهی‌نامه‌های دوره «{session.course.title}» صادر شد",
        body="برای دریافت گواهی‌نامه‌ها، فرم ارزشیابی دوره و فرم نظرسنجی را در صفحه درخواست تکمیل کنید.",
    )


def session_certify(*, session: CourseSession, actor: User, ip: str | None = None) -> CourseSession:
    return session_act(session=session, actor=actor, action="certify", ip=ip)


def cancel_effect(case: Case, actor: User, reason: str) -> dict:
    """Row 5's alternative: the session does not run (left below the quorum, say). The requests stay on
    its record as they are cancelled with it (`request_leave_session`)."""
    return {"course": case.course_session.course.title}


def cancel_after(case: Case, actor: User, reason: str) -> None:
    """Every agency in the session is told why."""
    session = case.course_session
    notify_users(
        users=_agency_people(session), subject=f"لغو دوره «{session.course.title}»", body=f"دلیل: {reason}"
    )


def session_cancel(
    *, session: CourseSession, actor: User, reason: str, ip: str | None = None
) -> CourseSession:
    return session_act(session=session, actor=actor, action="cancel", reason=reason, ip=ip)


def session_act(
    *, session: CourseSession, actor: User, action: str, reason: str = "", ip: str | None = None
) -> CourseSession:
    """One of the session's steps by its name in the session's process, for the page's buttons and the
    API alike; what each does is declared there."""
    _check_staff(actor)
    return record_perform(session, action, actor=actor, reason=reason, ip=ip)
