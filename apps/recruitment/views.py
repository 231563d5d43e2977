"""Pages of service A: thin views that parse, call one service or selector, and answer."""

from dataclasses import asdict

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from apps.accounts.permissions import Refused, permission, public
from apps.accounts.provinces import province_choices, province_filter_value
from apps.core import services as core_services
from apps.core.dashboards import ReportFilters
from apps.core.digits import to_persian_digits
from apps.core.forms import ImportUploadForm
from apps.core.http import attempt, attempt_and_return, client_ip, paginate
from apps.core.spreadsheets import export_queryset, get_spec
from apps.core.uploads import held_release, hold_for_retry, row_key
from apps.workflow.services import record_actions

from . import permissions, selectors
from .dashboard import recruitment_dashboard
from .documents import venue_sheet_pdf
from .exports import (
    CANDIDATE_COLUMNS,
    HIRE_COLUMNS,
    LEDGER_COLUMNS,
    MY_VENUE_COLUMNS,
    PANEL_COLUMNS,
    SUPERVISOR_COLUMNS,
    VENUE_COLUMNS,
)
from .forms import (
    AllocateForm,
    AnnounceForm,
    EmployeeNumberForm,
    ExamReportForm,
    HireDetailsForm,
    HireDocumentForm,
    HireRegisterForm,
    InterviewForm,
    JobQuotaForm,
    NominateForm,
    PanelForm,
    RoundForm,
    SearchForm,
    SupervisorForm,
    VenueForm,
)
from .imports import QuotaImport, ResultsImport
from .models import Candidate, Round
from .permissions import (
    CANDIDATE,
    EMPLOYEE_NUMBER,
    EXAM,
    HIRE,
    INTERVIEWS,
    LEDGER,
    NOMINATION,
    QUOTA,
    REGISTRATION,
    RESULTS,
    ROUND,
    SUPERVISOR,
    VENUE,
)
from .services import hire_documents, hires, rounds, supervisors
from .steps import FLOW, flow_step
from .workflow import HIRE as HIRE_PROCESS


def _form_page(request, form, *, title, submit, call, success, back, intro="", multipart=False, confirm=""):
    """A form that calls one service: its refusal becomes the form's error, its success a message."""
    result = attempt(request, lambda: call(form.cleaned_data), success, form=form)
    if result is not None:
        return redirect(back(result) if callable(back) else back)
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "multipart": multipart,
        "confirm": confirm,
    }
    return render(
        request, "recruitment/form.html", context, status=400 if form.is_bound and form.errors else 200
    )


def _list_page(request, rows, columns, template: str, *, export: str, **context):
    """A paginated list, or with ?format=xlsx every row of it as a spreadsheet (the `export` kind's action)."""
    if request.GET.get("format") == "xlsx":
        if not permissions.may_at_all(request.user, export, "export"):
            raise Refused(403, kind=export, action="export")
        return export_queryset(request, rows, columns)
    return render(request, template, {"page": paginate(request, rows), **context})


def _round_url(round_) -> str:
    return reverse("recruitment:round_detail", kwargs={"pk": round_.pk})


def _filters(request, *keys) -> dict:
    return {k: request.GET.get(k, "") for k in ("q", *keys)}


@permission(ROUND, "view")
def round_list(request):
    province = province_filter_value(request.GET.get("province", ""))
    rounds_ = selectors.round_list_for_user(user=request.user, province=province)
    columns = [
        ("کد", lambda r: r.code),
        ("عنوان", lambda r: r.title),
        ("مرحله", lambda r: r.get_stage_display()),
    ]
    return _list_page(
        request,
        rounds_,
        columns,
        "recruitment/round_list.html",
        export=ROUND,
        can_create=permissions.may_at_all(request.user, ROUND, "create"),
        provinces=province_choices(request.user),
        province=province,
    )


@permission(ROUND, "create")
def round_create(request):
    return _form_page(
        request,
        RoundForm(request.POST or None),
        title="ثبت دوره جذب تازه",
        submit="ثبت دوره",
        call=lambda data: rounds.round_create(actor=request.user, **data),
        success="دوره جذب ثبت شد؛ سهمیه‌ها را وارد کنید.",
        back=_round_url,
    )


# The round's actions that are a button of its page, and the route each posts to.
ROUND_BUTTONS = {"send_reports": "recruitment:reports_send", "close": "recruitment:round_close"}


