"""Pages of issue 7: complaints, the public tracking of a complaint, the survey, service levels,
the reports area and the availability page. Each view parses, calls one service or selector, responds."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts.permissions import Refused, may_at_all, permission, public
from apps.accounts.provinces import province_choices_on
from apps.core.digits import to_persian_digits
from apps.core.http import attempt, client_ip, paginate
from apps.core.jalali import format_date
from apps.core.spreadsheets import export_queryset, xlsx_response
from apps.workflow.forms import TrackForm
from apps.workflow.selectors import case_get_for_user

from . import dashboard, exports, selectors, services
from .forms import AssignForm, ComplaintForm, RateForm, ReportFiltersForm, SurveyForm
from .models import Complaint
from .permissions import COMPLAINT_CASE, REPORT, SATISFACTION, SERVICE_LEVEL, sees_every_agency
from .workflow import COMPLAINT

EXPORT_COLUMNS = [
    ("کد رهگیری", lambda c: c.case.tracking_code),
    ("نوع", lambda c: c.get_kind_display()),
    ("درباره", lambda c: c.get_subject_display()),
    ("دستگاه", lambda c: c.case.owner.name),
    ("وضعیت", lambda c: c.case.state_label),
    ("تاریخ ثبت", lambda c: format_date(c.case.created_at, persian_digits=False)),
    ("مهلت", lambda c: format_date(c.case.due_date, persian_digits=False)),
    ("امتیاز پاسخ", lambda c: c.rating or ""),
]


def _case_page(tracking_code: str):
    return redirect("workflow:case_detail", tracking_code=tracking_code)


def _wants_export(request, kind_name: str, export: str = "xlsx") -> bool:
    """Whether the page is asked for as a file; a list's file is the table's `export`, refused apart."""
    if request.GET.get("format") != export:
        return False
    if not may_at_all(request.user, kind_name, "export"):
        raise Refused(403, kind=kind_name, action="export")
    return True


@permission(COMPLAINT_CASE, "view")
def complaint_list(request):
    filters = {k: request.GET.get(k, "") for k in ("q", "state", "kind", "province")}
    complaints = selectors.complaint_list_for_user(user=request.user, filters=filters)
    if _wants_export(request, COMPLAINT_CASE):
        return export_queryset(request, complaints, EXPORT_COLUMNS, filename="complaints")
    context = {
        "page": paginate(request, complaints),
        "filters": filters,
        "states": COMPLAINT.states,
        "kinds": Complaint.Kind.choices,
        "can_file": may_at_all(request.user, COMPLAINT_CASE, "create"),
        "can_export": may_at_all(request.user, COMPLAINT_CASE, "export"),
        "provinces": province_choices_on(request.user, COMPLAINT_CASE),
    }
    return render(request, "complaints/complaint_list.html", context)


@permission(COMPLAINT_CASE, "create")
def complaint_new(request):
    initial = {
        "mobile": request.user.mobile,
        "service": request.GET.get("service", ""),
        "case_code": request.GET.get("case", ""),
        "document_code": request.GET.get("document", ""),
    }
    initial["subject"] = (
        Complaint.Subject.CASE
        if initial["case_code"]
        else Complaint.Subject.DOCUMENT
        if initial["document_code"]
        else Complaint.Subject.SERVICE
    )
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial)
    case = attempt(
        request,
        lambda: services.complaint_file(actor=request.user, ip=client_ip(request), **form.cleaned_data),
        lambda case: f"ثبت شد. کد رهگیری: {to_persian_digits(case.tracking_code)}",
        form=form,
    )
    if case:
        return _case_page(case.tracking_code)
    return render(request, "complaints/complaint_new.html", {"form": form})


@require_POST
@permission(COMPLAINT_CASE, "act", lookup="tracking_code")
def complaint_assign(request, tracking_code: str):
    complaint = selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    handlers = selectors.complaint_handlers(province_id=complaint.case.owner.province_id)
    form = AssignForm(request.POST, handlers=handlers)
    if not form.is_valid():
        messages.error(request, "کارشناس رسیدگی را انتخاب کنید.")
        return _case_page(tracking_code)
    attempt(
        request,
        lambda: services.complaint_assign(
            case=complaint.case,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            ip=client_ip(request),
        ),
        "شکایت ارجاع شد.",
    )
    return _case_page(tracking_code)


@require_POST
@permission(COMPLAINT_CASE, "act", lookup="tracking_code")
def complaint_rate(request, tracking_code: str):
    complaint = selectors.complaint_get_for_user(user=request.user, tracking_code=tracking_code, action="act")
    form = RateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "امتیازی از ۱ تا ۵ انتخاب کنید.")
        return _case_page(tracking_code)
    attempt(
        request,
        lambda: services.complaint_rate(
            case=complaint.case, actor=request.user, ip=client_ip(request), **form.cleaned_data
        ),
        "امتیاز شما ثبت شد.",
    )
    return _case_page(tracking_code)


@public
def complaint_track(request):
    """Public: a complaint's state and answer from its tracking code and the complainant's mobile."""
    form = TrackForm(request.GET or None)
    complaint, searched = None, False
    if form.is_valid():
        searched = True
        complaint = selectors.complaint_track_public(**form.cleaned_data)
    return render(
        request,
        "complaints/complaint_track.html",
        {"form": form, "complaint": complaint, "searched": searched},
    )


@require_POST
# The survey is about a finished case of any service: the person must see it; whether they may answer
# it is `complaints.satisfaction` create, asked by the service (`permissions.may_answer_survey`).
@permission(model="workflow.Case", lookup="tracking_code", field="tracking_code")
def survey_submit(request, tracking_code: str):
    case = case_get_for_user(user=request.user, tracking_code=tracking_code)
    form = SurveyForm(request.POST, steps=selectors.survey_steps(case=case))
    if not form.is_valid():
        messages.error(request, "امتیاز رضایت کلی را انتخاب کنید.")
        return _case_page(tracking_code)
    attempt(
        request,
        lambda: services.satisfaction_record(
            case=case,
            actor=request.user,
            score=form.cleaned_data["score"],
            step_scores=form.step_scores(),
            comment=form.cleaned_data["comment"],
        ),
        "از شرکت شما در نظرسنجی سپاسگزاریم.",
    )
    return _case_page(tracking_code)


def _filters_form(request) -> ReportFiltersForm:
    return ReportFiltersForm(request.GET or None, agencies=selectors.agencies_for_filter(user=request.user))


@permission(SATISFACTION, "view")
def satisfaction(request):
    form = _filters_form(request)
    rows = selectors.satisfaction_summary(user=request.user, filters=form.filters())
    headers = ["خدمت", "مرحله", "تعداد پاسخ", "میانگین امتیاز (از ۵)"]
    if _wants_export(request, SATISFACTION):
        return xlsx_response(
            "satisfaction",
            headers,
            ([r.process_label, r.step_label or "کل خدمت", r.responses, r.average] for r in rows),
        )
    return render(request, "complaints/satisfaction.html", {"form": form, "rows": rows})


@public
def service_level_index(request):
    return render(request, "complaints/service_level_index.html", {"services": selectors.public_services()})


@public
def service_level_public(request, service: str):
    """Public: one service's promise against what happened; counts only, nothing personal."""
    title = selectors.public_service_title(service=service)
    if title is None:
        raise Http404
    levels = selectors.service_levels_public(service=service)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            f"service-level-{service}", dashboard.LEVEL_HEADERS, dashboard.level_table_rows(levels)
        )
    return render(request, "complaints/service_level_public.html", {"title": title, "levels": levels})


