"""Service C's pages: thin — parse, one selector or service call, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.accounts import permissions
from apps.accounts.permissions import Refused, permission
from apps.accounts.provinces import province_choices_on
from apps.core.dashboards import ReportFilters
from apps.core.field_history import field_history
from apps.core.http import attempt, attempt_and_return, client_ip, paginate
from apps.core.jalali import format_date
from apps.core.spreadsheets import export_queryset, xlsx_response
from apps.workflow.services import record_actions

from . import documents, selectors
from .appointment import candidate_results, extra_conditions
from .dashboard import build as dashboard_build
from .forms import (
    CandidateForm,
    CheckForm,
    DecreeActionForm,
    EvaluationForm,
    HearingForm,
    HearingScheduleForm,
    JobRecordForm,
    NominationForm,
    PostForm,
    ProfileForm,
    ProposalForm,
    RulesForm,
    ScoreForm,
    SessionForm,
)
from .models import Decree, ManagerProfile
from .rules import months_label
from .services import agency as agency_services
from .services import council as council_services
from .services import decrees as decree_services
from .services import nominations as nomination_services
from .services import profiles as profile_services
from .workflow import DECREE


def _filters(request, *names) -> dict:
    return {name: request.GET.get(name, "").strip() for name in names}


def _exporting(request, kind: str) -> bool:
    """Whether the list is asked as .xlsx; refused unless the table grants `export` on its kind."""
    if request.GET.get("format") not in ("xlsx", "pdf"):
        return False
    if not permissions.may(request.user, kind, "export"):
        raise Refused(403, kind=kind, action="export")
    return True


@permission("managers.nomination")
def home(request):
    """The managers' panel: decrees whose four years run out soon, and the way into each part."""
    context = {
        "expiring": selectors.decrees_expiring(user=request.user)[:20],
        "unevaluated": selectors.decrees_without_evaluation(user=request.user)[:20],
    }
    return render(request, "managers/home.html", context)


# The managers' database.

PROFILE_EXPORT = [
    ("نام و نام خانوادگی", lambda p: p.full_name),
    ("نام پدر", lambda p: p.father_name),
    ("کد ملی", lambda p: p.national_id),
    ("دستگاه", lambda p: p.organization.name),
    ("آخرین مدرک", lambda p: p.get_highest_degree_display()),
    ("رشته کارشناسی", lambda p: p.bachelor_field),
    ("سابقه مرتبط (ماه)", lambda p: p.related_experience_months),
    ("سابقه مدیریتی (ماه)", lambda p: p.management_experience_months),
    ("واحد فعلی", lambda p: p.current_unit),
    ("مدیر فعلی", lambda p: p.is_current_manager),
    ("در بانک ملی", lambda p: p.published_to_pool),
]


@permission("managers.profile")
def profile_list(request):
    filters = _filters(request, "q", "kind", "degree", "pooled", "province")
    if _exporting(request, "managers.profile"):
        profiles = selectors.profile_list_for_user(user=request.user, filters=filters, action="export")
        return export_queryset(request, profiles, PROFILE_EXPORT, filename="managers-database")
    profiles = selectors.profile_list_for_user(user=request.user, filters=filters)
    context = {
        "page": paginate(request, profiles),
        "filters": filters,
        "degrees": ManagerProfile.Degree.choices,
        "provinces": province_choices_on(request.user, "managers.profile"),
    }
    return render(request, "managers/profile_list.html", context)


@permission("managers.profile", "create")
def profile_new(request):
    form = ProfileForm(request.POST or None)
    profile = attempt(
        request,
        lambda: profile_services.profile_save(actor=request.user, data=form.cleaned_data),
        "پرونده در بانک اطلاعات مدیران ثبت شد.",
        form=form,
    )
    if profile:
        return redirect("managers:profile_detail", profile.pk)
    return render(request, "managers/profile_form.html", {"form": form}, status=400 if form.errors else 200)


@permission("managers.profile", "edit", lookup="pk")
def profile_edit(request, pk: int):
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    form = ProfileForm(request.POST or None, instance=profile)
    saved = attempt(
        request,
        lambda: profile_services.profile_save(actor=request.user, data=form.cleaned_data, profile=profile),
        "پرونده به‌روز شد.",
        form=form,
    )
    if saved:
        return redirect("managers:profile_detail", profile.pk)
    return render(request, "managers/profile_form.html", {"form": form, "profile": profile})


