"""API of service D: indices, self-assessments, scores, objections and results, through the same services."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from apps.accounts.permissions import permission
from apps.core.http import file_download
from apps.core.jalali import format_date
from apps.core.pagination import BoundedPagination

from . import documents, selectors, services

router = Router(tags=["evaluation"])


class CycleOut(Schema):
    id: int
    year: int
    title: str
    phase: str
    circular_number: str
    circular_date: dt.date
    self_assessment_deadline: dt.date
    objection_deadline: dt.date | None
    bands: list[dict]
    national_rank: int | None


class PhaseOut(Schema):
    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    starts_on_jalali: str
    ends_on_jalali: str

    @staticmethod
    def resolve_starts_on_jalali(phase):
        return format_date(phase.starts_on)

    @staticmethod
    def resolve_ends_on_jalali(phase):
        return format_date(phase.ends_on)


class CalendarOut(Schema):
    self_assessment_deadline: dt.date
    objection_deadline: dt.date | None
    phases: list[PhaseOut]


class PhaseIn(Schema):
    id: int
    starts_on: dt.date
    ends_on: dt.date


class CalendarIn(Schema):
    """New dates (Gregorian, ISO) for some phases and/or the self-assessment deadline; the rest stay."""

    phases: list[PhaseIn] = []
    self_assessment_deadline: dt.date | None = None


class StepOut(Schema):
    """A cycle-wide step's outcome: how many agencies' cases (or indices) it moved, and the cycle after it."""

    count: int
    cycle: CycleOut


class BandIn(Schema):
    label: str
    min: float


class BandsIn(Schema):
    bands: list[BandIn]


class NationalRankIn(Schema):
    rank: int
    provinces: int


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    verification_code: str
    download_url: str

    @staticmethod
    def resolve_download_url(document):
        return reverse("documents:download", args=[document.pk])


class EvidenceOut(Schema):
    id: int
    title: str
    version: int
    kind: str
    size: int
    sha256: str


class MemberOut(Schema):
    id: int
    body: str
    full_name: str
    position: str
    role_in_body: str
    # The appointment letter, once issued; it is fetched and verified through the documents' routes.
    letter_id: int | None

    @staticmethod
    def resolve_body(member):
        return member.body.kind


class MemberIn(Schema):
    full_name: str
    position: str
    role_in_body: str


class CircularAttachmentOut(Schema):
    id: int
    title: str
    sha256: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(attachment):
        return reverse("api:evaluation_circular_download", kwargs={"pk": attachment.pk})


class IndexIn(Schema):
    code: str
    title: str
    kind: str
    axis: str = ""
    max_score: Decimal
    weight: Decimal = Decimal(1)
    direction: str = "increasing"
    standard: Decimal | None = None
    unit: str = ""
    evidence_required: bool = True
    agency_ids: list[int] = []


class IndexOut(Schema):
    id: int
    code: str
    title: str
    kind: str
    axis: str
    max_score: Decimal
    weight: Decimal
    direction: str
    standard: Decimal | None
    unit: str
    evidence_required: bool


class EvaluationOut(Schema):
    id: int
    organization_code: str
    tracking_code: str
    state: str
    initial_percent: Decimal | None
    final_percent: Decimal | None
    level: str
    group_rank: int | None

    @staticmethod
    def resolve_organization_code(evaluation):
        return evaluation.organization.code

    @staticmethod
    def resolve_tracking_code(evaluation):
        return evaluation.case.tracking_code

    @staticmethod
    def resolve_state(evaluation):
        return evaluation.case.state


class ScoreOut(Schema):
    id: int
    index_code: str
    actual: Decimal | None
    self_score: Decimal | None
    description: str
    hq_score: Decimal | None
    evaluator_score: Decimal | None
    evaluator_comment: str
    rescore: Decimal | None

    @staticmethod
    def resolve_index_code(score):
        return score.index.code


class SelfIn(Schema):
    actual: Decimal | None = None
    claimed: Decimal | None = None
    description: str = ""


class ScoreIn(Schema):
    value: Decimal
    comment: str = ""


class ObjectionIn(Schema):
    reason: str


class AnswerIn(Schema):
    value: Decimal
    answer: str


class ObjectionOut(Schema):
    id: int
    score_id: int
    reason: str
    answer: str
    filed_at: dt.datetime
    answered_at: dt.datetime | None


class StandingOut(Schema):
    organization: str
    group: str
    percent: Decimal
    level: str
    rank: int


@router.get("/cycles", response=list[CycleOut], summary="Evaluation cycles")
@permission("evaluation.cycle", "view")
@paginate(BoundedPagination)
def cycle_list(request: HttpRequest):
    return selectors.cycle_list(user=request.user)


def _calendar(cycle) -> dict:
    return {
        "self_assessment_deadline": cycle.self_assessment_deadline,
        "objection_deadline": cycle.objection_deadline,
        "phases": list(selectors.cycle_calendar(cycle=cycle)),
    }


@router.get("/cycles/{pk}/calendar", response=CalendarOut, summary="A cycle's calendar")
@permission("evaluation.cycle", "view", lookup="pk")
def cycle_calendar(request: HttpRequest, pk: int):
    return _calendar(selectors.cycle_get(user=request.user, pk=pk))


@router.post("/cycles/{pk}/calendar", response=CalendarOut, summary="Change the dates of a cycle's calendar")
@permission("evaluation.cycle", "manage", lookup="pk")
def cycle_calendar_update(request: HttpRequest, pk: int, payload: CalendarIn):
    cycle = services.cycle_calendar_update(
        actor=request.user,
        cycle=selectors.cycle_get(user=request.user, pk=pk),
        phases={p.id: (p.starts_on, p.ends_on) for p in payload.phases},
        self_assessment_deadline=payload.self_assessment_deadline,
    )
    return _calendar(cycle)


@router.get(
    "/cycles/{pk}/members", response=list[MemberOut], summary="Members of the festival HQ and committee"
)
@permission("evaluation.body", "view")
@paginate(BoundedPagination)
def member_list(request: HttpRequest, pk: int):
    return selectors.member_list(cycle=selectors.cycle_get(user=request.user, pk=pk))


@router.post("/members/{pk}", response=MemberOut, summary="Correct a body member's name or positions")
@permission("evaluation.body", "manage", lookup="pk")
def member_update(request: HttpRequest, pk: int, payload: MemberIn):
    member = selectors.member_get(pk=pk)
    return services.body_member_update(actor=request.user, member=member, **payload.dict())


@router.post(
    "/members/{pk}/remove",
    response={204: None},
    summary="Remove a body member (an issued appointment letter is revoked, and kept)",
)
@permission("evaluation.body", "manage", lookup="pk")
def member_remove(request: HttpRequest, pk: int):
    services.body_member_remove(actor=request.user, member=selectors.member_get(pk=pk))
    return Status(204, None)


@router.get(
    "/cycles/{pk}/circular-attachments",
    response=list[CircularAttachmentOut],
    summary="Attachments of a cycle's circular",
)
@permission("evaluation.circular", "view")
@paginate(BoundedPagination)
def circular_attachment_list(request: HttpRequest, pk: int):
    return selectors.circular_attachment_list(cycle=selectors.cycle_get(user=request.user, pk=pk))


@router.post(
    "/cycles/{pk}/circular-attachments",
    response={201: CircularAttachmentOut},
    summary="Attach a file (PDF or image) to a cycle's circular",
)
@permission("evaluation.cycle", "manage", lookup="pk")
def circular_attachment_add(request: HttpRequest, pk: int, title: Form[str], file: File[UploadedFile]):
    attachment = services.circular_attachment_add(
        actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk), title=title, file=file
    )
    return Status(201, attachment)


@router.get(
    "/circular-attachments/{pk}/download",
    url_name="evaluation_circular_download",
    summary="Download one attachment of a circular",
)
@permission("evaluation.circular", "download", lookup="pk")
def circular_attachment_download(request: HttpRequest, pk: int):
    return file_download(selectors.circular_attachment_get(pk=pk).file)


@router.get("/cycles/{pk}/indices", response=list[IndexOut], summary="A cycle's indices")
@permission("evaluation.index", "view")
@paginate(BoundedPagination)
def index_list(request: HttpRequest, pk: int):
    return selectors.index_list(cycle=selectors.cycle_get(user=request.user, pk=pk))


@router.post("/cycles/{pk}/indices", response={201: IndexOut}, summary="Add an index to a cycle")
@permission("evaluation.index", "manage")
def index_create(request: HttpRequest, pk: int, payload: IndexIn):
    data = payload.dict()
    agency_ids = data.pop("agency_ids")
    index = services.index_create(
        actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk), agency_ids=agency_ids, **data
    )
    return Status(201, index)


@router.get(
    "/cycles/{pk}/evaluations", response=list[EvaluationOut], summary="Agencies' evaluations I may see"
)
@permission("evaluation.evaluation", "view")
@paginate(BoundedPagination)
def evaluation_list(request: HttpRequest, pk: int):
    return selectors.evaluation_list_for_user(
        user=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk)
    )


@router.get("/evaluations/{pk}/scores", response=list[ScoreOut], summary="An evaluation's scores per index")
@permission("evaluation.evaluation", "view", lookup="pk")
def score_list(request: HttpRequest, pk: int):
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk)
    return selectors.scores_for_evaluation(user=request.user, evaluation=evaluation)


@router.post(
    "/scores/{pk}/self-assessment", response=ScoreOut, summary="Register the self-assessment of an index"
)
@permission("evaluation.claim", "act", lookup="pk")
def score_self(request: HttpRequest, pk: int, payload: SelfIn):
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    return services.score_self_assess(actor=request.user, score=score, **payload.dict())


@router.post("/scores/{pk}/evaluation", response=ScoreOut, summary="The evaluator team's score of an index")
@permission("evaluation.evaluator_score", "act", lookup="pk")
def score_evaluate(request: HttpRequest, pk: int, payload: ScoreIn):
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    return services.score_evaluate(actor=request.user, score=score, **payload.dict())


@router.post(
    "/scores/{pk}/objections", response={201: ObjectionOut}, summary="Object to an index's initial score"
)
@permission("evaluation.objection", "create")
def objection_file(request: HttpRequest, pk: int, payload: ObjectionIn):
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    return Status(201, services.objection_file(actor=request.user, score=score, reason=payload.reason))


@router.get("/cycles/{pk}/objections", response=list[ObjectionOut], summary="Objections I may see")
@permission("evaluation.objection", "view")
@paginate(BoundedPagination)
def objection_list(request: HttpRequest, pk: int):
    return selectors.objection_list_for_user(
        user=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk)
    )


@router.post("/objections/{pk}/answer", response=ObjectionOut, summary="Answer an objection with a re-score")
@permission("evaluation.objection", "act", lookup="pk")
def objection_answer(request: HttpRequest, pk: int, payload: AnswerIn):
    objection = selectors.objection_get_for_user(user=request.user, pk=pk)
    return services.objection_answer(actor=request.user, objection=objection, **payload.dict())


@router.get(
    "/cycles/{pk}/results", response=list[StandingOut], summary="Approved final results, levels and ranks"
)
@permission("evaluation.final_result", "view")
def results(request: HttpRequest, pk: int):
    return selectors.public_results(cycle=selectors.cycle_get(user=request.user, pk=pk))


# Cycle-wide steps: the same services as the buttons of the cycle's page, so the same roles may call them.


def _step(request: HttpRequest, pk: int, function) -> dict:
    count = function(actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk))
    return {"count": count, "cycle": selectors.cycle_get(user=request.user, pk=pk)}


@router.post("/cycles/{pk}/approve-cut", response=StepOut, summary="National org approves the province's cut")
@permission("evaluation.index", "act")
def cycle_approve_cut(request: HttpRequest, pk: int):
    return _step(request, pk, services.cycle_approve_province_cut)


@router.post(
    "/cycles/{pk}/publish-indices", response=StepOut, summary="Publish the indices and open self-assessment"
)
@permission("evaluation.index", "manage")
def cycle_publish_indices(request: HttpRequest, pk: int):
    return _step(request, pk, services.cycle_publish_indices)


@router.post(
    "/cycles/{pk}/publish-initial", response=StepOut, summary="Announce initial results, open objections"
)
@permission("evaluation.standing", "act")
def cycle_publish_initial(request: HttpRequest, pk: int):
    return _step(request, pk, services.cycle_publish_initial)


@router.post("/cycles/{pk}/approve-final", response=StepOut, summary="The council approves the final results")
@permission("evaluation.final_result", "act")
def cycle_approve_final(request: HttpRequest, pk: int):
    return _step(request, pk, services.cycle_approve_final)


@router.post("/cycles/{pk}/bands", response=CycleOut, summary="Set the cycle's levelling bands")
@permission("evaluation.standing", "manage")
def cycle_bands(request: HttpRequest, pk: int, payload: BandsIn):
    bands = [band.dict() for band in payload.bands]
    return services.cycle_set_bands(
        actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk), bands=bands
    )


@router.post("/cycles/{pk}/national-rank", response=CycleOut, summary="Record the province's national rank")
@permission("evaluation.final_result", "edit")
def cycle_national_rank(request: HttpRequest, pk: int, payload: NationalRankIn):
    return services.cycle_record_national_rank(
        actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk), **payload.dict()
    )


@router.post("/cycles/{pk}/book", response={201: DocumentOut}, summary="Issue the results book (PDF)")
@permission("document.evaluation_book", "create")
def cycle_book(request: HttpRequest, pk: int):
    return Status(
        201,
        documents.results_book_issue(actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk)),
    )


@router.post(
    "/cycles/{pk}/festival-report", response={201: DocumentOut}, summary="Issue the festival report (PDF)"
)
@permission("document.evaluation_festival", "create")
def cycle_festival_report(request: HttpRequest, pk: int):
    return Status(
        201,
        documents.festival_report_issue(
            actor=request.user, cycle=selectors.cycle_get(user=request.user, pk=pk)
        ),
    )


@router.post(
    "/scores/{pk}/evidence",
    response={201: EvidenceOut},
    summary="Attach an evidence file to an index's self-assessment (a new upload or a file of the vault)",
)
@permission("evaluation.claim", "attach", lookup="pk")
def score_evidence(
    request: HttpRequest,
    pk: int,
    title: Form[str] = "",
    reuse: Form[int | None] = None,
    file: File[UploadedFile | None] = None,
):
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    kept = selectors.evidence_get_for_user(user=request.user, pk=reuse) if reuse else None
    return Status(
        201,
        services.evidence_attach(
            actor=request.user, score=score, title=title, uploaded_file=file, reuse=kept
        ),
    )


class EvaluatorsIn(Schema):
    evaluator_ids: list[int]


@router.post(
    "/evaluations/{pk}/evaluators",
    response=EvaluationOut,
    summary="Name the evaluator team of one agency's evaluation",
)
@permission("evaluation.evaluation", "manage", lookup="pk")
def evaluation_evaluators(request: HttpRequest, pk: int, payload: EvaluatorsIn):
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk, action="manage")
    return services.evaluation_assign_evaluators(
        actor=request.user,
        evaluation=evaluation,
        evaluators=selectors.evaluators_by_ids(payload.evaluator_ids),
    )
