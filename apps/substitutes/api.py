"""API of substitutes: the same services and selectors as the pages."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from apps.accounts.models import User
from apps.accounts.permissions import permission
from apps.core.http import client_ip
from apps.core.pagination import BoundedPagination

from . import selectors, services
from .selectors import MODEL, NAMING, SUBSTITUTION

router = Router(tags=["substitutes"])


class SubstitutionOut(Schema):
    id: int
    absent: str
    absent_name: str
    substitute: str
    substitute_name: str
    starts_on: dt.date
    ends_on: dt.date
    reason: str
    named_by: str
    cancelled_at: dt.datetime | None
    status: str

    @staticmethod
    def resolve_absent(s):
        return s.absent.username

    @staticmethod
    def resolve_absent_name(s):
        return s.absent.get_full_name()

    @staticmethod
    def resolve_substitute(s):
        return s.substitute.username

    @staticmethod
    def resolve_substitute_name(s):
        return s.substitute.get_full_name()

    @staticmethod
    def resolve_named_by(s):
        return s.named_by.username

    @staticmethod
    def resolve_status(s):
        return s.status_on(dt.date.today())


class SubstitutionIn(Schema):
    # Usernames; `absent` defaults to the caller.
    absent: str = ""
    substitute: str
    starts_on: dt.date
    ends_on: dt.date
    reason: str = ""


@router.get("/", response=list[SubstitutionOut], summary="Substitutions I may see")
@permission(SUBSTITUTION, "view")
@paginate(BoundedPagination)
def substitution_list(request: HttpRequest):
    return selectors.substitution_list_for_user(user=request.user)


@router.post("/", response={201: SubstitutionOut}, summary="Name a substitute for a range of days")
@permission(NAMING, "create")
def substitution_name(request: HttpRequest, payload: SubstitutionIn):
    # People are found among the caller's organization's; whether they may name this one is the service's
    # question (403), so a colleague answers 403 and a stranger 404.
    people = selectors.substitute_choices(request.user)
    absent = get_object_or_404(people, username=payload.absent) if payload.absent else request.user
    substitute = get_object_or_404(
        User.objects.filter(is_active=True, organization_id=absent.organization_id),
        username=payload.substitute,
    )
    substitution = services.substitution_name(
        actor=request.user,
        absent=absent,
        substitute=substitute,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        reason=payload.reason,
        ip=client_ip(request),
    )
    return Status(201, substitution)


@router.post("/{pk}/cancel", response=SubstitutionOut, summary="Cancel a substitution early")
@permission(model=MODEL, action="act", lookup="pk")
def substitution_cancel(request: HttpRequest, pk: int):
    substitution = selectors.substitution_get_for_user(user=request.user, pk=pk, action="act")
    return services.substitution_cancel(actor=request.user, substitution=substitution, ip=client_ip(request))