@permission("managers.profile", lookup="pk")
def profile_detail(request, pk: int):
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    context = {
        "profile": profile,
        "can_edit": permissions.may(request.user, "managers.profile", "edit", profile),
        "can_publish": permissions.may(request.user, "managers.profile", "act", profile),
        "job_form": JobRecordForm(),
        "related": months_label(profile.related_experience_months),
        "managing": months_label(profile.management_experience_months),
        "field_history": field_history(profile),
    }
    return render(request, "managers/profile_detail.html", context)


@require_POST
@permission("managers.profile", "act", lookup="pk")
def profile_publish(request, pk: int):
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    publish = request.POST.get("publish") == "1"
    return attempt_and_return(
        request,
        lambda: profile_services.profile_publish(actor=request.user, profile=profile, published=publish),
        "پرونده در بانک ملی منتشر شد." if publish else "پرونده از بانک ملی برداشته شد.",
        "managers:profile_detail",
        profile.pk,
    )


@require_POST
@permission("managers.profile", "edit", lookup="pk")
def job_add(request, pk: int):
    profile = selectors.profile_get_for_user(user=request.user, pk=pk)
    form = JobRecordForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "سابقه ثبت نشد: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
        return redirect("managers:profile_detail", profile.pk)
    return attempt_and_return(
        request,
        lambda: profile_services.job_record_add(actor=request.user, profile=profile, data=form.cleaned_data),
        "سابقه افزوده شد.",
        "managers:profile_detail",
        profile.pk,
    )


@permission("managers.form2", "download", lookup="pk")
def profile_form2(request, pk: int):
    return documents.form2_pdf(
        selectors.profile_get_for_user(user=request.user, pk=pk, kind="managers.form2")
    )


@permission("managers.pool")
def pool_list(request):
    filters = _filters(request, "q", "degree", "province")
    rows = selectors.pool_list(user=request.user, filters=filters)
    context = {
        "page": paginate(request, rows),
        "filters": filters,
        "degrees": ManagerProfile.Degree.choices,
        "provinces": province_choices_on(request.user, "managers.pool"),
    }
    return render(request, "managers/pool_list.html", context)


@permission("managers.pool", lookup="pk")
def pool_detail(request, pk: int):
    row = selectors.pool_get(user=request.user, pk=pk)
    # Adopting is for another agency's profile: one's own is already in one's database.
    can_adopt = request.user.organization_id and permissions.may(request.user, "managers.pool", "act")
    context = {
        "row": row,
        "degrees": dict(ManagerProfile.Degree.choices),
        "can_adopt": bool(can_adopt) and row["organization__name"] != request.user.organization.name,
    }
    return render(request, "managers/pool_detail.html", context)


@require_POST
@permission("managers.pool", "act", lookup="pk")
def pool_adopt(request, pk: int):
    pooled = selectors.pool_profile_for_adoption(user=request.user, pk=pk)
    profile = attempt(
        request,
        lambda: profile_services.profile_adopt(actor=request.user, pooled=pooled),
        "پرونده به بانک دستگاه افزوده شد؛ اطلاعات فردی را از خود نامزد بگیرید و کامل کنید.",
    )
    if profile is None:
        return redirect("managers:pool_list")
    return redirect("managers:profile_edit", profile.pk)


# Posts and the agency's rules.

POST_EXPORT = [
    ("عنوان پست", lambda p: p.title),
    ("شماره پست", lambda p: p.number),
    ("سطح", lambda p: p.get_level_display()),
    ("واحد سازمانی", lambda p: p.unit),
    ("محل جغرافیایی", lambda p: p.location),
    ("رشته شغلی", lambda p: p.job_field),
    ("مقام مافوق ذی‌صلاح", lambda p: p.superior.get_full_name()),
    ("دستگاه", lambda p: p.organization.name),
]


@permission("managers.post")
def post_list(request):
    filters = _filters(request, "q", "level")
    if _exporting(request, "managers.post"):
        posts = selectors.post_list_for_user(user=request.user, filters=filters, action="export")
        return export_queryset(request, posts, POST_EXPORT, filename="managerial-posts")
    posts = selectors.post_list_for_user(user=request.user, filters=filters)
    return render(request, "managers/post_list.html", {"page": paginate(request, posts), "filters": filters})


