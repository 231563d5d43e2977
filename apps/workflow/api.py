"""API of the workflow core: my cartable, a case with its history, acting on a case."""

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from apps.accounts import permissions
from apps.accounts.permissions import permission
from apps.core.http import client_ip
from apps.core.pagination import BoundedPagination

from . import selectors, services

router = Router(tags=["cases"])

CASE = "workflow.Case"


class CaseOut(Schema):
    tracking_code: str
    process: str
    title: str
    state: str
    state_label: str
    owner_code: str
    owner_name: str
    due_date: dt.date | None
    is_overdue: bool
    is_closed: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_owner_code(case):
        return case.owner.code

    @staticmethod
    def resolve_owner_name(case):
        return case.owner.name


class HistoryOut(Schema):
    action: str
    from_state: str
    to_state: str
    actor_name: str
    reason: str
    created_at: dt.datetime
    # What a person reads: «… اقدام «تأیید» را انجام داد و پرونده از مرحلهٔ «…» به مرحلهٔ «…» رفت، ۲ آذر ۱۴۰۵، ساعت ۱۴:۰۵.»
    sentence: str
    who: str
    did: str
    when: str

    @staticmethod
    def resolve_sentence(entry):
        return entry.line.sentence

    @staticmethod
    def resolve_who(entry):
        return entry.line.who

    @staticmethod
    def resolve_did(entry):
        return entry.line.did

    @staticmethod
    def resolve_when(entry):
        return entry.line.when


class CaseDetailOut(CaseOut):
    actions: list[str]
    history: list[HistoryOut]


class CaseFilters(Schema):
    q: str = ""
    process: str = ""
    state: str = ""
    overdue: bool = False


class ActIn(Schema):
    action: str
    reason: str = ""
    expected_state: str | None = None


def _detail(request, case):
    # The step's own rules first: after an act the case has mostly left the person's hands, and the table's
    # question (a query) is asked only of buttons they could still press.
    actions = [a.name for a in services.available_actions(request.user, case)]
    case.actions = actions if actions and permissions.may_as_any(request.user, "act", case) else []
    case.history = selectors.case_history(case=case)
    return case


@router.get("/cartable", response=list[CaseOut], summary="Cases waiting for me")
@permission(model=CASE)
@paginate(BoundedPagination)
def cartable(request: HttpRequest, filters: Query[CaseFilters]):
    return selectors.cartable_for_user(user=request.user, filters=filters.dict())


@router.get("/cases", response=list[CaseOut], summary="Every case I may see")
@permission(model=CASE)
@paginate(BoundedPagination)
def case_list(request: HttpRequest, filters: Query[CaseFilters]):
    return selectors.case_list_for_user(user=request.user, filters=filters.dict())


@router.get("/cases/{tracking_code}", response=CaseDetailOut, summary="One case with its history")
@permission(model=CASE, lookup="tracking_code", field="tracking_code")
def case_detail(request: HttpRequest, tracking_code: str):
    return _detail(request, selectors.case_get_for_user(user=request.user, tracking_code=tracking_code))


@router.post("/cases/{tracking_code}/actions", response=CaseDetailOut, summary="Act on a case")
@permission(model=CASE, action="act", lookup="tracking_code", field="tracking_code")
def case_act(request: HttpRequest, tracking_code: str, payload: ActIn):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    case = services.perform(
        case,
        payload.action,
        actor=request.user,
        reason=payload.reason,
        expected_state=payload.expected_state,
        ip=client_ip(request),
    )
    return _detail(request, case)