@permission(ROUND, "view", lookup="pk")
def round_detail(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk)
    quotas = selectors.ledger_for_user(user=request.user, round_=round_)
    user = request.user
    return render(
        request,
        "recruitment/round_detail.html",
        {
            "round": round_,
            "flow": [(step, round_.reached(step.done_at)) for step in FLOW],
            "totals": selectors.ledger_totals(quotas=quotas),
            "reconciles": selectors.ledger_reconciles(round_=round_),
            "requirements": selectors.round_requirements(round_=round_),
            # The round's steps each person may take, as the permission table answers them.
            "can_define": permissions.may(user, LEDGER, "create", round_),
            "can_announce": permissions.may(user, ROUND, "edit", round_),
            "can_add_venue": permissions.may(user, EXAM, "create", round_),
            "can_import_results": permissions.may(user, RESULTS, "bulk", round_),
            "can_interview": permissions.may(user, INTERVIEWS, "create", round_),
            "can_allocate": permissions.may_at_all(user, QUOTA, "edit"),
            "can_register": permissions.may(user, REGISTRATION, "create", round_),
            "stages": Round.Stage,
            # The round's step buttons, from its process (recruitment.round); its other steps are done on
            # their own pages (announcing, importing the results, forming a panel, allocating).
            "buttons": [
                (action, reverse(ROUND_BUTTONS[action.name], kwargs={"pk": round_.pk}))
                for action in record_actions(user, round_)
                if action.name in ROUND_BUTTONS
            ],
        },
    )


@permission(ROUND, "edit", lookup="pk")
def round_announce(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, action="edit")
    return _form_page(
        request,
        AnnounceForm(request.POST or None),
        title=f"اعلام زمان آزمون — {round_.title}",
        submit="اعلام",
        call=lambda data: rounds.round_announce(actor=request.user, round_=round_, **data),
        success="زمان آزمون و درخواست ناظر اعلام شد.",
        back=_round_url(round_),
    )


@permission(LEDGER, "create", lookup="pk")
def quota_add(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=LEDGER, action="create")
    return _form_page(
        request,
        JobQuotaForm(request.POST or None),
        title=f"افزودن شغل محل به دفتر سهمیه — {round_.title}",
        submit="افزودن",
        call=lambda data: rounds.job_quota_add(actor=request.user, round_=round_, **data),
        success="شغل محل به دفتر سهمیه افزوده شد.",
        back=reverse("recruitment:ledger", kwargs={"pk": round_.pk}),
    )


def _round_import(request, pk: int, spec_class, kind: str):
    """The import pages of core, with the round this page belongs to in the job's context."""
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=kind, action="bulk")
    spec = get_spec(spec_class.name)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    job = attempt(
        request,
        lambda: core_services.import_start(
            spec_name=spec.name,
            uploaded_file=form.cleaned_data["file"],
            user=request.user,
            context={"round_id": round_.pk},
        ),
        form=form,
        field="file",
    )
    if job:
        return redirect("core:import_job", pk=job.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "recruitment/round_import.html", {"round": round_, "spec": spec, "form": form}, status=status
    )


@permission(LEDGER, "bulk", lookup="pk")
def quota_import(request, pk: int):
    return _round_import(request, pk, QuotaImport, LEDGER)


@permission(RESULTS, "bulk", lookup="pk")
def results_import(request, pk: int):
    return _round_import(request, pk, ResultsImport, RESULTS)


@permission(LEDGER, "view", lookup="pk")
def ledger(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=LEDGER)
    filters = _filters(request)
    quotas = selectors.ledger_for_user(user=request.user, round_=round_, filters=filters)
    return _list_page(
        request,
        quotas,
        LEDGER_COLUMNS,
        "recruitment/ledger.html",
        export=LEDGER,
        round=round_,
        search=SearchForm(filters),
        totals=selectors.ledger_totals(quotas=quotas),
        agencies=selectors.ledger_by_agency(quotas=quotas),
        can_allocate=permissions.may_at_all(request.user, QUOTA, "edit"),
    )


@permission(QUOTA, "edit", lookup="pk")
def quota_allocate(request, pk: int):
    quota = selectors.quota_get_for_user(user=request.user, pk=pk, action="edit")
    return _form_page(
        request,
        AllocateForm(request.POST or None, initial={"allocated": quota.allocated or quota.posts}),
        title=f"تخصیص سهمیه ثبت — {quota.agency.name} — {quota.job_title} ({quota.city})",
        intro=f"سهمیه ابلاغی: {to_persian_digits(quota.posts)}؛ ثبت‌شده تا کنون: {to_persian_digits(quota.registered)}",
        submit="تخصیص",
        call=lambda data: rounds.quota_allocate(actor=request.user, quota=quota, **data),
        success="سهمیه تخصیص یافت و دستگاه آگاه شد.",
        back=reverse("recruitment:ledger", kwargs={"pk": quota.round_id}),
    )