def _post_form_view(request, post=None):
    form = PostForm(request.POST or None, instance=post, organization=request.user.organization)
    saved = attempt(
        request,
        lambda: agency_services.post_save(actor=request.user, data=form.cleaned_data, post=post),
        "پست مدیریتی ثبت شد.",
        form=form,
    )
    if saved:
        return redirect("managers:post_list")
    return render(request, "managers/post_form.html", {"form": form, "post": post})


@permission("managers.post", "create")
def post_new(request):
    return _post_form_view(request)


@permission("managers.post", "edit", lookup="pk")
def post_edit(request, pk: int):
    return _post_form_view(request, selectors.post_get_for_user(user=request.user, pk=pk))


@permission("managers.rules", method="GET")
@permission("managers.rules", "edit", method="POST")
def rules_edit(request):
    rules = agency_services.rules_for(request.user.organization_id)
    extras = extra_conditions(request.user.organization_id)
    initial = {
        "specific_text": "\n".join(rules.specific_criteria),
        "extra_text": "\n".join(c.title for c in extras),
    }
    form = RulesForm(request.POST or None, instance=rules, initial=initial)

    def save():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("specific_text", "extra_text")}
        return agency_services.rules_save(
            actor=request.user,
            data=data,
            specific_criteria=form.cleaned_data["specific_text"].splitlines(),
            extra_conditions=form.cleaned_data["extra_text"].splitlines(),
        )

    if attempt(request, save, "ضوابط دستگاه ذخیره شد.", form=form):
        return redirect("managers:rules")
    # HR reads the rules to fill Form 3; the head and the council's secretary set them.
    read_only = not permissions.may(request.user, "managers.rules", "edit")
    return render(request, "managers/rules_form.html", {"form": form, "read_only": read_only})


# The appointment's own steps (the buttons that move the case are on the case page).


@permission("managers.nomination", "create")
def nomination_new(request):
    form = NominationForm(request.POST or None, posts=selectors.posts_of_superior(user=request.user))
    case = attempt(
        request,
        lambda: nomination_services.nomination_open(
            actor=request.user, ip=client_ip(request), **form.cleaned_data
        ),
        "فرم شماره ۱ گشوده شد؛ نامزدها را بیفزایید.",
        form=form,
    )
    if case:
        return redirect("workflow:case_detail", tracking_code=case.tracking_code)
    return render(request, "managers/nomination_form.html", {"form": form})


@permission("managers.nomination", "edit", lookup="pk")
def candidate_add(request, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk)
    profiles = selectors.profile_list_for_user(user=request.user, filters={}).filter(
        organization_id=nomination.organization_id
    )
    form = CandidateForm(request.POST or None, profiles=profiles)
    if attempt(
        request,
        lambda: nomination_services.candidate_add(
            actor=request.user, nomination=nomination, **form.cleaned_data
        ),
        "نامزد به فرم شماره ۱ افزوده شد.",
        form=form,
    ):
        return redirect("workflow:case_detail", tracking_code=nomination.case.tracking_code)
    return render(request, "managers/candidate_form.html", {"form": form, "nomination": nomination})


@require_POST
@permission("managers.candidate", "edit", lookup="pk")
def candidate_remove(request, pk: int):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk)
    code = candidate.nomination.case.tracking_code
    return attempt_and_return(
        request,
        lambda: nomination_services.candidate_remove(actor=request.user, candidate=candidate),
        "نامزد حذف شد.",
        "workflow:case_detail",
        code,
    )


@permission("managers.form3", "act", lookup="pk")
def candidate_check(request, pk: int):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk, kind="managers.form3")
    extras = extra_conditions(candidate.nomination.organization_id)
    initial = {
        "related_experience_months": candidate.related_experience_months,
        "management_experience_months": candidate.management_experience_months,
    }
    form = CheckForm(request.POST or None, extras=extras, initial=initial)
    if attempt(
        request,
        lambda: nomination_services.candidate_check(
            actor=request.user, candidate=candidate, data=form.service_data()
        ),
        "فرم شماره ۳ ثبت شد.",
        form=form,
    ):
        return redirect("workflow:case_detail", tracking_code=candidate.nomination.case.tracking_code)
    context = {"form": form, "candidate": candidate, "results": candidate_results(candidate, extras)}
    return render(request, "managers/candidate_check.html", context)


