"""API of service B: the calendar, registrations, sessions, attendance, scores and certificates, through the
same services and scoped selectors as the pages (so the same permissions)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from apps.accounts.permissions import permission, public
from apps.core.errors import InvalidError
from apps.core.http import client_ip
from apps.core.pagination import BoundedPagination

from . import selectors
from .permissions import ATTENDANCE, CERTIFICATES, EVALUATION, HISTORY, REQUEST, SCORE, SESSION, SURVEY
from .services import requests as request_services
from .services import sessions as session_services

router = Router(tags=["training"])


class CourseOut(Schema):
    id: int
    year: int
    title: str
    category: str
    syllabus: str
    hours: int
    tuition: int
    planned_month: int
    mode: str
    venue: str
    capacity: int
    province_id: int | None


class CalendarFilters(Schema):
    year: int | None = None
    month: int | None = None
    category: str = ""
    province: int | None = Field(
        None, description="a province's id: its courses only (every province's if none)"
    )


class RequestFilters(Schema):
    state: str = Field("", description="the case's state, e.g. gathering: approved and waiting for a session")
    course: int | None = None
    q: str = Field("", description="a tracking code or part of a course's title")


class SessionFilters(Schema):
    state: str = ""
    course: int | None = None
    open: bool = Field(False, description="only sessions not yet held, where a request may be merged")


class LearnerOut(Schema):
    id: int
    full_name: str
    national_id: str
    employment_type: str
    post: str
    education: str
    absent_hours: Decimal
    score: Decimal | None
    passed: bool | None


class RequestOut(Schema):
    id: int
    tracking_code: str
    course_id: int
    course_title: str
    organization_code: str
    state: str
    state_label: str
    due_date: dt.date | None
    session_id: int | None
    people: int = Field(description="learners on the request")
    receipt_number: str
    receipt_amount: int
    receipt_date: dt.date

    @staticmethod
    def resolve_tracking_code(obj):
        return obj.case.tracking_code

    @staticmethod
    def resolve_course_title(obj):
        return obj.course.title

    @staticmethod
    def resolve_organization_code(obj):
        return obj.organization.code

    @staticmethod
    def resolve_state(obj):
        return obj.case.state

    @staticmethod
    def resolve_state_label(obj):
        return obj.case.state_label

    @staticmethod
    def resolve_due_date(obj):
        return obj.case.due_date


class RequestDetailOut(RequestOut):
    learners: list[LearnerOut]
    evaluation_filled: bool
    survey_filled: bool

    @staticmethod
    def resolve_learners(obj):
        return list(selectors.request_learners(request=obj))

    @staticmethod
    def resolve_evaluation_filled(obj):
        return hasattr(obj, "evaluation")

    @staticmethod
    def resolve_survey_filled(obj):
        return hasattr(obj, "survey")


class RequestIn(Schema):
    course_id: int
    receipt_number: str
    receipt_amount: int
    receipt_date: dt.date


class FiledOut(Schema):
    tracking_code: str
    state: str


class SessionOut(Schema):
    id: int
    course_id: int
    course_title: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    mode: str
    instructor: str
    state: str

    @staticmethod
    def resolve_course_title(obj):
        return obj.course.title


class SessionDetailOut(SessionOut):
    learners: list[LearnerOut]


class SessionIn(Schema):
    course_id: int
    request_ids: list[int]
    starts_on: dt.date
    ends_on: dt.date
    place: str
    mode: str
    instructor: str
    meetings: int


class TopUpIn(Schema):
    request_ids: list[int] = Field(description="approved requests of the session's course, in no session yet")


class SessionActIn(Schema):
    action: str
    reason: str = ""


class AbsenceIn(Schema):
    learner_id: int
    meetings: list[int]


class AttendanceIn(Schema):
    absences: list[AbsenceIn]


class ScoreIn(Schema):
    learner_id: int
    score: Decimal


class ScoresIn(Schema):
    scores: list[ScoreIn]


class CertificateOut(Schema):
    learner_id: int
    full_name: str
    national_id: str
    verification_code: str
    download_url: str


class RatingsIn(Schema):
    comment: str = ""


class EvaluationIn(RatingsIn):
    syllabus: int
    instructor: int
    venue: int
    usefulness: int


class SurveyIn(RatingsIn):
    satisfaction: int
    timeliness: int
    desk: int


@router.get(
    "/calendar", response=list[CourseOut], auth=None, summary="The annual calendar or a month's program"
)
@public
def calendar(request: HttpRequest, filters: Query[CalendarFilters]):
    return list(selectors.course_list(filters=filters.dict()))


@router.get("/requests", response=list[RequestOut], summary="Registration requests the caller may see")
@permission(REQUEST)
@paginate(BoundedPagination)
def request_list(request: HttpRequest, filters: Query[RequestFilters]):
    return selectors.request_list_for_user(user=request.user, filters=filters.dict())


@router.post(
    "/requests", response={201: FiledOut}, summary="File a registration request with its learner form"
)
@permission(REQUEST, "create")
def request_file(
    request: HttpRequest,
    payload: Form[RequestIn],
    learner_file: File[UploadedFile],
    letter_file: File[UploadedFile],
    receipt_file: File[UploadedFile],
):
    data = payload.dict()
    course = selectors.course_get(pk=data.pop("course_id"))
    try:
        case = request_services.request_file(
            actor=request.user,
            course=course,
            learner_file=learner_file,
            letter_file=letter_file,
            receipt_file=receipt_file,
            ip=client_ip(request),
            **data,
        )
    except request_services.LearnerFileError as exc:
        rows = "؛ ".join(f"ردیف {e.row_number} {e.column_header}: {e.message}" for e in exc.errors[:50])
        raise InvalidError(f"{exc.message} {rows}") from exc
    return Status(201, case)


@router.get("/requests/{pk}", response=RequestDetailOut, summary="A request with its learners")
@permission(REQUEST, lookup="pk")
def request_detail(request: HttpRequest, pk: int):
    return selectors.request_get_for_user(user=request.user, pk=pk)


@router.post("/requests/{pk}/evaluation", response={201: dict}, summary="Fill the course evaluation form")
@permission(EVALUATION, "create", lookup="pk")
def request_evaluation(request: HttpRequest, pk: int, payload: EvaluationIn):
    training_request = selectors.request_get_for_user(
        user=request.user, pk=pk, action="create", kind=EVALUATION
    )
    request_services.evaluation_submit(
        request=training_request, actor=request.user, answers=payload.dict(), ip=client_ip(request)
    )
    return Status(201, {"detail": "فرم ارزشیابی ثبت شد."})


@router.post("/requests/{pk}/survey", response={201: dict}, summary="Fill the satisfaction survey")
@permission(SURVEY, "create", lookup="pk")
def request_survey(request: HttpRequest, pk: int, payload: SurveyIn):
    training_request = selectors.request_get_for_user(user=request.user, pk=pk, action="create", kind=SURVEY)
    request_services.survey_submit(
        request=training_request, actor=request.user, answers=payload.dict(), ip=client_ip(request)
    )
    return Status(201, {"detail": "فرم نظرسنجی ثبت شد."})


@router.get(
    "/requests/{pk}/certificates",
    response=list[CertificateOut],
    summary="A request's certificates, released once both forms are filled",
)
@permission(CERTIFICATES, "download", lookup="pk")
def request_certificates(request: HttpRequest, pk: int):
    training_request = selectors.request_certificates_get(user=request.user, pk=pk)
    return [
        {
            "learner_id": x.pk,
            "full_name": x.full_name,
            "national_id": x.national_id,
            "verification_code": x.certificate.verification_code,
            "download_url": reverse("training:learner_certificate", kwargs={"pk": x.pk}),
        }
        for x in selectors.request_learners(request=training_request).filter(certificate__isnull=False)
    ]


@router.get("/sessions", response=list[SessionOut], summary="Course sessions the caller may see")
@permission(SESSION)
@paginate(BoundedPagination)
def session_list(request: HttpRequest, filters: Query[SessionFilters]):
    return selectors.session_list_for_user(user=request.user, filters=filters.dict())


@router.get("/sessions/{pk}", response=SessionDetailOut, summary="A session with the caller's learners in it")
@permission(SESSION, lookup="pk")
def session_detail(request: HttpRequest, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk)
    session.learners = list(selectors.session_learners(session=session, user=request.user))
    return session


@router.post(
    "/sessions", response={201: SessionOut}, summary="Plan a session from gathered requests (quorum 20)"
)
@permission(SESSION, "create")
def session_plan(request: HttpRequest, payload: SessionIn):
    data = payload.dict()
    course = selectors.course_get(pk=data.pop("course_id"))
    chosen = list(selectors.course_requests(course=course, ids=data.pop("request_ids")))
    session = session_services.session_plan(
        actor=request.user, course=course, requests=chosen, ip=client_ip(request), **data
    )
    return Status(201, session)


@router.post(
    "/sessions/{pk}/requests",
    response=SessionOut,
    summary="Top up a session not yet held with approved requests of its course (merge)",
)
@permission(SESSION, "act", lookup="pk")
def session_top_up(request: HttpRequest, pk: int, payload: TopUpIn):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="act")
    chosen = list(selectors.course_requests(course=session.course, ids=payload.request_ids))
    return session_services.session_top_up(
        session=session, actor=request.user, requests=chosen, ip=client_ip(request)
    )


@router.post(
    "/sessions/{pk}/actions", response=SessionOut, summary="announce, finish, examine, certify or cancel"
)
@permission(SESSION, "act", lookup="pk")
def session_act(request: HttpRequest, pk: int, payload: SessionActIn):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="act")
    return session_services.session_act(
        session=session,
        actor=request.user,
        action=payload.action,
        reason=payload.reason,
        ip=client_ip(request),
    )


@router.put("/sessions/{pk}/attendance", response=dict, summary="Record absences per meeting")
@permission(ATTENDANCE, "edit", lookup="pk")
def session_attendance(request: HttpRequest, pk: int, payload: AttendanceIn):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="edit", kind=ATTENDANCE)
    absent = {a.learner_id: set(a.meetings) for a in payload.absences}
    count = session_services.absences_record(
        session=session, actor=request.user, absent=absent, ip=client_ip(request)
    )
    return {"learners_with_absence": count}


@router.put("/sessions/{pk}/scores", response=dict, summary="Record exam scores (out of 100)")
@permission(SCORE, "edit", lookup="pk")
def session_scores(request: HttpRequest, pk: int, payload: ScoresIn):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="edit", kind=SCORE)
    scores = {s.learner_id: s.score for s in payload.scores}
    count = session_services.scores_record(
        session=session, actor=request.user, scores=scores, ip=client_ip(request)
    )
    return {"recorded": count}


@router.get("/history", response=list[LearnerOut], summary="A person's training record by national ID")
@permission(HISTORY)
@paginate(BoundedPagination)
def history(request: HttpRequest, national_id: str):
    return selectors.learner_history(user=request.user, national_id=national_id)