@permission(EXAM, "view", lookup="pk")
def venue_list(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=EXAM)
    venues = selectors.venues_for_user(user=request.user, round_=round_)
    return _list_page(
        request,
        venues,
        VENUE_COLUMNS,
        "recruitment/venue_list.html",
        export=EXAM,
        round=round_,
    )


@permission(EXAM, "create", lookup="pk")
def venue_add(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=EXAM, action="create")
    return _form_page(
        request,
        VenueForm(request.POST or None),
        title=f"افزودن حوزه آزمون — {round_.title}",
        submit="افزودن حوزه",
        call=lambda data: rounds.venue_add(actor=request.user, round_=round_, **data),
        success="حوزه آزمون افزوده شد.",
        back=reverse("recruitment:venue_list", kwargs={"pk": round_.pk}),
    )


@permission(VENUE, "view", lookup="pk", method="GET")
@permission(VENUE, "edit", lookup="pk", method="POST")
def venue_detail(request, pk: int):
    venue = selectors.venue_get_for_user(user=request.user, pk=pk)
    can_nominate = permissions.may(request.user, VENUE, "edit", venue)
    form = NominateForm(request.POST or None) if can_nominate else None
    if form is not None and attempt(
        request,
        lambda: supervisors.supervisor_nominate(
            actor=request.user, venue=venue, supervisor=form.cleaned_data["supervisor"]
        ),
        "ناظر معرفی و کارت او صادر شد.",
        form=form,
    ):
        return redirect("recruitment:venue_detail", pk=venue.pk)
    return render(
        request,
        "recruitment/venue_detail.html",
        {
            "venue": venue,
            "nominations": selectors.nominations_of(venue=venue),
            "report": selectors.report_visible(user=request.user, venue=venue),
            "form": form,
            "can_report": rounds.can_file_report(request.user, venue),
        },
        status=400 if form is not None and form.errors else 200,
    )


@permission(VENUE, "act", lookup="pk")
def venue_report(request, pk: int):
    venue = selectors.venue_get_for_user(user=request.user, pk=pk, action="act")
    return _form_page(
        request,
        ExamReportForm(request.POST or None, request.FILES or None),
        title=f"گزارش آزمون حوزه {venue.name}",
        submit="ثبت گزارش",
        multipart=True,
        call=lambda data: rounds.exam_report_file(actor=request.user, venue=venue, **data),
        success="گزارش حوزه ثبت شد.",
        back=reverse("recruitment:venue_detail", kwargs={"pk": venue.pk}),
    )


def _card(card) -> HttpResponse:
    """A supervisor's card, opened in the browser to print at the venue; «not found» when its file is gone."""
    try:
        with card.file.open("rb") as handle:
            return _pdf(handle.read(), card.filename)
    except FileNotFoundError as exc:
        raise Http404("فایل یافت نشد.") from exc


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    return response


@permission(VENUE, "download", lookup="pk")
def venue_cards(request, pk: int):
    venue = selectors.venue_get_for_user(user=request.user, pk=pk, action="download")
    nominations = [n for n in selectors.nominations_of(venue=venue) if n.card_id]
    if not nominations:
        messages.error(request, "برای این حوزه هنوز کارتی صادر نشده است.")
        return redirect("recruitment:venue_detail", pk=venue.pk)
    issuer = nominations[0].card.issued_by.organization
    return _pdf(venue_sheet_pdf(nominations=nominations, issuer=issuer), f"cards-venue-{venue.pk}.pdf")


@permission(NOMINATION, "download", lookup="pk")
def nomination_card(request, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk, action="download")
    if nomination.card is None:
        raise Http404
    return _card(nomination.card)


@require_POST
@permission(EXAM, "act", lookup="pk")
def reports_send(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=EXAM, action="act")
    return attempt_and_return(
        request,
        lambda: rounds.round_reports_send(actor=request.user, round_=round_),
        "گزارش‌های حوزه‌ها به سازمان اداری و استخدامی کشور ارسال شد.",
        _round_url(round_),
    )


@require_POST
@permission(ROUND, "act", lookup="pk")
def round_close(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, action="act")
    return attempt_and_return(
        request,
        lambda: rounds.round_close(actor=request.user, round_=round_),
        "دوره جذب بسته شد.",
        _round_url(round_),
    )


