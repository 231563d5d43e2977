"""Pages of service D: thin views that parse, call one service or selector, and render."""

from dataclasses import asdict
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.core.errors import ServiceError
from apps.core.http import file_download, paginate
from apps.core.jalali import today
from apps.core.spreadsheets import export_queryset, xlsx_response
from apps.workflow.services import available_actions

from . import documents, exports, forms, selectors, services
from .dashboard import build as dashboard_build
from .models import Cycle
from .services import is_evaluation_staff, is_evaluator


def staff_only(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_evaluation_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _run(request, call, success: str) -> bool:
    """Runs one service call; its refusal becomes the page's error message."""
    try:
        call()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


@login_required
def cycle_list(request):
    form = forms.CycleForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not is_evaluation_staff(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                cycle = services.cycle_create(actor=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "دوره ارزیابی تعریف شد.")
                return redirect("evaluation:cycle_detail", pk=cycle.pk)
    cycles = selectors.cycle_list()
    if request.GET.get("export") == "xlsx":
        return export_queryset(request, cycles, exports.CYCLE_COLUMNS, filename="دوره‌های ارزیابی")
    page = paginate(request, cycles)
    return render(
        request,
        "evaluation/cycle_list.html",
        {"page": page, "form": form, "is_staff": is_evaluation_staff(request.user)},
    )


@login_required
def cycle_detail(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    staff = is_evaluation_staff(request.user)
    return render(
        request,
        "evaluation/cycle_detail.html",
        {
            "cycle": cycle,
            "is_staff": staff,
            "is_head": request.user.is_province_staff and request.user.has_role("org_head"),
            "is_national": request.user.has_role("national_officer"),
            "mine": selectors.evaluation_list_for_user(user=request.user, cycle=cycle)
            if request.user.is_agency_user
            else [],
            "attachments": cycle.circular_attachments.all(),
            "attachment_form": forms.CircularAttachmentForm(),
            "bodies": cycle.bodies.prefetch_related("members__letter"),
            "sessions": selectors.session_list(cycle=cycle),
            "bands_form": forms.BandsForm(initial={"bands": forms.bands_text(cycle.bands)}),
            "rank_form": forms.NationalRankForm(),
            "member_form": forms.MemberForm(),
            "session_form": forms.SessionForm(),
        },
    )


# The cycle-wide steps, each one service call.
CYCLE_STEPS = {
    "approve_cut": (services.cycle_approve_province_cut, "برش استانی شاخص‌های اختصاصی تأیید شد."),
    "publish_indices": (services.cycle_publish_indices, "شاخص‌ها ابلاغ و خودارزیابی دستگاه‌ها آغاز شد."),
    "publish_initial": (services.cycle_publish_initial, "نتایج اولیه اعلام و مهلت اعتراض آغاز شد."),
    "approve_final": (
        services.cycle_approve_final,
        "نتایج نهایی تصویب و به دستگاه‌ها و سازمان کشور ابلاغ شد.",
    ),
    "book": (documents.results_book_issue, "کتاب نتایج صادر شد؛ پیوند دریافت آن در همین صفحه است."),
    "festival_report": (
        documents.festival_report_issue,
        "گزارش جشنواره برای سازمان اداری و استخدامی کشور صادر شد؛ پیوند دریافت آن در همین صفحه است.",
    ),
}


@login_required
@require_POST
def cycle_act(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    step = CYCLE_STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, "اقدام نامعتبر است.")
    else:
        function, success = step
        _run(request, lambda: function(actor=request.user, cycle=cycle), success)
    return redirect("evaluation:cycle_detail", pk=pk)


@login_required
@require_POST
def cycle_bands(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.BandsForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.cycle_set_bands(
                actor=request.user, cycle=cycle, bands=form.cleaned_data["bands"]
            ),
            "بازه‌های سطح‌بندی ذخیره شد.",
        )
    else:
        messages.error(request, " ".join(form.errors.get("bands", ["ورودی نامعتبر است."])))
    return redirect("evaluation:cycle_detail", pk=pk)


@staff_only
def cycle_calendar(request, pk: int):
    """The cycle's calendar, editable where the rules still allow (the service says why where not)."""
    cycle = selectors.cycle_get(pk=pk)
    form = forms.CalendarForm(
        request.POST or None, cycle=cycle, phases=selectors.cycle_calendar(cycle=cycle), day=today()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_calendar_update(
                actor=request.user,
                cycle=cycle,
                phases=form.phase_dates(),
                self_assessment_deadline=form.cleaned_data["self_assessment_deadline"],
            )
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "تقویم دوره ذخیره شد.")
            return redirect("evaluation:cycle_detail", pk=pk)
    return render(request, "evaluation/cycle_calendar.html", {"cycle": cycle, "form": form})


@login_required
@require_POST
def cycle_rank(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.NationalRankForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.cycle_record_national_rank(actor=request.user, cycle=cycle, **form.cleaned_data),
            "رتبه استان ثبت شد.",
        )
    else:
        messages.error(request, "رتبه و تعداد استان‌ها را درست وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@login_required
def index_list(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.IndexForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.index_create(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "شاخص افزوده شد.")
            return redirect("evaluation:index_list", pk=pk)
    indices = selectors.index_list(cycle=cycle, filters=request.GET)
    if request.GET.get("export") == "xlsx":
        return export_queryset(
            request, indices, exports.INDEX_COLUMNS, filename=f"شاخص‌های ارزیابی {cycle.year}"
        )
    return render(
        request,
        "evaluation/index_list.html",
        {
            "cycle": cycle,
            "page": paginate(request, indices),
            "form": form,
            "is_staff": is_evaluation_staff(request.user),
            "kinds": forms.Index.Kind.choices,
        },
    )


@login_required
def evaluation_list(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    evaluations = selectors.evaluation_list_for_user(user=request.user, cycle=cycle, filters=request.GET)
    if request.GET.get("export") == "xlsx":
        return export_queryset(
            request, evaluations, exports.EVALUATION_COLUMNS, filename=f"ارزیابی دستگاه‌ها {cycle.year}"
        )
    return render(
        request, "evaluation/evaluation_list.html", {"cycle": cycle, "page": paginate(request, evaluations)}
    )


@login_required
def evaluation_detail(request, pk: int):
    """The evaluation sheet and objection workbench: claim, headquarters, evaluator and re-score side by side."""
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk)
    user = request.user
    state = evaluation.case.state
    owner = user.organization_id == evaluation.organization_id
    return render(
        request,
        "evaluation/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "case": evaluation.case,
            "scores": selectors.scores_for_evaluation(user=user, evaluation=evaluation),
            "actions": available_actions(user, evaluation.case),
            "can_self": owner and state == "self_assessment",
            "can_score": is_evaluator(user) and state == "scoring",
            "can_object": owner and state == "objection",
            "can_answer": (is_evaluator(user) or is_evaluation_staff(user)) and state == "rescoring",
            "can_reopen": is_evaluation_staff(user) and state == "self_assessment",
            "vault": selectors.vault_list_for_user(user=user).filter(organization=evaluation.organization)[
                :100
            ]
            if owner
            else [],
            "reopen_form": forms.ReopenForm(),
        },
    )


def _score_post(request, pk: int, form_class, call, success: str):
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        _run(request, lambda: call(score, form.cleaned_data), success)
    else:
        messages.error(
            request, "ورودی نامعتبر است: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
    return redirect("evaluation:evaluation_detail", pk=score.evaluation_id)


@login_required
@require_POST
def score_self(request, pk: int):
    return _score_post(
        request,
        pk,
        forms.SelfAssessmentForm,
        lambda score, data: services.score_self_assess(actor=request.user, score=score, **data),
        "خودارزیابی شاخص ثبت شد.",
    )


@login_required
@require_POST
def score_evidence(request, pk: int):
    def attach(score, data):
        reuse = (
            selectors.evidence_get_for_user(user=request.user, pk=data["reuse"]) if data["reuse"] else None
        )
        services.evidence_attach(
            actor=request.user, score=score, title=data["title"], uploaded_file=data["file"], reuse=reuse
        )

    return _score_post(request, pk, forms.EvidenceForm, attach, "مستند پیوست شد.")


@login_required
@require_POST
def score_evaluate(request, pk: int):
    return _score_post(
        request,
        pk,
        forms.ScoreForm,
        lambda score, data: services.score_evaluate(actor=request.user, score=score, **data),
        "امتیاز ارزیاب ثبت شد.",
    )


@login_required
@require_POST
def score_object(request, pk: int):
    def object_(score, data):
        evidence = (
            selectors.evidence_get_for_user(user=request.user, pk=data["evidence"])
            if data["evidence"]
            else None
        )
        services.objection_file(actor=request.user, score=score, reason=data["reason"], evidence=evidence)

    return _score_post(request, pk, forms.ObjectionForm, object_, "اعتراض ثبت شد.")


@login_required
@require_POST
def objection_answer(request, pk: int):
    objection = selectors.objection_get_for_user(user=request.user, pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.objection_answer(actor=request.user, objection=objection, **form.cleaned_data),
            "پاسخ اعتراض و امتیاز بازبینی ثبت شد.",
        )
    else:
        messages.error(request, "امتیاز بازبینی و پاسخ را وارد کنید.")
    return redirect("evaluation:evaluation_detail", pk=objection.score.evaluation_id)


@login_required
@require_POST
def evaluation_reopen(request, pk: int):
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk)
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.evaluation_reopen(
                actor=request.user, evaluation=evaluation, **form.cleaned_data
            ),
            "خودارزیابی دستگاه بازگشایی شد.",
        )
    else:
        messages.error(request, "تاریخ بازگشایی را درست وارد کنید.")
    return redirect("evaluation:evaluation_detail", pk=pk)


@login_required
def objection_list(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    objections = selectors.objection_list_for_user(user=request.user, cycle=cycle)
    if request.GET.get("export") == "xlsx":
        return export_queryset(
            request, objections, exports.OBJECTION_COLUMNS, filename=f"اعتراض‌ها {cycle.year}"
        )
    return render(
        request, "evaluation/objection_list.html", {"cycle": cycle, "page": paginate(request, objections)}
    )


@staff_only
def results(request, pk: int):
    """Standings now, and the council's what-if: other bands or a disputed score, shown but never saved."""
    cycle = selectors.cycle_get(pk=pk)
    disputed = list(selectors.disputed_scores(cycle=cycle))
    trial = "bands" in request.GET
    form = forms.WhatIfForm(
        request.GET if trial else None, disputed=disputed, initial={"bands": forms.bands_text(cycle.bands)}
    )
    bands, overrides = cycle.bands, {}
    if trial and form.is_valid():
        bands = form.cleaned_data["bands"]
        if form.cleaned_data["score"] and form.cleaned_data["value"] is not None:
            overrides[form.cleaned_data["score"]] = Decimal(form.cleaned_data["value"])
    current = selectors.standings(cycle=cycle)
    standings = selectors.standings(cycle=cycle, overrides=overrides, bands=bands) if trial else current
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"نتایج {cycle.year}", exports.STANDING_HEADERS, exports.standing_rows(standings)
        )
    before = {s.evaluation_id: s for s in current}
    rows = [(s, before[s.evaluation_id]) for s in standings]
    return render(
        request, "evaluation/results.html", {"cycle": cycle, "rows": rows, "form": form, "trial": trial}
    )


@login_required
def vault(request):
    files = selectors.vault_list_for_user(user=request.user)
    if request.GET.get("export") == "xlsx":
        return export_queryset(request, files, exports.EVIDENCE_COLUMNS, filename="بایگانی مستندات")
    return render(request, "evaluation/vault.html", {"page": paginate(request, files)})


@login_required
def evidence_download(request, pk: int):
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404
    return file_download(evidence.file)


@staff_only
@require_POST
def circular_attach(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.CircularAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        _run(
            request,
            lambda: services.circular_attachment_add(actor=request.user, cycle=cycle, **form.cleaned_data),
            "پیوست بخشنامه افزوده شد.",
        )
    else:
        messages.error(request, "عنوان و فایل پیوست را وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@login_required
def circular_download(request, pk: int):
    return file_download(selectors.circular_attachment_get(pk=pk).file)


@staff_only
@require_POST
def member_add(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.MemberForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.body_member_add(actor=request.user, cycle=cycle, **form.cleaned_data),
            "عضو افزوده شد.",
        )
    else:
        messages.error(request, "نام، سمت و نهاد عضو را وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@staff_only
def member_edit(request, pk: int):
    member = selectors.member_get(pk=pk)
    form = forms.MemberEditForm(
        request.POST or None,
        initial={
            "full_name": member.full_name,
            "position": member.position,
            "role_in_body": member.role_in_body,
        },
    )
    if request.method == "POST" and form.is_valid():
        had_letter = member.letter_id is not None
        try:
            member = services.body_member_update(actor=request.user, member=member, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            done = "مشخصات عضو ذخیره شد."
            if had_letter and member.letter_id is None:
                done += " حکم پیشین باطل شد؛ حکم تازه را از صفحه دوره صادر کنید."
            messages.success(request, done)
            return redirect("evaluation:cycle_detail", pk=member.body.cycle_id)
    return render(request, "evaluation/member_edit.html", {"member": member, "form": form})


@staff_only
@require_POST
def member_remove(request, pk: int):
    member = selectors.member_get(pk=pk)
    _run(
        request,
        lambda: services.body_member_remove(actor=request.user, member=member),
        f"{member.full_name} از {member.body.get_kind_display()} حذف شد.",
    )
    return redirect("evaluation:cycle_detail", pk=member.body.cycle_id)


@staff_only
@require_POST
def member_letter(request, pk: int):
    member = selectors.member_get(pk=pk)
    _run(
        request,
        lambda: documents.member_letter_issue(actor=request.user, member=member),
        "حکم عضویت صادر شد.",
    )
    return redirect("evaluation:cycle_detail", pk=member.body.cycle_id)


@staff_only
@require_POST
def session_add(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.session_create(actor=request.user, cycle=cycle, **form.cleaned_data),
            "جلسه ثبت شد.",
        )
    else:
        messages.error(request, "عنوان، تاریخ و محل جلسه را درست وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@login_required
def session_detail(request, pk: int):
    session = selectors.session_get(pk=pk)
    form = forms.AttendanceForm(request.POST or None)
    if request.method == "POST":
        if not is_evaluation_staff(request.user):
            raise PermissionDenied
        if form.is_valid() and _run(
            request,
            lambda: services.attendance_record(actor=request.user, session=session, **form.cleaned_data),
            "حضور ثبت شد.",
        ):
            return redirect("evaluation:session_detail", pk=pk)
    rows = selectors.attendance_for_user(user=request.user, session=session)
    if request.GET.get("export") == "xlsx":
        return export_queryset(request, rows, exports.ATTENDANCE_COLUMNS, filename="حضور در جلسه توجیهی")
    return render(
        request,
        "evaluation/session_detail.html",
        {
            "session": session,
            "page": paginate(request, rows),
            "form": form,
            "is_staff": is_evaluation_staff(request.user),
        },
    )


@login_required
def festival(request, pk: int):
    cycle = selectors.cycle_get(pk=pk)
    form = forms.NominationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            lambda: services.nomination_file(actor=request.user, cycle=cycle, **form.cleaned_data),
            "تیم به ستاد جشنواره معرفی شد.",
        )
    ):
        return redirect("evaluation:festival", pk=pk)
    nominations = selectors.nomination_list_for_user(user=request.user, cycle=cycle)
    if request.GET.get("export") == "xlsx":
        return export_queryset(
            request, nominations, exports.NOMINATION_COLUMNS, filename=f"جشنواره شهید رجایی {cycle.year}"
        )
    return render(
        request,
        "evaluation/festival.html",
        {
            "cycle": cycle,
            "page": paginate(request, nominations),
            "form": form,
            "is_staff": is_evaluation_staff(request.user),
        },
    )


@staff_only
@require_POST
def nomination_decide(request, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.nomination_decide(
                actor=request.user, nomination=nomination, **form.cleaned_data
            ),
            "تصمیم ستاد جشنواره ثبت شد.",
        )
    else:
        messages.error(request, "تصمیم نامعتبر است.")
    return redirect("evaluation:festival", pk=nomination.cycle_id)


def public_results(request, year: int):
    """The published results: agencies' totals, levels and ranks; nobody's personal data."""
    cycle = selectors.cycle_by_year(year=year)
    if cycle is None or cycle.phase != Cycle.Phase.FINAL:
        raise Http404
    standings = selectors.public_results(cycle=cycle)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"نتایج ارزیابی {cycle.year}", exports.STANDING_HEADERS, exports.standing_rows(standings)
        )
    return render(
        request,
        "evaluation/public_results.html",
        {"cycle": cycle, "standings": standings},
    )


@login_required
def dashboard(request):
    board = dashboard_build(user=request.user)
    charts = [asdict(chart) for chart in board.charts]
    return render(request, "evaluation/dashboard.html", {"dashboard": board, "charts": charts})
