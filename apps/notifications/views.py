"""Pages of the inbox, and the outbox page where the province's managers retry stuck messages."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.permissions import permission
from apps.core.http import attempt_and_return, paginate

from . import selectors, services


@permission("notifications.message", "view")
def inbox(request):
    page = paginate(request, selectors.message_list_for_user(user=request.user))
    return render(request, "notifications/message_list.html", {"page": page})


@permission("notifications.message", "view", lookup="pk")
def message_detail(request, pk: int):
    message = selectors.message_get_for_user(user=request.user, pk=pk)
    services.message_mark_read(message=message)
    return render(request, "notifications/message_detail.html", {"message": message})


@require_POST
@permission("notifications.message", "edit")
def mark_all_read(request):
    changed = services.message_mark_all_read(user=request.user)
    if changed:
        messages.success(request, "همه پیام‌ها خوانده شد.")
    return redirect("notifications:inbox")


@permission("notifications.outbox", "view")
def outbox(request):
    page = paginate(request, selectors.outbox_problem_list(user=request.user))
    return render(request, "notifications/outbox_list.html", {"page": page})


@require_POST
@permission("notifications.outbox", "act", lookup="pk")
def outbox_retry(request, pk: int):
    return attempt_and_return(
        request,
        lambda: services.outbox_retry(outbox_id=pk, actor=request.user),
        "پیام دوباره در صف ارسال قرار گرفت.",
        "notifications:outbox",
    )
