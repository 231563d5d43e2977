"""API of service C: the database, posts, nominations, sessions, scores and decrees, through the same services."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from apps.accounts.models import User
from apps.accounts.permissions import permission
from apps.core.http import client_ip
from apps.core.jalali import format_date
from apps.core.pagination import Offset

from . import selectors
from .services import agency as agency_services
from .services import council as council_services
from .services import decrees as decree_services
from .services import nominations as nomination_services
from .services import profiles as profile_services

router = Router(tags=["managers"])
PAGE = 50


class ProfileIn(Schema):
    full_name: str
    father_name: str
    national_id: str = ""
    highest_degree: str
    bachelor_field: str
    master_in_management: bool = False
    related_experience_months: int = Field(0, ge=0)
    management_experience_months: int = Field(0, ge=0)
    general_exam_points: Decimal | None = Field(None, ge=0, le=100)
    current_unit: str = ""
    mobile: str = ""


class ProfileOut(Schema):
    id: int
    full_name: str
    father_name: str
    national_id: str
    highest_degree: str
    bachelor_field: str
    related_experience_months: int
    management_experience_months: int
    is_current_manager: bool
    published_to_pool: bool


class PoolOut(Schema):
    id: int
    agency: str = Field(alias="organization__name")
    full_name: str
    highest_degree: str
    bachelor_field: str
    related_experience_months: int
    management_experience_months: int


class PostIn(Schema):
    title: str
    number: str
    level: str
    unit: str
    location: str
    job_field: str
    superior_id: int


class PostOut(Schema):
    id: int
    title: str
    number: str
    level: str
    unit: str
    location: str
    job_field: str
    superior_id: int


class NominationIn(Schema):
    post_id: int
    proposer_position: str = ""
    remarks: str = ""


class CaseOut(Schema):
    tracking_code: str
    state: str


class CandidateIn(Schema):
    profile_id: int
    source: str
    priority: int


class ConditionOut(Schema):
    code: str
    label: str
    met: bool | None
    reason: str
    link: str


class ClauseOut(Schema):
    key: str
    label: str
    points: Decimal
    maximum: Decimal | None
    share: Decimal | None
    weight: Decimal | None
    weighted: Decimal


class CandidateOut(Schema):
    id: int
    full_name: str
    source: str
    priority: int
    final_score: Decimal | None
    below_desired: bool
    shortfall: str
    clauses: list[ClauseOut]
    eligible: bool
    conditions: list[ConditionOut]


class NominationOut(Schema):
    id: int
    tracking_code: str
    state: str
    post: str
    level: str
    desired_score: Decimal
    session_number: str | None
    selected_id: int | None
    selected_shortfall: str
    candidates: list[CandidateOut]


class YearScore(Schema):
    year: int = Field(..., ge=1300, le=1500)
    score: Decimal = Field(..., ge=0, le=100)


class CheckIn(Schema):
    bachelor_matches: bool
    last_degree_confirmed: bool
    management_course_confirmed: bool
    master_management_confirmed: bool
    related_experience_months: int = Field(..., ge=0)
    management_experience_months: int = Field(..., ge=0)
    appraisal_scores: list[YearScore] = []
    performance_scores: list[YearScore] = []
    extra_results: dict[int, bool] = {}


class Attendee(Schema):
    name: str
    position: str = ""


class SessionIn(Schema):
    number: str
    held_on: dt.date
    attendees: list[Attendee]
    superior_invited: bool = False


class ScoresIn(Schema):
    general: dict[str, Decimal]
    specific: list[Decimal] = []


class ScoreOut(Schema):
    id: int
    weighted: dict
    final_score: Decimal | None
    desired_score: Decimal
    below_desired: bool
    shortfall: str


class DecreeOut(Schema):
    id: int
    manager: str
    post: str
    issued_on: str
    valid_until: str
    minutes_number: str
    minutes_date: str
    final_score: Decimal
    status: str
    allowance_eligible: bool
    verification_code: str | None


class EvaluationIn(Schema):
    year: int = Field(..., ge=1300, le=1500)
    score: Decimal = Field(..., ge=0, le=100)
    note: str = ""


def _candidate_out(view) -> dict:
    c = view.candidate
    return {
        "id": c.pk,
        "full_name": c.profile.full_name,
        "source": c.source,
        "priority": c.priority,
        "final_score": c.final_score,
        "below_desired": view.below_desired,
        "shortfall": view.shortfall,
        "clauses": [part.__dict__ for part in view.parts],
        "eligible": view.eligible,
        "conditions": [r.__dict__ for r in view.results],
    }


def _nomination_out(nomination) -> dict:
    rows = selectors.nomination_candidates(nomination=nomination)
    return {
        "id": nomination.pk,
        "tracking_code": nomination.case.tracking_code,
        "state": nomination.case.state,
        "post": str(nomination.post),
        "level": nomination.post.level,
        "desired_score": agency_services.rules_for(nomination.organization_id).desired_for(
            nomination.post.level
        ),
        "session_number": nomination.session.number if nomination.session_id else None,
        "selected_id": nomination.selected_id,
        # What the decree step's page says before the superior signs: the pick is below the level's bar.
        "selected_shortfall": selectors.nomination_selected_shortfall(rows=rows, nomination=nomination),
        "candidates": [_candidate_out(v) for v in rows],
    }


def _decree_out(decree) -> dict:
    return {
        "id": decree.pk,
        "manager": decree.profile.full_name,
        "post": decree.post.title,
        "issued_on": format_date(decree.issued_on, persian_digits=False),
        "valid_until": format_date(decree.valid_until, persian_digits=False),
        "minutes_number": decree.minutes_number,
        "minutes_date": format_date(decree.minutes_date, persian_digits=False),
        "final_score": decree.final_score,
        "status": decree.status,
        "allowance_eligible": decree.allowance_eligible,
        "verification_code": decree.document.verification_code if decree.document_id else None,
    }


@router.get("/profiles", response=list[ProfileOut], summary="The agency's managers' database (Form 2)")
@permission("managers.profile")
def profile_list(request: HttpRequest, q: str = "", kind: str = "", offset: Offset = 0):
    profiles = selectors.profile_list_for_user(user=request.user, filters={"q": q, "kind": kind})
    return profiles[offset : offset + PAGE]


@router.post("/profiles", response={201: ProfileOut}, summary="Add a person to the managers' database")
@permission("managers.profile", "create")
def profile_create(request: HttpRequest, payload: ProfileIn):
    return Status(201, profile_services.profile_save(actor=request.user, data=payload.dict()))


@router.get("/profiles/{pk}", response=ProfileOut, summary="One profile of the agency's database")
@permission("managers.profile", lookup="pk")
def profile_get(request: HttpRequest, pk: int):
    return selectors.profile_get_for_user(user=request.user, pk=pk)


@router.post("/profiles/{pk}/publish", response=ProfileOut, summary="Publish a profile to the national pool")
@permission("managers.profile", "act", lookup="pk")
def profile_publish(request: HttpRequest, pk: int, published: bool = True):
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    return profile_services.profile_publish(actor=request.user, profile=profile, published=published)


@router.get("/pool", response=list[PoolOut], summary="The national pool, without personal data")
@permission("managers.pool")
def pool(request: HttpRequest, q: str = "", offset: Offset = 0):
    rows = selectors.pool_list(user=request.user, filters={"q": q})
    return list(rows[offset : offset + PAGE])


@router.get("/posts", response=list[PostOut], summary="Managerial posts and their competent superiors")
@permission("managers.post")
def post_list(request: HttpRequest, offset: Offset = 0):
    posts = selectors.post_list_for_user(user=request.user, filters={})
    return posts[offset : offset + PAGE]


@router.post("/posts", response={201: PostOut}, summary="Declare a managerial post")
@permission("managers.post", "create")
def post_create(request: HttpRequest, payload: PostIn):
    data = payload.dict()
    superior = User.objects.filter(
        pk=data.pop("superior_id"), organization_id=request.user.organization_id
    ).first()
    return Status(201, agency_services.post_save(actor=request.user, data={**data, "superior": superior}))


@router.post("/nominations", response={201: CaseOut}, summary="Open Form 1 for a post")
@permission("managers.nomination", "create")
def nomination_open(request: HttpRequest, payload: NominationIn):
    post = selectors.post_get_for_user(user=request.user, pk=payload.post_id)
    case = nomination_services.nomination_open(
        actor=request.user,
        post=post,
        proposer_position=payload.proposer_position,
        remarks=payload.remarks,
        ip=client_ip(request),
    )
    return Status(201, case)


@router.get(
    "/nominations/{pk}", response=NominationOut, summary="A nomination with each candidate's eligibility"
)
@permission("managers.nomination", lookup="pk")
def nomination_get(request: HttpRequest, pk: int):
    return _nomination_out(selectors.nomination_get_for_user(user=request.user, pk=pk))


@router.post(
    "/nominations/{pk}/candidates", response={201: NominationOut}, summary="Add a candidate to Form 1"
)
@permission("managers.nomination", "edit", lookup="pk")
def candidate_add(request: HttpRequest, pk: int, payload: CandidateIn):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    profile = selectors.profile_get_for_user(user=request.user, pk=payload.profile_id)
    nomination_services.candidate_add(
        actor=request.user,
        nomination=nomination,
        profile=profile,
        source=payload.source,
        priority=payload.priority,
    )
    return Status(201, _nomination_out(nomination))


@router.post("/candidates/{pk}/check", response=NominationOut, summary="HR's Form 3 for one candidate")
@permission("managers.form3", "act", lookup="pk")
def candidate_check(request: HttpRequest, pk: int, payload: CheckIn):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk, kind="managers.form3")
    nomination_services.candidate_check(actor=request.user, candidate=candidate, data=payload.dict())
    return _nomination_out(candidate.nomination)


@router.post("/nominations/{pk}/session", response=NominationOut, summary="Record the council's session")
@permission("managers.form4", "edit", lookup="pk")
def session_record(request: HttpRequest, pk: int, payload: SessionIn):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk, kind="managers.form4")
    council_services.session_record(
        actor=request.user,
        nomination=nomination,
        number=payload.number,
        held_on=payload.held_on,
        attendees=[a.dict() for a in payload.attendees],
        superior_invited=payload.superior_invited,
    )
    return _nomination_out(nomination)


@router.post("/candidates/{pk}/scores", response=ScoreOut, summary="Form 4 scores of one candidate")
@permission("managers.candidate", "act", lookup="pk")
def candidate_score(request: HttpRequest, pk: int, payload: ScoresIn):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk)
    candidate = council_services.candidate_score(
        actor=request.user, candidate=candidate, general=payload.general, specific=payload.specific
    )
    sheet = selectors.candidate_sheet(candidate=candidate)
    return {
        "id": candidate.pk,
        "weighted": candidate.weighted,
        "final_score": candidate.final_score,
        "desired_score": sheet.desired,
        "below_desired": sheet.below_desired,
        "shortfall": sheet.shortfall,
    }


@router.post("/nominations/{pk}/decree", response={201: DecreeOut}, summary="Issue the four-year decree")
@permission("managers.nomination", "act", lookup="pk")
def decree_issue(request: HttpRequest, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    decree = decree_services.decree_issue(actor=request.user, case=nomination.case, ip=client_ip(request))
    return Status(201, _decree_out(decree))


@router.get(
    "/decrees", response=list[DecreeOut], summary="Appointment decrees; expiring=1 for those running out"
)
@permission("managers.decree")
def decree_list(request: HttpRequest, status: str = "", expiring: bool = False, offset: Offset = 0):
    filters = {"status": status, "expiring": "1" if expiring else ""}
    decrees = selectors.decree_list_for_user(user=request.user, filters=filters)
    return [_decree_out(d) for d in decrees[offset : offset + PAGE]]


@router.get("/decrees/{pk}", response=DecreeOut, summary="One decree")
@permission("managers.decree", lookup="pk")
def decree_get(request: HttpRequest, pk: int):
    return _decree_out(selectors.decree_get_for_user(user=request.user, pk=pk))


@router.post(
    "/decrees/{pk}/evaluations", response={201: DecreeOut}, summary="Record a yearly performance evaluation"
)
@permission("managers.change", "edit", lookup="pk")
def evaluation_add(request: HttpRequest, pk: int, payload: EvaluationIn):
    decree = selectors.decree_get_for_user(user=request.user, pk=pk, kind="managers.change")
    decree_services.evaluation_record(actor=request.user, decree=decree, **payload.dict())
    return Status(201, _decree_out(decree))


@router.get("/report", summary="The semi-annual report's rows")
@permission("managers.report")
def report(request: HttpRequest, year: int = 0, half: int = 0):
    period = selectors.period_parse(str(year), str(half)) if year else selectors.period_current()
    rows = selectors.report_rows(user=request.user, period=period)
    return {"period": period.label, "headers": selectors.REPORT_HEADERS, "rows": rows}