@permission("managers.form4", "edit", lookup="pk")
def session_record(request, pk: int):
    nomination = selectors.nomination_get_for_user(user=request.user, pk=pk, kind="managers.form4")
    form = SessionForm(request.POST or None)
    if attempt(
        request,
        lambda: council_services.session_record(
            actor=request.user,
            nomination=nomination,
            number=form.cleaned_data["number"],
            held_on=form.cleaned_data["held_on"],
            attendees=form.attendee_list(),
            superior_invited=form.cleaned_data["superior_invited"],
        ),
        "جلسه شورا ثبت شد.",
        form=form,
    ):
        return redirect("workflow:case_detail", tracking_code=nomination.case.tracking_code)
    return render(request, "managers/session_form.html", {"form": form, "nomination": nomination})


@permission("managers.candidate", "act", lookup="pk")
def candidate_score(request, pk: int):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk)
    rules = agency_services.rules_for(candidate.nomination.organization_id)
    form = ScoreForm(request.POST or None, specific_titles=rules.specific_criteria)
    if attempt(
        request,
        lambda: council_services.candidate_score(
            actor=request.user, candidate=candidate, general=form.general(), specific=form.specific()
        ),
        "امتیازهای فرم شماره ۴ ثبت شد.",
        form=form,
    ):
        return redirect("workflow:case_detail", tracking_code=candidate.nomination.case.tracking_code)
    context = {
        "form": form,
        "candidate": candidate,
        "rules": rules,
        "sheet": selectors.candidate_sheet(candidate=candidate),
    }
    return render(request, "managers/candidate_score.html", context)


@permission("managers.form1", "download", lookup="pk")
def nomination_form1(request, pk: int):
    return documents.form1_pdf(
        selectors.nomination_get_for_user(user=request.user, pk=pk, kind="managers.form1")
    )


@permission("managers.form3", "download", lookup="pk")
def candidate_form3(request, pk: int):
    candidate = selectors.candidate_get_for_user(user=request.user, pk=pk, kind="managers.form3")
    results = candidate_results(candidate, extra_conditions(candidate.nomination.organization_id))
    return documents.form3_pdf(candidate, results)


@permission("managers.form4", "download", lookup="pk")
def nomination_form4(request, pk: int):
    return documents.form4_pdf(
        selectors.nomination_get_for_user(user=request.user, pk=pk, kind="managers.form4")
    )


# Decrees and what follows them.

DECREE_EXPORT = [
    ("مدیر", lambda d: d.profile.full_name),
    ("پست", lambda d: d.post.title),
    ("دستگاه", lambda d: d.organization.name),
    ("تاریخ صدور", lambda d: format_date(d.issued_on, persian_digits=False)),
    ("اعتبار تا", lambda d: format_date(d.valid_until, persian_digits=False)),
    ("صورت‌جلسه شورا", lambda d: f"{d.minutes_number} — {format_date(d.minutes_date, persian_digits=False)}"),
    ("امتیاز نهایی", lambda d: d.final_score),
    ("وضعیت", lambda d: d.get_status_display()),
    ("مشمول فوق‌العاده‌های مدیریتی", lambda d: d.allowance_eligible),
]


@permission("managers.decree")
def decree_list(request):
    filters = _filters(request, "q", "status", "expiring", "province")
    if _exporting(request, "managers.decree"):
        decrees = selectors.decree_list_for_user(user=request.user, filters=filters, action="export")
        return export_queryset(request, decrees, DECREE_EXPORT, filename="manager-decrees")
    decrees = selectors.decree_list_for_user(user=request.user, filters=filters)
    context = {
        "page": paginate(request, decrees),
        "filters": filters,
        "statuses": Decree.Status.choices,
        "provinces": province_choices_on(request.user, "managers.decree"),
    }
    return render(request, "managers/decree_list.html", context)


@permission("managers.decree", lookup="pk")
def decree_detail(request, pk: int):
    decree = selectors.decree_get_for_user(user=request.user, pk=pk)
    can_change = permissions.may(request.user, "managers.change", "act", decree)
    context = {
        "decree": decree,
        "probation_ends": decree_services.probation_ends(decree),
        # The forms of clause 10 are shown to whom the table lets use them (an employee reads only).
        "can_evaluate": permissions.may(request.user, "managers.change", "edit", decree),
        "can_change": can_change,
        "can_see_changes": permissions.may(request.user, "managers.change", "view", decree),
        # The decree's own actions this person may take now, from its process (workflow.py).
        "actions": record_actions(request.user, decree) if can_change else [],
        "evaluation_form": EvaluationForm(),
        "proposal_form": ProposalForm(),
        "proposals": decree.change_proposals.select_related("case"),
    }
    return render(request, "managers/decree_detail.html", context)


