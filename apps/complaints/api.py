"""API of complaints and the service-level figures: the same services and selectors as the pages."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from apps.accounts.permissions import permission, public
from apps.core.dashboards import ReportFilters
from apps.core.errors import NotFoundError
from apps.core.http import client_ip
from apps.core.pagination import BoundedPagination

from . import selectors, services
from .permissions import COMPLAINT_CASE, SERVICE_LEVEL

router = Router(tags=["complaints"])


class ComplaintIn(Schema):
    kind: str
    subject: str
    text: str
    mobile: str = ""
    service: str = ""
    case_code: str = ""
    document_code: str = ""


class FiledOut(Schema):
    tracking_code: str
    state: str


class ComplaintOut(Schema):
    tracking_code: str
    kind: str
    subject: str
    service: str
    state: str
    state_label: str
    text: str
    answer: str
    answered_at: dt.datetime | None
    rating: int | None
    reopen_count: int
    escalation_level: int
    due_date: dt.date | None

    @staticmethod
    def resolve_tracking_code(c):
        return c.case.tracking_code

    @staticmethod
    def resolve_state(c):
        return c.case.state

    @staticmethod
    def resolve_state_label(c):
        return c.case.state_label

    @staticmethod
    def resolve_due_date(c):
        return c.case.due_date


class AssignIn(Schema):
    assignee: str


class RateIn(Schema):
    rating: int
    note: str = ""


class LevelFilters(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    organization: int | None = None
    service: str | None = None


class StepLevelOut(Schema):
    service: str
    process: str
    process_label: str
    state: str
    step_label: str
    allowance_days: int
    finished: int
    on_time_percent: int | None
    median_days: float | None
    percentile_days: int | None
    open_now: int
    overdue_now: int


@router.post("/complaints", response={201: FiledOut}, summary="File a complaint or suggestion")
@permission(COMPLAINT_CASE, "create")
def complaint_file(request: HttpRequest, payload: ComplaintIn):
    case = services.complaint_file(actor=request.user, ip=client_ip(request), **payload.dict())
    return Status(201, case)


@router.get("/complaints", response=list[ComplaintOut], summary="Complaints the caller may see")
@permission(COMPLAINT_CASE, "view")
@paginate(BoundedPagination)
def complaint_list(request: HttpRequest):
    return selectors.complaint_list_for_user(user=request.user)


@router.get("/complaints/{tracking_code}", response=ComplaintOut, summary="One complaint with its answer")
@permission(COMPLAINT_CASE, "view", lookup="tracking_code")
def complaint_detail(request: HttpRequest, tracking_code: str):
    return selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code)


@router.post("/complaints/{tracking_code}/assign", response=ComplaintOut, summary="Assign a complaint")
@permission(COMPLAINT_CASE, "act", lookup="tracking_code")
def complaint_assign(request: HttpRequest, tracking_code: str, payload: AssignIn):
    complaint = selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    handlers = selectors.complaint_handlers(province_id=complaint.case.owner.province_id)
    assignee = get_object_or_404(handlers, username=payload.assignee)
    services.complaint_assign(
        case=complaint.case, actor=request.user, assignee=assignee, ip=client_ip(request)
    )
    return selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code)


@router.post("/complaints/{tracking_code}/rate", response=ComplaintOut, summary="Rate the answer")
@permission(COMPLAINT_CASE, "act", lookup="tracking_code")
def complaint_rate(request: HttpRequest, tracking_code: str, payload: RateIn):
    complaint = selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    return services.complaint_rate(
        case=complaint.case, actor=request.user, ip=client_ip(request), **payload.dict()
    )


@router.get("/service-levels", response=list[StepLevelOut], summary="Service levels the caller may see")
@permission(SERVICE_LEVEL, "view")
def service_levels(request: HttpRequest, filters: Query[LevelFilters]):
    report = ReportFilters(start=filters.start, end=filters.end, organization_id=filters.organization)
    return selectors.service_levels_for_user(user=request.user, filters=report, service=filters.service)


@router.get(
    "/service-levels/public/{service}",
    response=list[StepLevelOut],
    auth=None,
    summary="One service's public service levels (counts only)",
)
@public
def service_levels_public(request: HttpRequest, service: str):
    if selectors.public_service_title(service=service) is None:
        raise NotFoundError("خدمتی با این نشانی نیست.")
    return selectors.service_levels_public(service=service)
