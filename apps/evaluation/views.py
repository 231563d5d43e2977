"""Pages of service D: thin views that parse, call one service or selector, and render."""

from dataclasses import asdict
from decimal import Decimal

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import permissions
from apps.accounts.permissions import Refused, permission, public
from apps.accounts.provinces import province_choices, province_filter_value
from apps.core.errors import ServiceError
from apps.core.field_history import field_history
from apps.core.forms import form_errors_text
from apps.core.http import attempt, file_download, paginate
from apps.core.jalali import today
from apps.core.spreadsheets import export_queryset, xlsx_response
from apps.core.uploads import held_release, hold_for_retry, row_key
from apps.workflow.services import available_actions, record_actions

from . import documents, exports, forms, selectors, services
from .dashboard import build as dashboard_build
from .services.common import may_for_agency


def _exporting(request, kind: str) -> bool:
    """Whether the list is asked as .xlsx; refused unless the table grants `export` on its kind."""
    if request.GET.get("export") != "xlsx":
        return False
    if not permissions.may(request.user, kind, "export"):
        raise Refused(403, kind=kind, action="export")
    return True


@permission("evaluation.cycle", "view", method="GET")
@permission("evaluation.cycle", "manage", method="POST")
def cycle_list(request):
    form = forms.CycleForm(request.POST or None, request.FILES or None)
    cycle = attempt(
        request,
        lambda: services.cycle_create(actor=request.user, **form.cleaned_data),
        "دوره ارزیابی تعریف شد.",
        form=form,
    )
    if cycle:
        return redirect("evaluation:cycle_detail", pk=cycle.pk)
    province = province_filter_value(request.GET.get("province", ""))
    cycles = selectors.cycle_list(user=request.user, province=province)
    if _exporting(request, "evaluation.cycle"):
        return export_queryset(request, cycles, exports.CYCLE_COLUMNS, filename="دوره‌های ارزیابی")
    page = paginate(request, cycles)
    return render(
        request,
        "evaluation/cycle_list.html",
        {
            "page": page,
            "form": form,
            "is_staff": permissions.may(request.user, "evaluation.cycle", "manage"),
            "provinces": province_choices(request.user),
            "province": province,
        },
    )