def _decree_post(request, pk: int, form_class, call, success):
    """A form of the decree's page posted: `success` is a sentence, or a function of the form's data."""
    decree = selectors.decree_get_for_user(user=request.user, pk=pk, kind="managers.change")
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request, "ورودی نادرست است: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
        return redirect("managers:decree_detail", decree.pk)
    said = success(form.cleaned_data) if callable(success) else success
    return attempt_and_return(
        request, lambda: call(decree, form.cleaned_data), said, "managers:decree_detail", decree.pk
    )


@require_POST
@permission("managers.change", "edit", lookup="pk")
def evaluation_add(request, pk: int):
    return _decree_post(
        request,
        pk,
        EvaluationForm,
        lambda decree, data: decree_services.evaluation_record(actor=request.user, decree=decree, **data),
        "ارزیابی عملکرد سالانه ثبت شد.",
    )


def _decree_done(data: dict) -> str:
    """What the person is told once a decree's action is done, from its declaration."""
    action = next((a for s in DECREE.steps for a in s.actions if a.name == data["action"]), None)
    if action is None:
        return ""  # refused by the service: nothing done to tell
    return action.done or f"اقدام «{action.label}» ثبت شد."


@require_POST
@permission("managers.change", "act", lookup="pk")
def decree_act(request, pk: int):
    return _decree_post(
        request,
        pk,
        DecreeActionForm,
        lambda decree, data: decree_services.decree_act(
            actor=request.user, decree=decree, ip=client_ip(request), **data
        ),
        _decree_done,
    )


@require_POST
@permission("managers.change", "act", lookup="pk")
def decree_change(request, pk: int):
    return _decree_post(
        request,
        pk,
        ProposalForm,
        lambda decree, data: decree_services.change_propose(
            actor=request.user, decree=decree, ip=client_ip(request), **data
        ),
        "پیشنهاد تغییر به شورا فرستاده شد.",
    )


@permission("managers.hearing", method="GET")
@permission("managers.hearing", "create", method="POST")
def hearing_list(request):
    form = HearingForm(request.POST or None)
    if attempt(
        request,
        lambda: council_services.hearing_request(actor=request.user, **form.cleaned_data),
        "درخواست رسیدگی ثبت شد.",
        form=form,
    ):
        return redirect("managers:hearing_list")
    context = {
        "form": form,
        "page": paginate(request, selectors.hearing_list_for_user(user=request.user)),
        "can_create": permissions.may(request.user, "managers.hearing", "create"),
        "can_schedule": permissions.may(request.user, "managers.hearing", "act"),
        "schedule_form": HearingScheduleForm(sessions=selectors.session_list_for_user(user=request.user)),
    }
    return render(request, "managers/hearing_list.html", context)


@require_POST
@permission("managers.hearing", "act", lookup="pk")
def hearing_schedule(request, pk: int):
    hearing = selectors.hearing_get_for_user(user=request.user, pk=pk)
    form = HearingScheduleForm(request.POST, sessions=selectors.session_list_for_user(user=request.user))
    if not form.is_valid():
        messages.error(request, "جلسه را انتخاب کنید.")
        return redirect("managers:hearing_list")
    return attempt_and_return(
        request,
        lambda: council_services.hearing_schedule(
            actor=request.user, hearing=hearing, session=form.cleaned_data["session"]
        ),
        "رسیدگی در جلسه شورا قرار گرفت.",
        "managers:hearing_list",
    )


# The semi-annual report.


@permission("managers.report")
def report(request):
    period = selectors.period_parse(request.GET.get("year"), request.GET.get("half"))
    if _exporting(request, "managers.report"):
        rows = selectors.report_rows(user=request.user, period=period, action="export")
    else:
        rows = selectors.report_rows(user=request.user, period=period)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"managers-report-{period.year}-{period.half}", selectors.REPORT_HEADERS, rows)
    if request.GET.get("format") == "pdf":
        return documents.report_pdf(rows=rows, period=period, organization=request.user.organization)
    context = {
        "period": period,
        "rows": rows,
        "headers": selectors.REPORT_HEADERS,
        "dashboard": dashboard_build(user=request.user, filters=ReportFilters(start=period.start)),
    }
    return render(request, "managers/report.html", context)