@permission(SERVICE_LEVEL, "view")
def service_level_dashboard(request):
    form = _filters_form(request)
    filters = form.filters()
    if _wants_export(request, SERVICE_LEVEL):
        levels = selectors.service_levels_for_user(user=request.user, filters=filters)
        return xlsx_response("service-levels", dashboard.LEVEL_HEADERS, dashboard.level_table_rows(levels))
    board = dashboard.build(user=request.user, filters=filters)
    context = {
        "form": form,
        "boards": [("complaints", board)],
        "every_agency": sees_every_agency(request.user, SERVICE_LEVEL),
    }
    return render(request, "complaints/service_level_dashboard.html", context)


@permission(REPORT, "view")
def reports(request):
    """The dashboards of the services the person may see, side by side, with one set of filters and
    .xlsx/PDF export."""
    form = _filters_form(request)
    filters = selectors.effective_filters(user=request.user, filters=form.filters())
    boards = [
        (e.service, e.build(user=request.user, filters=filters))
        for e in selectors.dashboards_for(request.user)
    ]
    if _wants_export(request, REPORT):
        return exports.reports_xlsx(boards)
    if _wants_export(request, REPORT, "pdf"):
        return exports.reports_pdf(boards, filters, reader=request.user)
    context = {"form": form, "boards": boards, "every_agency": sees_every_agency(request.user, REPORT)}
    return render(request, "complaints/reports.html", context)


@public
def availability(request):
    """Public: planned maintenance and the desk's uptime from its own health checks."""
    context = {"notices": selectors.maintenance_notices(), "uptime": selectors.uptime()}
    return render(request, "complaints/availability.html", context)