@permission(SUPERVISOR, "view")
def supervisor_list(request):
    filters = _filters(request)
    people = selectors.supervisor_list_for_user(user=request.user, filters=filters)
    return _list_page(
        request,
        people,
        SUPERVISOR_COLUMNS,
        "recruitment/supervisor_list.html",
        export=SUPERVISOR,
        search=SearchForm(filters),
        can_add=permissions.may_at_all(request.user, SUPERVISOR, "create"),
    )


@permission(SUPERVISOR, "create")
def supervisor_new(request):
    return _form_page(
        request,
        SupervisorForm(request.POST or None, request.FILES or None),
        title="افزودن ناظر به فهرست ناظران",
        submit="افزودن",
        multipart=True,
        call=lambda data: supervisors.supervisor_add(actor=request.user, **data),
        success="ناظر به فهرست افزوده شد.",
        back=reverse("recruitment:supervisor_list"),
    )


@permission(NOMINATION, "view")
def my_venues(request):
    nominations = selectors.my_nominations(user=request.user)
    return _list_page(
        request,
        nominations,
        MY_VENUE_COLUMNS,
        "recruitment/my_venues.html",
        export=NOMINATION,
        supervisor=selectors.supervisor_of_user(user=request.user),
    )


@permission(NOMINATION, "download")
def my_card(request):
    """The signed-in supervisor's own newest card; a Persian page with a 404 when they have none."""
    nomination = selectors.my_card_nomination(user=request.user)
    if nomination is None:
        return render(request, "recruitment/my_card_none.html", status=404)
    return _card(nomination.card)


@permission(INTERVIEWS, "view", lookup="pk")
def panel_list(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=INTERVIEWS)
    panels = selectors.panels_for_user(user=request.user, round_=round_)
    return _list_page(
        request,
        panels,
        PANEL_COLUMNS,
        "recruitment/panel_list.html",
        export=INTERVIEWS,
        round=round_,
        can_create_panel=permissions.may(request.user, INTERVIEWS, "create", round_),
    )


@permission(INTERVIEWS, "create", lookup="pk")
def panel_create(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=INTERVIEWS, action="create")
    return _form_page(
        request,
        PanelForm(request.POST or None),
        title=f"تشکیل هیئت مصاحبه — {round_.title}",
        submit="ثبت هیئت",
        call=lambda data: rounds.panel_create(actor=request.user, round_=round_, **data),
        success="هیئت مصاحبه ثبت شد.",
        back=reverse("recruitment:panel_list", kwargs={"pk": round_.pk}),
    )


@permission(RESULTS, "view", lookup="pk")
def candidate_list(request, pk: int):
    """A round's accepted list."""
    return _candidates(request, selectors.round_get_for_user(user=request.user, pk=pk, kind=RESULTS))


@permission(RESULTS, "view")
def candidate_list_latest(request):
    """The newest published accepted list the person may read."""
    return _candidates(request, selectors.round_latest_published_for_user(user=request.user))


def _candidates(request, round_):
    filters = _filters(request, "status")
    candidates = selectors.candidates_for_user(user=request.user, round_=round_, filters=filters)
    return _list_page(
        request,
        candidates,
        CANDIDATE_COLUMNS,
        "recruitment/candidate_list.html",
        export=CANDIDATE,
        round=round_,
        filters=filters,
        statuses=Candidate.Status.choices,
        can_interview=permissions.may_at_all(request.user, CANDIDATE, "act"),
    )


@permission(CANDIDATE, "act", lookup="pk")
def interview_record(request, pk: int):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk, action="act")
    return _form_page(
        request,
        InterviewForm(request.POST or None, round_=candidate.round),
        title=f"نتیجه مصاحبه {candidate} ({candidate.national_id})",
        submit="ثبت نتیجه",
        call=lambda data: rounds.candidate_interview_record(actor=request.user, candidate=candidate, **data),
        success=lambda c: f"نتیجه مصاحبه ثبت شد: {c.get_status_display()}",
        back=reverse("recruitment:candidate_list", kwargs={"pk": candidate.round_id}),
    )


@permission(REGISTRATION, "view", lookup="pk")
def hire_list(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=REGISTRATION)
    filters = _filters(request, "state")
    files = selectors.hires_for_user(user=request.user, round_=round_, filters=filters)
    return _list_page(
        request,
        files,
        HIRE_COLUMNS,
        "recruitment/hire_list.html",
        export=HIRE,
        round=round_,
        filters=filters,
        states=HIRE_PROCESS.states,
        can_register=permissions.may(request.user, REGISTRATION, "create", round_),
    )