@permission("evaluation.cycle", "view", lookup="pk")
def cycle_detail(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "evaluation/cycle_detail.html",
        {
            "cycle": cycle,
            # The timeline's steps this person may take now, from the cycle's process (workflow.py).
            "steps": record_actions(user, cycle),
            # The buttons each person's rows of the table allow (permissions.py).
            "is_staff": permissions.may(user, "evaluation.cycle", "manage"),
            "is_head": permissions.may(user, "evaluation.final_result", "act"),
            "is_national": permissions.may(user, "evaluation.index", "act"),
            "can_results": permissions.may(user, "evaluation.standing", "view"),
            "can_rank": permissions.may(user, "evaluation.final_result", "edit"),
            "mine": selectors.evaluation_list_for_user(user=user, cycle=cycle) if user.is_agency_user else [],
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


# The cycle-wide work, each one service call; the timeline's steps (publish_indices, publish_initial,
# approve_final) say what they tell the person in their declaration (`Action.done`).
CYCLE_STEPS = {
    "approve_cut": (services.cycle_approve_province_cut, "برش استانی شاخص‌های اختصاصی تأیید شد."),
    "publish_indices": (services.cycle_publish_indices, ""),
    "publish_initial": (services.cycle_publish_initial, ""),
    "approve_final": (services.cycle_approve_final, ""),
    "book": (documents.results_book_issue, "کتاب نتایج صادر شد؛ پیوند دریافت آن در همین صفحه است."),
    "festival_report": (
        documents.festival_report_issue,
        "گزارش جشنواره برای سازمان اداری و استخدامی کشور صادر شد؛ پیوند دریافت آن در همین صفحه است.",
    ),
}


@require_POST
@permission("evaluation.cycle", "act", lookup="pk")
def cycle_act(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    step = CYCLE_STEPS.get(request.POST.get("step", ""))
    if step is None:
        messages.error(request, "اقدام نامعتبر است.")
    else:
        function, success = step
        name = request.POST["step"]
        declared = [a for s in cycle.case.process_def.steps for a in s.actions if a.name == name]
        success = success or declared[0].done
        attempt(request, lambda: function(actor=request.user, cycle=cycle), success)
    return redirect("evaluation:cycle_detail", pk=pk)


@require_POST
@permission("evaluation.standing", "manage")
def cycle_bands(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.BandsForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.cycle_set_bands(
                actor=request.user, cycle=cycle, bands=form.cleaned_data["bands"]
            ),
            "بازه‌های سطح‌بندی ذخیره شد.",
        )
    else:
        messages.error(request, " ".join(form.errors.get("bands", ["ورودی نامعتبر است."])))
    return redirect("evaluation:cycle_detail", pk=pk)


@permission("evaluation.cycle", "manage", lookup="pk")
def cycle_calendar(request, pk: int):
    """The cycle's calendar, editable where the rules still allow (the service says why where not)."""
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.CalendarForm(
        request.POST or None, cycle=cycle, phases=selectors.cycle_calendar(cycle=cycle), day=today()
    )
    if attempt(
        request,
        lambda: services.cycle_calendar_update(
            actor=request.user,
            cycle=cycle,
            phases=form.phase_dates(),
            self_assessment_deadline=form.cleaned_data["self_assessment_deadline"],
        ),
        "تقویم دوره ذخیره شد.",
        form=form,
    ):
        return redirect("evaluation:cycle_detail", pk=pk)
    return render(request, "evaluation/cycle_calendar.html", {"cycle": cycle, "form": form})


@require_POST
@permission("evaluation.final_result", "edit")
def cycle_rank(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.NationalRankForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.cycle_record_national_rank(actor=request.user, cycle=cycle, **form.cleaned_data),
            "رتبه استان ثبت شد.",
        )
    else:
        messages.error(request, "رتبه و تعداد استان‌ها را درست وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@permission("evaluation.index", "view", method="GET")
@permission("evaluation.index", "manage", method="POST")
def index_list(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.IndexForm(request.POST or None)
    if attempt(
        request,
        lambda: services.index_create(actor=request.user, cycle=cycle, **form.cleaned_data),
        "شاخص افزوده شد.",
        form=form,
    ):
        return redirect("evaluation:index_list", pk=pk)
    indices = selectors.index_list(cycle=cycle, filters=request.GET)
    if _exporting(request, "evaluation.index"):
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
            "is_staff": permissions.may(request.user, "evaluation.index", "manage"),
            "kinds": forms.Index.Kind.choices,
        },
    )


@permission("evaluation.evaluation", "view")
def evaluation_list(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    if _exporting(request, "evaluation.evaluation"):
        evaluations = selectors.evaluation_list_for_user(
            user=request.user, cycle=cycle, filters=request.GET, action="export"
        )
        return export_queryset(
            request, evaluations, exports.EVALUATION_COLUMNS, filename=f"ارزیابی دستگاه‌ها {cycle.year}"
        )
    evaluations = selectors.evaluation_list_for_user(user=request.user, cycle=cycle, filters=request.GET)
    return render(
        request, "evaluation/evaluation_list.html", {"cycle": cycle, "page": paginate(request, evaluations)}
    )


@permission("evaluation.evaluation", "view", lookup="pk")
def evaluation_detail(request, pk: int):
    """The evaluation sheet and objection workbench: claim, headquarters, evaluator and re-score side by side."""
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk)
    user = request.user
    state = evaluation.case.state
    # The buttons: the table says who may do each part to this agency, the case's step says when.
    score = evaluation.scores.first()

    def may(kind: str, action: str) -> bool:
        return score is not None and permissions.may(user, kind, action, score)

    can_object = state == "objection" and may_for_agency(
        user, "evaluation.objection", "create", evaluation.organization_id
    )
    can_assign = permissions.may(user, "evaluation.evaluation", "manage", evaluation)
    can_answer = state == "rescoring" and selectors.objections_open_to(
        user=user, evaluation=evaluation, action="act"
    )
    return render(
        request,
        "evaluation/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "case": evaluation.case,
            "scores": selectors.scores_for_evaluation(user=user, evaluation=evaluation),
            "actions": available_actions(user, evaluation.case),
            "can_self": state == "self_assessment" and may("evaluation.claim", "act"),
            "can_score": state == "scoring" and may("evaluation.evaluator_score", "act"),
            "can_object": can_object,
            "can_answer": can_answer,
            "can_reopen": state == "self_assessment"
            and permissions.may(user, "evaluation.evaluation", "manage", evaluation),
            "vault": selectors.vault_list_for_user(user=user).filter(organization=evaluation.organization)[
                :100
            ]
            if may("evaluation.claim", "attach")
            else [],
            "reopen_form": forms.ReopenForm(),
            "team": evaluation.evaluators.all(),
            "can_assign": can_assign,
            "evaluators": selectors.evaluator_choices(province_id=evaluation.organization.province_id)
            if can_assign
            else [],
            # The evaluator team's columns stay hidden from whom the sheet blanks them for (its selectors).
            "field_history": field_history(
                evaluation,
                evaluation.scores.select_related("index"),
                label=lambda score: score.index,
                hide=("evaluator_score", "evaluator_comment", "rescore"),
                reveal=lambda: selectors.evaluator_scores_visible(user=user, evaluation=evaluation),
            ),
        },
    )


def _score_post(request, pk: int, form_class, call, success: str, *, file_key: str = ""):
    """One row's form on the evaluation's page; with `file_key`, a file chosen in it waits for the next try
    when the row is refused (`uploads.hold_for_retry`)."""
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    form = form_class(request.POST, request.FILES)
    taken = form.is_valid() and attempt(request, lambda: call(score, form.cleaned_data), success)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    if file_key:
        key = row_key(file_key, score.pk)
        if taken:
            held_release(request, key)
        else:
            hold_for_retry(request, key)
    return redirect("evaluation:evaluation_detail", pk=score.evaluation_id)


def _claim_saved(request, pk: int):
    """Save-as-you-go on the sheet: one row's claim, sent by htmx when a field of it changes, answered
    with the row's status line («ذخیره شد» or the service's Persian refusal)."""
    score = selectors.score_get_for_user(user=request.user, pk=pk)
    form = forms.SelfAssessmentForm(request.POST)
    error = ""
    if not form.is_valid():
        error = " ".join(e for errors in form.errors.values() for e in errors)
    else:
        try:
            score = services.score_self_assess(actor=request.user, score=score, **form.cleaned_data)
        except ServiceError as exc:
            error = exc.message
    return render(request, "evaluation/_claim_status.html", {"score": score, "error": error})


@require_POST
@permission("evaluation.claim", "act", lookup="pk")
def score_self(request, pk: int):
    if request.headers.get("HX-Request"):
        return _claim_saved(request, pk)
    return _score_post(
        request,
        pk,
        forms.SelfAssessmentForm,
        lambda score, data: services.score_self_assess(actor=request.user, score=score, **data),
        "خودارزیابی شاخص ثبت شد.",
    )


@require_POST
@permission("evaluation.claim", "attach", lookup="pk")
def score_evidence(request, pk: int):
    def attach(score, data):
        reuse = (
            selectors.evidence_get_for_user(user=request.user, pk=data["reuse"]) if data["reuse"] else None
        )
        services.evidence_attach(
            actor=request.user, score=score, title=data["title"], uploaded_file=data["file"], reuse=reuse
        )

    return _score_post(
        request, pk, forms.EvidenceForm, attach, "مستند پیوست شد.", file_key="evaluation.evidence"
    )


@require_POST
@permission("evaluation.evaluator_score", "act", lookup="pk")
def score_evaluate(request, pk: int):
    return _score_post(
        request,
        pk,
        forms.ScoreForm,
        lambda score, data: services.score_evaluate(actor=request.user, score=score, **data),
        "امتیاز ارزیاب ثبت شد.",
    )


@require_POST
@permission("evaluation.objection", "create")
def score_object(request, pk: int):
    def object_(score, data):
        evidence = (
            selectors.evidence_get_for_user(user=request.user, pk=data["evidence"])
            if data["evidence"]
            else None
        )
        services.objection_file(actor=request.user, score=score, reason=data["reason"], evidence=evidence)

    return _score_post(request, pk, forms.ObjectionForm, object_, "اعتراض ثبت شد.")


@require_POST
@permission("evaluation.objection", "act", lookup="pk")
def objection_answer(request, pk: int):
    objection = selectors.objection_get_for_user(user=request.user, pk=pk)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.objection_answer(actor=request.user, objection=objection, **form.cleaned_data),
            "پاسخ اعتراض و امتیاز بازبینی ثبت شد.",
        )
    else:
        messages.error(request, "امتیاز بازبینی و پاسخ را وارد کنید.")
    return redirect("evaluation:evaluation_detail", pk=objection.score.evaluation_id)


@require_POST
@permission("evaluation.evaluation", "manage", lookup="pk")
def evaluation_evaluators(request, pk: int):
    """Names the agency's evaluator team (seed row 13): the evaluators who alone reach this evaluation."""
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk, action="manage")
    ids = [int(v) for v in request.POST.getlist("evaluators") if v.isdigit()]
    attempt(
        request,
        lambda: services.evaluation_assign_evaluators(
            actor=request.user, evaluation=evaluation, evaluators=selectors.evaluators_by_ids(ids)
        ),
        "تیم ارزیاب دستگاه ثبت شد.",
    )
    return redirect("evaluation:evaluation_detail", pk=pk)


