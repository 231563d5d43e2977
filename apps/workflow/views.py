"""Pages of the workflow core: the cartable, a case, acting on it, bulk actions, public tracking."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.errors import ServiceError
from apps.core.http import client_ip, file_download, paginate
from apps.core.jalali import format_date
from apps.core.spreadsheets import export_queryset

from . import selectors, services
from .forms import ActionForm, AttachmentForm, BulkForm, TrackForm
from .panels import panels_for
from .process import all_processes


def _filters(request) -> dict:
    return {k: request.GET.get(k, "") for k in ("q", "process", "state", "overdue", "owner")}


EXPORT_COLUMNS = [
    ("کد رهگیری", lambda c: c.tracking_code),
    ("عنوان", lambda c: c.title),
    ("خدمت", lambda c: c.process_def.label),
    ("دستگاه", lambda c: c.owner.name),
    ("وضعیت", lambda c: c.state_label),
    ("تاریخ ثبت", lambda c: format_date(c.created_at, persian_digits=False)),
    ("مهلت", lambda c: format_date(c.due_date, persian_digits=False)),
    ("دیرکرد", lambda c: "بله" if c.is_overdue else "خیر"),
]


def _list_or_export(request, cases, template: str, **context):
    """The same filtered list as a page, or with ?format=xlsx as a spreadsheet of every row.

    `cases` builds the list's queryset when called: a page whose list is kept (`{% listing %}`) does not
    build it at all, which was a tenth of the cartable's time.
    """
    if request.GET.get("format") == "xlsx":
        return export_queryset(request, cases(), EXPORT_COLUMNS)
    return render(
        request, template, {"page": paginate(request, cases), "processes": all_processes(), **context}
    )


@login_required
def cartable(request):
    filters = _filters(request)
    cases = partial(selectors.cartable_for_user, user=request.user, filters=filters)
    # A callable, so the panels are read only when the page is rendered, not for the .xlsx download.
    panels = partial(panels_for, request.user)
    return _list_or_export(
        request, cases, "workflow/cartable.html", filters=filters, bulk=True, panels=panels
    )


@login_required
def case_list(request):
    filters = _filters(request)
    cases = partial(selectors.case_list_for_user, user=request.user, filters=filters)
    return _list_or_export(request, cases, "workflow/case_list.html", filters=filters)


@login_required
def case_detail(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code)
    actions = services.available_actions(request.user, case)
    return render(
        request,
        "workflow/case_detail.html",
        {
            "case": case,
            "process": case.process_def,
            "actions": actions,
            "history": selectors.case_history(case=case),
            "attachments": selectors.case_attachments(case=case),
            "reasons": selectors.reason_templates(process=case.process, state=case.state) if actions else [],
            "attachment_form": AttachmentForm(),
        },
    )


@login_required
@require_POST
def case_act(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code)
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "درخواست نامعتبر است.")
        return redirect("workflow:case_detail", tracking_code=tracking_code)
    try:
        services.perform(
            case,
            form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_state=form.cleaned_data["expected_state"] or None,
            ip=client_ip(request),
        )
        messages.success(request, "اقدام ثبت شد.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("workflow:case_detail", tracking_code=tracking_code)


@login_required
@require_POST
def attachment_upload(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                case=case,
                actor=request.user,
                title=form.cleaned_data["title"],
                uploaded_file=form.cleaned_data["file"],
                ip=client_ip(request),
            )
            messages.success(request, "پیوست افزوده شد.")
        except ServiceError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "فایلی انتخاب نشده است.")
    return redirect("workflow:case_detail", tracking_code=tracking_code)


@login_required
def attachment_download(request, pk: int):
    return file_download(selectors.attachment_get_for_user(user=request.user, pk=pk).file)


@login_required
@require_POST
def bulk_start(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "اقدام گروهی نامعتبر است.")
        return redirect("workflow:cartable")
    try:
        job = services.bulk_start(
            actor=request.user,
            action_name=form.cleaned_data["action"],
            case_ids=form.cleaned_data["case_ids"],
            reason=form.cleaned_data["reason"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("workflow:cartable")
    return redirect("workflow:bulk_job", pk=job.pk)


@login_required
def bulk_job(request, pk: int):
    job = selectors.bulk_job_get_for_user(user=request.user, pk=pk)
    template = (
        "workflow/_bulk_progress.html" if request.headers.get("HX-Request") else "workflow/bulk_job.html"
    )
    return render(request, template, {"job": job})


def track(request):
    """Public: the status of a case from its tracking code and the requester's mobile; nothing personal."""
    form = TrackForm(request.GET or None)
    case, searched = None, False
    if form.is_valid():
        searched = True
        case = selectors.case_track_public(**form.cleaned_data)
    return render(request, "workflow/track.html", {"form": form, "case": case, "searched": searched})
