"""Pages of the inbox, and the outbox page where the province's managers retry stuck messages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.errors import ServiceError
from apps.core.http import paginate

from . import selectors, services


def outbox_manager_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not services.can_manage_outbox(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def inbox(request):
    page = paginate(request, selectors.message_list_for_user(user=request.user))
    return render(request, "notifications/message_list.html", {"page": page})


@login_required
def message_detail(request, pk: int):
    message = selectors.message_get_for_user(user=request.user, pk=pk)
    services.message_mark_read(message=message)
    return render(request, "notifications/message_detail.html", {"message": message})


@login_required
@require_POST
def mark_all_read(request):
    changed = services.message_mark_all_read(user=request.user)
    if changed:
        messages.success(request, "همه پیام‌ها خوانده شد.")
    return redirect("notifications:inbox")


@outbox_manager_required
def outbox(request):
    page = paginate(request, selectors.outbox_problem_list(user=request.user))
    return render(request, "notifications/outbox_list.html", {"page": page})


@outbox_manager_required
@require_POST
def outbox_retry(request, pk: int):
    try:
        services.outbox_retry(outbox_id=pk, actor=request.user)
        messages.success(request, "پیام دوباره در صف ارسال قرار گرفت.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("notifications:outbox")
