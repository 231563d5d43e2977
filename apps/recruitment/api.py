"""API of service A, for the national system (Karmand Iran) and agencies' own systems: quotas, results,
registrations, decisions and employee numbers, through the same services and selectors as the pages."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from apps.accounts.permissions import permission
from apps.core import services as core_services
from apps.core.errors import InvalidError
from apps.core.http import client_ip
from apps.core.pagination import BoundedPagination
from apps.workflow.services import perform

from . import selectors
from .exports import LEDGER_HEADERS, ledger_row
from .imports import EmployeeNumberImport, ResultsImport
from .permissions import EMPLOYEE_NUMBER, HIRE, LEDGER, QUOTA, REGISTRATION, RESULTS, ROUND
from .services import hire_documents, hires, rounds

router = Router(tags=["recruitment"])


class RoundOut(Schema):
    id: int
    code: str
    title: str
    stage: str
    exam_date: dt.date | None


class QuotaIn(Schema):
    agency_code: str
    job_code: str
    job_title: str
    city: str
    posts: int
    natives_only: bool = False


class QuotaOut(Schema):
    id: int
    agency_code: str
    job_code: str
    job_title: str
    city: str
    natives_only: bool
    posts: int
    veterans_share: int
    disabled_share: int
    allocated: int
    registered: int
    approved: int
    remaining: int

    @staticmethod
    def resolve_agency_code(quota):
        return quota.agency.code


class LedgerOut(Schema):
    headers: list[str]
    rows: list[list]
    totals: dict


class AllocateIn(Schema):
    allocated: int


class CandidateOut(Schema):
    id: int
    national_id: str
    first_name: str
    last_name: str
    job_code: str
    exam_score: Decimal
    quota_type: str
    status: str
    interview_score: int | None

    @staticmethod
    def resolve_job_code(candidate):
        return candidate.job.job_code


class ImportOut(Schema):
    job_id: int
    status: str
    imported: int
    error_count: int
    errors: list[dict]
    message: str


class HireIn(Schema):
    candidate_id: int
    father_name: str
    birth_date: dt.date
    mobile: str
    education: str
    field_of_study: str
    is_native: bool = False


class HireOut(Schema):
    id: int
    tracking_code: str
    national_id: str
    first_name: str
    last_name: str
    job_code: str
    state: str
    state_label: str
    employee_number: str

    @staticmethod
    def resolve_tracking_code(hire):
        return hire.case.tracking_code

    @staticmethod
    def resolve_job_code(hire):
        return hire.job.job_code

    @staticmethod
    def resolve_state(hire):
        return hire.case.state

    @staticmethod
    def resolve_state_label(hire):
        return hire.case.state_label


class RequirementOut(Schema):
    code: str
    title: str


class HireDocumentOut(Schema):
    code: str
    title: str
    attached: bool
    attachment_id: int | None
    uploaded_at: dt.datetime | None


def _checklist(hire) -> list[dict]:
    return [
        {
            "code": row.requirement.code,
            "title": row.requirement.title,
            "attached": row.attached,
            "attachment_id": row.document.attachment_id if row.document else None,
            "uploaded_at": row.document.attachment.uploaded_at if row.document else None,
        }
        for row in selectors.hire_document_checklist(hire=hire)
    ]


class DecisionIn(Schema):
    action: str
    reason: str = ""


class EmployeeNumberIn(Schema):
    employee_number: str


@router.get("/rounds", response=list[RoundOut], summary="Recruitment rounds")
@permission(ROUND, "view")
@paginate(BoundedPagination)
def round_list(request: HttpRequest):
    return selectors.round_list_for_user(user=request.user)


@router.get("/rounds/{round_id}/quotas", response=list[QuotaOut], summary="The round's quota ledger")
@permission(LEDGER, "view", lookup="round_id")
@paginate(BoundedPagination)
def quota_list(request: HttpRequest, round_id: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=LEDGER)
    return selectors.ledger_for_user(user=request.user, round_=round_)


@router.get(
    "/rounds/{round_id}/ledger",
    response=LedgerOut,
    summary="The ledger in the national system's layout, with totals",
)
@permission(LEDGER, "view", lookup="round_id")
def ledger(request: HttpRequest, round_id: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=LEDGER)
    quotas = selectors.ledger_for_user(user=request.user, round_=round_)
    return {
        "headers": LEDGER_HEADERS,
        "rows": [ledger_row(q) for q in quotas],
        "totals": selectors.ledger_totals(quotas=quotas),
    }


@router.post(
    "/rounds/{round_id}/quotas", response={201: QuotaOut}, summary="Add a job-location to the ledger"
)
@permission(LEDGER, "create", lookup="round_id")
def quota_add(request: HttpRequest, round_id: int, payload: QuotaIn):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=LEDGER, action="create")
    return Status(201, rounds.job_quota_add(actor=request.user, round_=round_, **payload.dict()))


@router.post("/quotas/{quota_id}/allocation", response=QuotaOut, summary="Allocate seats for registration")
@permission(QUOTA, "edit", lookup="quota_id")
def quota_allocate(request: HttpRequest, quota_id: int, payload: AllocateIn):
    quota = selectors.quota_get_for_user(user=request.user, pk=quota_id, action="edit")
    return rounds.quota_allocate(actor=request.user, quota=quota, allocated=payload.allocated)


def _import(request, spec_name: str, upload, context: dict) -> dict:
    job = core_services.import_start(
        spec_name=spec_name, uploaded_file=upload, user=request.user, context=context
    )
    return {
        "job_id": job.pk,
        "status": job.status,
        "imported": job.imported,
        "error_count": job.error_count,
        "errors": job.errors,
        "message": job.message,
    }


@router.post(
    "/rounds/{round_id}/results",
    response=ImportOut,
    summary="Import the results and the initially accepted list (.xlsx, all or nothing)",
)
@permission(RESULTS, "bulk", lookup="round_id")
def results_import(request: HttpRequest, round_id: int, file: File[UploadedFile]):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=RESULTS, action="bulk")
    return _import(request, ResultsImport.name, file, {"round_id": round_.pk})


@router.get("/rounds/{round_id}/candidates", response=list[CandidateOut], summary="Accepted candidates")
@permission(RESULTS, "view", lookup="round_id")
@paginate(BoundedPagination)
def candidate_list(request: HttpRequest, round_id: int, status: str = ""):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=RESULTS)
    return selectors.candidates_for_user(user=request.user, round_=round_, filters={"status": status})


@router.get(
    "/rounds/{round_id}/documents",
    response=list[RequirementOut],
    summary="The documents every hire file of the round must carry",
)
@permission(ROUND, "view", lookup="round_id")
def round_documents(request: HttpRequest, round_id: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id)
    return selectors.round_requirements(round_=round_)


@router.get("/rounds/{round_id}/hires", response=list[HireOut], summary="Registered hire files")
@permission(REGISTRATION, "view", lookup="round_id")
@paginate(BoundedPagination)
def hire_list(request: HttpRequest, round_id: int, state: str = ""):
    round_ = selectors.round_get_for_user(user=request.user, pk=round_id, kind=REGISTRATION)
    return selectors.hires_for_user(user=request.user, round_=round_, filters={"state": state})


@router.post(
    "/hires", response={201: HireOut}, summary="Register a final accepted person (a draft until submitted)"
)
@permission(REGISTRATION, "create")
def hire_register(request: HttpRequest, payload: HireIn):
    data = payload.dict()
    candidate = selectors.candidate_get_for_user(user=request.user, pk=data.pop("candidate_id"))
    case = hires.hire_register(actor=request.user, candidate=candidate, ip=client_ip(request), **data)
    return Status(201, case.hire)


@router.get(
    "/hires/{hire_id}/documents", response=list[HireDocumentOut], summary="The file's required documents"
)
@permission(HIRE, "view", lookup="hire_id")
def hire_document_list(request: HttpRequest, hire_id: int):
    return _checklist(selectors.hire_get_for_user(user=request.user, pk=hire_id))


@router.post(
    "/hires/{hire_id}/documents",
    response=list[HireDocumentOut],
    summary="Attach (or replace) one required document: PDF, PNG or JPEG",
)
@permission(HIRE, "attach", lookup="hire_id")
def hire_document_attach(
    request: HttpRequest, hire_id: int, requirement: Form[str], file: File[UploadedFile]
):
    hire = selectors.hire_get_for_user(user=request.user, pk=hire_id, action="attach")
    hire_documents.hire_document_attach(
        actor=request.user, hire=hire, requirement=requirement, uploaded_file=file, ip=client_ip(request)
    )
    return _checklist(hire)


@router.post(
    "/hires/{hire_id}/decision",
    response=HireOut,
    summary="Submit a draft, forward, return (with reason) or resend a file; sending asks for every document",
)
@permission(HIRE, "act", lookup="hire_id")
def hire_decide(request: HttpRequest, hire_id: int, payload: DecisionIn):
    hire = selectors.hire_get_for_user(user=request.user, pk=hire_id, action="act")
    if payload.action == "approve":
        raise InvalidError("تأیید نهایی با شماره مستخدم ثبت می‌شود: /employee-number")
    perform(hire.case, payload.action, actor=request.user, reason=payload.reason, ip=client_ip(request))
    return selectors.hire_get_for_user(user=request.user, pk=hire_id)


@router.post(
    "/hires/{hire_id}/employee-number", response=HireOut, summary="Final approval with the employee number"
)
@permission(EMPLOYEE_NUMBER, "act", lookup="hire_id")
def hire_finalize(request: HttpRequest, hire_id: int, payload: EmployeeNumberIn):
    hire = selectors.hire_get_for_user(user=request.user, pk=hire_id, action="act", kind=EMPLOYEE_NUMBER)
    hires.hire_finalize(
        actor=request.user, hire=hire, employee_number=payload.employee_number, ip=client_ip(request)
    )
    hire.refresh_from_db()
    return hire


@router.post(
    "/employee-numbers", response=ImportOut, summary="Import employee numbers in bulk (.xlsx, all or nothing)"
)
@permission(EMPLOYEE_NUMBER, "bulk")
def employee_numbers_import(request: HttpRequest, file: File[UploadedFile]):
    return _import(request, EmployeeNumberImport.name, file, {})
