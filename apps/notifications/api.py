"""API: the signed-in user's messages, marking one read, and the unread count."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from apps.accounts.permissions import permission
from apps.core.jalali import format_datetime
from apps.core.pagination import BoundedPagination

from . import selectors, services

router = Router(tags=["messages"])

API_MAX_LIMIT = 100


class MessageOut(Schema):
    id: int
    subject: str
    body: str
    url: str
    case: str | None
    unread: bool
    created_at: datetime
    created_at_jalali: str
    read_at: datetime | None

    @staticmethod
    def resolve_case(obj) -> str | None:
        return obj.case.tracking_code if obj.case_id else None

    @staticmethod
    def resolve_unread(obj) -> bool:
        return obj.read_at is None

    @staticmethod
    def resolve_created_at_jalali(obj) -> str:
        return format_datetime(obj.created_at)


class UnreadCountOut(Schema):
    unread: int


@router.get("/messages", response=list[MessageOut], summary="My messages, newest first")
@permission("notifications.message", "view")
@paginate(BoundedPagination, max_limit=API_MAX_LIMIT)
def message_list(request):
    return selectors.message_list_for_user(user=request.user)


@router.get("/messages/unread-count", response=UnreadCountOut, summary="How many of my messages are unread")
@permission("notifications.message", "view")
def message_unread_count(request):
    return {"unread": selectors.unread_count(user=request.user)}


@router.post("/messages/{int:message_id}/read", response=MessageOut, summary="Mark one of my messages read")
@permission("notifications.message", "edit", lookup="message_id")
def message_read(request, message_id: int):
    message = selectors.message_get_for_user(user=request.user, pk=message_id)
    return services.message_mark_read(message=message)