@permission(REGISTRATION, "create", lookup="pk")
def hire_register(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk, kind=REGISTRATION, action="create")
    candidates = selectors.registrable_candidates(user=request.user, round_=round_)
    return _form_page(
        request,
        HireRegisterForm(request.POST or None, candidates=candidates),
        title=f"ثبت اطلاعات پذیرفته‌شده نهایی — {round_.title}",
        intro=(
            "پرونده به‌صورت پیش‌نویس ثبت می‌شود و سهمیه را نگه می‌دارد. سپس در صفحه پرونده مدارک لازم را "
            "پیوست کنید و «ارسال به معاونت» را بزنید."
        ),
        submit="ثبت پیش‌نویس",
        confirm="پیش‌نویس پرونده ثبت شود؟ هر فرد در هر دوره فقط یک بار ثبت می‌شود.",
        call=lambda data: hires.hire_register(actor=request.user, ip=client_ip(request), **data),
        success=lambda case: (
            f"پیش‌نویس پرونده ثبت شد. کد رهگیری: {to_persian_digits(case.tracking_code)}؛ "
            "مدارک لازم را پیوست و سپس پرونده را به معاونت ارسال کنید."
        ),
        back=lambda case: reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code}),
    )


@permission(HIRE, "edit", lookup="pk")
def hire_edit(request, pk: int):
    hire = selectors.hire_get_for_user(user=request.user, pk=pk, action="edit")
    initial = {f: getattr(hire, f) for f in hires.EDITABLE_FIELDS}
    return _form_page(
        request,
        HireDetailsForm(request.POST or None, initial=initial),
        title=f"اصلاح پرونده {hire.full_name}",
        intro="پس از اصلاح، در صفحه پرونده پرونده را به معاونت ارسال کنید.",
        submit="ذخیره اصلاحات",
        call=lambda data: hires.hire_update(
            actor=request.user, hire=hire, changes=data, ip=client_ip(request)
        ),
        success="اصلاحات ذخیره شد.",
        back=reverse("workflow:case_detail", kwargs={"tracking_code": hire.case.tracking_code}),
    )


@require_POST
@permission(HIRE, "attach", lookup="pk")
def hire_document_upload(request, pk: int):
    hire = selectors.hire_get_for_user(user=request.user, pk=pk, action="attach")
    form = HireDocumentForm(request.POST, request.FILES)
    key = row_key("recruitment.hire_document", hire.pk, request.POST.get("requirement", ""))
    taken = form.is_valid() and attempt(
        request,
        lambda: hire_documents.hire_document_attach(
            actor=request.user, hire=hire, ip=client_ip(request), **form.cleaned_data
        ),
        "مدرک پیوست شد.",
    )
    if taken:
        held_release(request, key)
    else:
        # The requirement's row on the case page shows the chosen file again.
        hold_for_retry(request, key, name="uploaded_file")
        if not form.is_valid():
            messages.error(request, "فایل مدرک را انتخاب کنید.")
    return redirect("workflow:case_detail", tracking_code=hire.case.tracking_code)


@require_POST
@permission(EMPLOYEE_NUMBER, "act", lookup="pk")
def hire_finalize(request, pk: int):
    hire = selectors.hire_get_for_user(user=request.user, pk=pk, action="act", kind=EMPLOYEE_NUMBER)
    form = EmployeeNumberForm(request.POST)
    if not form.is_valid():
        messages.error(request, "شماره مستخدم را وارد کنید.")
        return redirect("workflow:case_detail", tracking_code=hire.case.tracking_code)
    # The closed file leaves the national org's desk, so the answer is the round's list of files.
    return attempt_and_return(
        request,
        lambda: hires.hire_finalize(
            actor=request.user, hire=hire, ip=client_ip(request), **form.cleaned_data
        ),
        f"تأیید نهایی ثبت و شماره مستخدم {hire.full_name} صادر شد؛ دستگاه آگاه شد.",
        reverse("recruitment:hire_list", kwargs={"pk": hire.round_id}) + f"?q={hire.national_id}",
    )


@permission(ROUND, "view", lookup="pk")
def round_dashboard(request, pk: int):
    round_ = selectors.round_get_for_user(user=request.user, pk=pk)
    board = recruitment_dashboard(user=request.user, filters=ReportFilters(), round_=round_)
    charts = [asdict(chart) for chart in board.charts]
    return render(request, "recruitment/dashboard.html", {"round": round_, "board": board, "charts": charts})


@public
def help_index(request):
    return render(request, "recruitment/help_index.html", {"flow": FLOW})


@public
def help_step(request, slug: str):
    step = flow_step(slug)
    if step is None:
        raise Http404
    return render(request, "recruitment/help_step.html", {"step": step, "flow": FLOW})
