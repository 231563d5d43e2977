"""API: filing a fault report."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from apps.accounts.permissions import permission
from apps.core.http import client_ip

from . import services

router = Router(tags=["support"])


class FaultIn(Schema):
    category: str
    description: str
    page_url: str = ""


class FiledOut(Schema):
    tracking_code: str
    state: str


@router.post("/faults", response={201: FiledOut}, summary="Report a fault of the desk")
@permission("support.case", "create")
def fault_file(request: HttpRequest, payload: FaultIn):
    case = services.fault_report_file(actor=request.user, ip=client_ip(request), **payload.dict())
    return Status(201, case)