@require_POST
@permission("evaluation.evaluation", "manage", lookup="pk")
def evaluation_reopen(request, pk: int):
    evaluation = selectors.evaluation_get_for_user(user=request.user, pk=pk)
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.evaluation_reopen(
                actor=request.user, evaluation=evaluation, **form.cleaned_data
            ),
            "خودارزیابی دستگاه بازگشایی شد.",
        )
    else:
        messages.error(request, "تاریخ بازگشایی را درست وارد کنید.")
    return redirect("evaluation:evaluation_detail", pk=pk)


@permission("evaluation.objection", "view")
def objection_list(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    if _exporting(request, "evaluation.objection"):
        objections = selectors.objection_list_for_user(user=request.user, cycle=cycle, action="export")
        return export_queryset(
            request, objections, exports.OBJECTION_COLUMNS, filename=f"اعتراض‌ها {cycle.year}"
        )
    objections = selectors.objection_list_for_user(user=request.user, cycle=cycle)
    return render(
        request, "evaluation/objection_list.html", {"cycle": cycle, "page": paginate(request, objections)}
    )


@permission("evaluation.standing", "view")
def results(request, pk: int):
    """Standings now, and the council's what-if: other bands or a disputed score, shown but never saved."""
    cycle = selectors.cycle_get(user=request.user, pk=pk)
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
    if _exporting(request, "evaluation.standing"):
        return xlsx_response(
            f"نتایج {cycle.year}", exports.STANDING_HEADERS, exports.standing_rows(standings)
        )
    before = {s.evaluation_id: s for s in current}
    rows = [(s, before[s.evaluation_id]) for s in standings]
    return render(
        request, "evaluation/results.html", {"cycle": cycle, "rows": rows, "form": form, "trial": trial}
    )


@permission("evaluation.evidence", "view")
def vault(request):
    if _exporting(request, "evaluation.evidence"):
        files = selectors.vault_list_for_user(user=request.user, action="export")
        return export_queryset(request, files, exports.EVIDENCE_COLUMNS, filename="بایگانی مستندات")
    files = selectors.vault_list_for_user(user=request.user)
    return render(request, "evaluation/vault.html", {"page": paginate(request, files)})


@permission("evaluation.evidence", "download", lookup="pk")
def evidence_download(request, pk: int):
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404
    return file_download(evidence.file)


@require_POST
@permission("evaluation.cycle", "manage", lookup="pk")
def circular_attach(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.CircularAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            lambda: services.circular_attachment_add(actor=request.user, cycle=cycle, **form.cleaned_data),
            "پیوست بخشنامه افزوده شد.",
        )
    else:
        messages.error(request, "عنوان و فایل پیوست را وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@permission("evaluation.circular", "download", lookup="pk")
def circular_download(request, pk: int):
    return file_download(selectors.circular_attachment_get(pk=pk).file)


@require_POST
@permission("evaluation.body", "manage")
def member_add(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.MemberForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.body_member_add(actor=request.user, cycle=cycle, **form.cleaned_data),
            "عضو افزوده شد.",
        )
    else:
        messages.error(request, "نام، سمت و نهاد عضو را وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@permission("evaluation.body", "manage", lookup="pk")
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
    had_letter = member.letter_id is not None

    def said(updated) -> str:
        if had_letter and updated.letter_id is None:
            return "مشخصات عضو ذخیره شد. حکم پیشین باطل شد؛ حکم تازه را از صفحه دوره صادر کنید."
        return "مشخصات عضو ذخیره شد."

    updated = attempt(
        request,
        lambda: services.body_member_update(actor=request.user, member=member, **form.cleaned_data),
        said,
        form=form,
    )
    if updated:
        return redirect("evaluation:cycle_detail", pk=updated.body.cycle_id)
    return render(request, "evaluation/member_edit.html", {"member": member, "form": form})


@require_POST
@permission("evaluation.body", "manage", lookup="pk")
def member_remove(request, pk: int):
    member = selectors.member_get(pk=pk)
    attempt(
        request,
        lambda: services.body_member_remove(actor=request.user, member=member),
        f"{member.full_name} از {member.body.get_kind_display()} حذف شد.",
    )
    return redirect("evaluation:cycle_detail", pk=member.body.cycle_id)


@require_POST
@permission("evaluation.body", "manage", lookup="pk")
def member_letter(request, pk: int):
    member = selectors.member_get(pk=pk)
    attempt(
        request,
        lambda: documents.member_letter_issue(actor=request.user, member=member),
        "حکم عضویت صادر شد.",
    )
    return redirect("evaluation:cycle_detail", pk=member.body.cycle_id)


@require_POST
@permission("evaluation.session", "manage")
def session_add(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.session_create(actor=request.user, cycle=cycle, **form.cleaned_data),
            "جلسه ثبت شد.",
        )
    else:
        messages.error(request, "عنوان، تاریخ و محل جلسه را درست وارد کنید.")
    return redirect("evaluation:cycle_detail", pk=pk)


@permission("evaluation.session", "view", lookup="pk", method="GET")
@permission("evaluation.session", "manage", lookup="pk", method="POST")
def session_detail(request, pk: int):
    session = selectors.session_get(pk=pk)
    form = forms.AttendanceForm(request.POST or None, province_id=session.cycle.province_id)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.attendance_record(actor=request.user, session=session, **form.cleaned_data),
            "حضور ثبت شد.",
        )
    ):
        return redirect("evaluation:session_detail", pk=pk)
    if _exporting(request, "evaluation.attendance"):
        rows = selectors.attendance_for_user(user=request.user, session=session, action="export")
        return export_queryset(request, rows, exports.ATTENDANCE_COLUMNS, filename="حضور در جلسه توجیهی")
    rows = selectors.attendance_for_user(user=request.user, session=session)
    return render(
        request,
        "evaluation/session_detail.html",
        {
            "session": session,
            "page": paginate(request, rows),
            "form": form,
            "is_staff": permissions.may(request.user, "evaluation.attendance", "manage"),
        },
    )


@permission("evaluation.nomination", "view", method="GET")
@permission("evaluation.nomination", "create", method="POST")
def festival(request, pk: int):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    form = forms.NominationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            lambda: services.nomination_file(actor=request.user, cycle=cycle, **form.cleaned_data),
            "تیم به ستاد جشنواره معرفی شد.",
        )
    ):
        return redirect("evaluation:festival", pk=pk)
    if _exporting(request, "evaluation.nomination"):
        nominations = selectors.nomination_list_for_user(user=request.user, cycle=cycle, action="export")
        return export_queryset(
            request, nominations, exports.NOMINATION_COLUMNS, filename=f"جشنواره شهید رجایی {cycle.year}"
        )
    nominations = selectors.nomination_list_for_user(user=request.user, cycle=cycle)
    page = paginate(request, nominations)
    is_staff = permissions.may(request.user, "evaluation.nomination", "act")
    return render(
        request,
        "evaluation/festival.html",
        {
            "cycle": cycle,
            "page": page,
            # Each team with the festival HQ's decisions this person may take on it now, from the
            # nomination's process (workflow.py), when the table lets them decide at all.
            "rows": [(n, record_actions(request.user, n) if is_staff else []) for n in page],
            "form": form,
            "is_staff": is_staff,
            "can_nominate": permissions.may(request.user, "evaluation.nomination", "create"),
        },
    )


