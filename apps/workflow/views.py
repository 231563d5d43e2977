"""Pages of the workflow core: the cartable, a case, acting on it, bulk actions, public tracking."""

from functools import cache, partial

from django.contrib import messages
from django.forms import TextInput, Widget
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from apps.accounts import permissions
from apps.accounts.permissions import permission, public
from apps.accounts.provinces import province_choices
from apps.core.forms import form_errors_text
from apps.core.http import attempt, attempt_and_return, client_ip, file_download, paginate
from apps.core.jalali import format_date
from apps.core.spreadsheets import export_queryset
from apps.core.uploads import held_release, hold_for_retry, row_key

from . import selectors, services
from .filters import CaseFilter
from .forms import ActionForm, AttachmentForm, BulkForm, TrackForm
from .panels import panels_for
from .process import all_processes

CASE = "workflow.Case"
ATTACHMENT = "workflow.CaseAttachment"


def _filters(request) -> CaseFilter:
    """The list's filters, validated once and only when the rows are read: a page whose rows are kept
    (`{% listing %}`) does not build them at all (django-filter copies its filters and their form's fields
    for each one built: some 7% of a kept cartable's time)."""
    return SimpleLazyObject(lambda: CaseFilter(request.GET))


class _Typed:
    """A filter box as the page shows it back: what was typed, as typed (as the FilterSet's bound form
    would show it), under the filter's label."""

    __slots__ = ("label", "value")

    def __init__(self, label: str, value):
        self.label, self.value = label, value


@cache
def _boxes() -> tuple[tuple[str, str, Widget], ...]:
    """Each filter's name, label and widget, built once per process: a widget only reads the address."""
    boxes = []
    for name, spec in CaseFilter.base_filters.items():
        widget = spec.extra.get("widget") or TextInput
        boxes.append((name, spec.label, widget() if isinstance(widget, type) else widget))
    return tuple(boxes)


def _typed(request) -> dict[str, _Typed]:
    """The filters' boxes (`_filters.html`), read from the address by each filter's own widget (a checkbox
    reads "1" as ticked, "false" or nothing as not), without building the FilterSet."""
    return {
        name: _Typed(label, widget.value_from_datadict(request.GET, None, name))
        for name, label, widget in _boxes()
    }


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
        request,
        template,
        {
            "page": paginate(request, cases),
            "processes": all_processes(),
            # Read only when the filters are rendered, not when they are kept.
            "provinces": SimpleLazyObject(partial(province_choices, request.user)),
            # Read by the rows only when they are rendered: whether any row can be someone else's work.
            "stands_in": lambda: bool(permissions.absentees_of(request.user)),
            **context,
        },
    )


def _may_on_cases(user, action: str, case=None) -> bool:
    """Whether the table lets this person `action` some case (or `case`), of whichever service."""
    names = permissions.kinds_of(selectors.Case)
    if case is None:
        return any(permissions.may_at_all(user, name, action) for name in names)
    return permissions.may_as_any(user, action, case, names)


@permission(model=CASE)
def cartable(request):
    filters = _filters(request)
    cases = partial(selectors.cartable_for_user, user=request.user, filters=filters)
    # A callable, so the panels are read only when the page is rendered, not for the .xlsx download.
    panels = partial(panels_for, request.user)
    return _list_or_export(
        request,
        cases,
        "workflow/cartable.html",
        filters=_typed(request),
        bulk=_may_on_cases(request.user, "bulk"),
        panels=panels,
    )


@permission(model=CASE)
def case_list(request):
    filters = _filters(request)
    cases = partial(selectors.case_list_for_user, user=request.user, filters=filters)
    return _list_or_export(request, cases, "workflow/case_list.html", filters=_typed(request))


@permission(model=CASE, lookup="tracking_code", field="tracking_code")
def case_detail(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code)
    actions = (
        services.available_actions(request.user, case) if _may_on_cases(request.user, "act", case) else []
    )
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
            "can_attach": _may_on_cases(request.user, "attach", case),
            # The documents app's rule for official letters (its page is one link away).
            "can_issue_letter": permissions.may(request.user, "document.letter", "create"),
        },
    )


@require_POST
@permission(model=CASE, action="act", lookup="tracking_code", field="tracking_code")
def case_act(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "درخواست نامعتبر است.")
        return redirect("workflow:case_detail", tracking_code=tracking_code)
    return attempt_and_return(
        request,
        lambda: services.perform(
            case,
            form.cleaned_data["action"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_state=form.cleaned_data["expected_state"] or None,
            ip=client_ip(request),
        ),
        "اقدام ثبت شد.",
        "workflow:case_detail",
        tracking_code,
    )


@require_POST
@permission(model=CASE, action="attach", lookup="tracking_code", field="tracking_code")
def attachment_upload(request, tracking_code: str):
    case = selectors.case_get_for_user(user=request.user, tracking_code=tracking_code, action="attach")
    key = row_key("workflow.attachment", case.pk)
    form = AttachmentForm(request.POST, request.FILES)
    taken = form.is_valid() and attempt(
        request,
        lambda: services.attachment_add(
            case=case,
            actor=request.user,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            ip=client_ip(request),
        ),
        "پیوست افزوده شد.",
    )
    if taken:
        held_release(request, key)
    else:
        # The case page shows the file again in its box: the person corrects the title and sends it as it is.
        hold_for_retry(request, key)
        if form.errors:
            messages.error(request, form_errors_text(form))
    return redirect("workflow:case_detail", tracking_code=tracking_code)


@permission(model=ATTACHMENT, action="download", lookup="pk")
def attachment_download(request, pk: int):
    return file_download(selectors.attachment_get_for_user(user=request.user, pk=pk, action="download").file)


@require_POST
@permission(model=CASE, action="bulk")
def bulk_start(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "اقدام گروهی نامعتبر است.")
        return redirect("workflow:cartable")
    job = attempt(
        request,
        lambda: services.bulk_start(
            actor=request.user,
            action_name=form.cleaned_data["action"],
            case_ids=form.cleaned_data["case_ids"],
            reason=form.cleaned_data["reason"],
        ),
    )
    if job is None:
        return redirect("workflow:cartable")
    return redirect("workflow:bulk_job", pk=job.pk)


@permission("workflow.bulk_job", lookup="pk")
def bulk_job(request, pk: int):
    job = selectors.bulk_job_get_for_user(user=request.user, pk=pk)
    template = (
        "workflow/_bulk_progress.html" if request.headers.get("HX-Request") else "workflow/bulk_job.html"
    )
    return render(request, template, {"job": job})


@public
def track(request):
    """Public: the status of a case from its tracking code and the requester's mobile; nothing personal."""
    form = TrackForm(request.GET or None)
    case, searched = None, False
    if form.is_valid():
        searched = True
        case = selectors.case_track_public(**form.cleaned_data)
    return render(request, "workflow/track.html", {"form": form, "case": case, "searched": searched})