@require_POST
@permission("evaluation.nomination", "act", lookup="pk")
def nomination_decide(request, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.nomination_decide(
                actor=request.user, nomination=nomination, **form.cleaned_data
            ),
            "تصمیم ستاد جشنواره ثبت شد.",
        )
    else:
        messages.error(request, form_errors_text(form))
    return redirect("evaluation:festival", pk=nomination.cycle_id)


@public
def public_results(request, year: int):
    """The published results of one province's cycle: agencies' totals, levels and ranks; nobody's personal
    data. Each province evaluates its own agencies, so a year has one cycle per province."""
    cycles = selectors.public_cycles(year=year)
    if not cycles:
        raise Http404
    asked = province_filter_value(request.GET.get("province", ""))
    cycle = selectors.public_cycle_pick(
        cycles=cycles, asked=asked, reader_province=permissions.province_of(request.user)
    )
    if cycle is None and asked is not None:
        raise Http404
    standings = selectors.public_results(cycle=cycle) if cycle is not None else []
    if cycle is not None and request.GET.get("export") == "xlsx":
        return xlsx_response(
            f"نتایج ارزیابی {cycle.year}", exports.STANDING_HEADERS, exports.standing_rows(standings)
        )
    return render(
        request,
        "evaluation/public_results.html",
        {"year": year, "cycle": cycle, "cycles": cycles, "standings": standings},
    )


@permission("evaluation.evaluation", "view")
def dashboard(request):
    board = dashboard_build(user=request.user)
    charts = [asdict(chart) for chart in board.charts]
    return render(request, "evaluation/dashboard.html", {"dashboard": board, "charts": charts})
