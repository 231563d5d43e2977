"""Pages of service B: the public calendar and monthly program, an agency's registration, the training
group's planning and session pages, certificates, the training history and the dashboard."""

import datetime as dt

import jdatetime
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from apps.accounts import permissions
from apps.accounts.permissions import Refused, permission, province_of, public
from apps.accounts.provinces import province_choices_on
from apps.core import services as core_services
from apps.core.dashboards import ReportFilters
from apps.core.digits import to_persian_digits
from apps.core.http import attempt, attempt_and_return, client_ip, file_download, paginate
from apps.core.jalali import MONTH_NAMES, JalaliDateError, format_date, parse_jalali_date, to_jalali, today
from apps.core.spreadsheets import export_queryset, xlsx_response
from apps.core.uploads import held_release, hold_for_retry, row_key
from apps.documents.render import render_pdf
from apps.workflow.services import record_actions

from . import selectors
from .dashboard import build as dashboard_build
from .documents import certificates_zip
from .forms import (
    CalendarFilterForm,
    CourseForm,
    EvaluationForm,
    HistoryForm,
    ReasonForm,
    RequestFixForm,
    RequestForm,
    ScoreField,
    SessionForm,
    SurveyForm,
    TopUpForm,
)
from .imports import LEARNER_IMPORT, SCORES_IMPORT
from .models import CourseSession
from .permissions import (
    ATTENDANCE,
    CERTIFICATES,
    COURSE,
    EVALUATION,
    HISTORY,
    LEARNER,
    LEARNER_CERTIFICATE,
    REQUEST,
    SCORE,
    SESSION,
    SURVEY,
)
from .providers import jalali_year_bounds
from .rules import QUORUM
from .services import courses as course_services
from .services import requests as request_services
from .services import sessions as session_services


def _export_allowed(request, kind: str) -> None:
    """A list's .xlsx is the table's "export" of its kind, asked of the same page."""
    if not permissions.may(request.user, kind, "export"):
        raise Refused(403, kind=kind, action="export")


# The calendar and the monthly program (public).


def _calendar_filters(request) -> tuple[CalendarFilterForm, dict]:
    data = request.GET.copy()
    # A reader of one province opens their own province's calendar; «همه استان‌ها» (an empty choice, which
    # the address then names) shows every province's, as it does to a citizen who is not signed in.
    own = province_of(request.user)
    if "province" not in data and own is not None:
        data["province"] = str(own)
    form = CalendarFilterForm(data or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {**filters, "year": filters.get("year") or to_jalali(today()).year}
    return form, filters


def _month_window(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = jdatetime.date(year, month, 1).togregorian()
    following = jdatetime.date(year + (month == 12), month % 12 + 1, 1).togregorian()
    return start, following - dt.timedelta(days=1)


def _calendar_context(request) -> dict:
    form, filters = _calendar_filters(request)
    month = filters.get("month")
    start, end = _month_window(filters["year"], month) if month else jalali_year_bounds(filters["year"])
    return {
        "form": form,
        "filters": filters,
        "month_name": MONTH_NAMES[month - 1] if month else "",
        "courses": selectors.course_list(filters=filters),
        "sessions": selectors.sessions_between(start=start, end=end, province=filters.get("province")),
        "years": selectors.calendar_years(),
    }


@public
def calendar(request):
    context = _calendar_context(request)
    context["can_manage"] = permissions.may(request.user, COURSE, "manage")
    context["can_register"] = permissions.may(request.user, REQUEST, "create")
    context["page"] = paginate(request, context["courses"])
    return render(request, "training/calendar.html", context)


CALENDAR_COLUMNS = [
    ("سال", lambda c: c.year),
    ("ماه", lambda c: c.get_planned_month_display()),
    ("عنوان دوره", lambda c: c.title),
    ("گروه", lambda c: c.get_category_display()),
    ("ساعت", lambda c: c.hours),
    ("شهریه هر نفر (ریال)", lambda c: c.tuition),
    ("نحوه اجرا", lambda c: c.get_mode_display()),
    ("محل", lambda c: c.venue),
    ("ظرفیت", lambda c: c.capacity),
    ("سرفصل مصوب", lambda c: c.syllabus),
    ("استان", lambda c: c.province.name if c.province_id else ""),
]


@public
def calendar_xlsx(request):
    _form, filters = _calendar_filters(request)
    return export_queryset(
        request,
        selectors.course_list(filters=filters),
        CALENDAR_COLUMNS,
        filename=f"training-calendar-{filters['year']}",
    )


@public
def calendar_pdf(request):
    context = _calendar_context(request)
    issuer = selectors.calendar_issuer(province=context["filters"].get("province"))
    pdf = render_pdf("training/calendar_pdf.html", {**context, "issuer": issuer})
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"training-calendar-{context['filters']['year']}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@public
def course_detail(request, pk: int):
    user = request.user
    context = {
        "course": selectors.course_get(pk=pk),
        "can_register": permissions.may(user, REQUEST, "create"),
        "can_plan": permissions.may(user, SESSION, "create"),
    }
    return render(request, "training/course_detail.html", context)


@permission(COURSE, "manage")
def course_new(request):
    form = CourseForm(request.POST or None)
    course = attempt(
        request,
        lambda: course_services.course_create(
            actor=request.user, data=form.cleaned_data, ip=client_ip(request)
        ),
        lambda course: f"دوره «{course.title}» به تقویم افزوده شد.",
        form=form,
    )
    if course:
        return redirect("training:course_detail", pk=course.pk)
    return render(request, "training/course_form.html", {"form": form}, status=400 if form.errors else 200)


# An agency's registration.


# The course is public; the request is what the agency creates (the course named in the address).
@permission(REQUEST, "create")
def request_new(request, pk: int):
    course = selectors.course_get(pk=pk)
    form = RequestForm(request.POST or None, request.FILES or None)
    case = attempt(
        request,
        lambda: request_services.request_file(
            actor=request.user, course=course, ip=client_ip(request), **form.cleaned_data
        ),
        lambda case: f"درخواست ثبت شد. کد رهگیری: {to_persian_digits(case.tracking_code)}",
        form=form,
    )
    if case:
        return redirect("workflow:case_detail", tracking_code=case.tracking_code)
    row_errors = getattr(form, "row_errors", [])
    context = {"form": form, "course": course, "row_errors": row_errors, "learner_import": LEARNER_IMPORT}
    return render(request, "training/request_form.html", context, status=400 if form.errors else 200)


REQUEST_COLUMNS = [
    ("کد رهگیری", lambda r: r.case.tracking_code),
    ("دوره", lambda r: r.course.title),
    ("دستگاه", lambda r: r.organization.name),
    ("فراگیران", lambda r: r.people),
    ("وضعیت", lambda r: r.case.state_label),
    ("مهلت مرحله", lambda r: r.case.due_date),
    ("تاریخ ثبت", lambda r: r.case.created_at),
]


@permission(REQUEST)
def request_list(request):
    filters = {k: request.GET.get(k, "") for k in ("q", "state", "province")}
    requests = selectors.request_list_for_user(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx":
        _export_allowed(request, REQUEST)
        return export_queryset(request, requests, REQUEST_COLUMNS, filename="training-requests")
    context = {
        "page": paginate(request, requests),
        "filters": filters,
        "can_see_sessions": permissions.may(request.user, SESSION, "view"),
        "can_see_dashboard": permissions.may(request.user, LEARNER, "export"),
        "provinces": province_choices_on(request.user, REQUEST),
    }
    return render(request, "training/request_list.html", context)


@permission(REQUEST, "edit", lookup="pk")
def request_fix(request, pk: int):
    training_request = selectors.request_get_for_user(user=request.user, pk=pk, action="edit")
    form = RequestFixForm(request.POST or None, request.FILES or None)
    case = attempt(
        request,
        lambda: request_services.request_fix(
            request=training_request, actor=request.user, ip=client_ip(request), **form.cleaned_data
        ),
        "درخواست اصلاح و دوباره ارسال شد.",
        form=form,
    )
    if case:
        return redirect("workflow:case_detail", tracking_code=case.tracking_code)
    context = {
        "form": form,
        "training_request": training_request,
        "row_errors": getattr(form, "row_errors", []),
        "learner_import": LEARNER_IMPORT,
    }
    return render(request, "training/request_fix.html", context, status=400 if form.errors else 200)


def _feedback(request, pk: int, kind: str, form_class, submit, title: str):
    training_request = selectors.request_get_for_user(user=request.user, pk=pk, action="create", kind=kind)
    form = form_class(request.POST or None)
    submitted = attempt(
        request,
        lambda: submit(
            request=training_request, actor=request.user, answers=form.cleaned_data, ip=client_ip(request)
        ),
        f"{title} ثبت شد.",
        form=form,
    )
    if submitted:
        return redirect("workflow:case_detail", tracking_code=training_request.case.tracking_code)
    context = {"form": form, "training_request": training_request, "title": title}
    return render(request, "training/feedback_form.html", context, status=400 if form.errors else 200)


@permission(EVALUATION, "create", lookup="pk")
def request_evaluation(request, pk: int):
    return _feedback(
        request, pk, EVALUATION, EvaluationForm, request_services.evaluation_submit, "فرم ارزشیابی دوره"
    )


@permission(SURVEY, "create", lookup="pk")
def request_survey(request, pk: int):
    return _feedback(request, pk, SURVEY, SurveyForm, request_services.survey_submit, "فرم نظرسنجی")


@permission(CERTIFICATES, "download", lookup="pk")
def request_certificates(request, pk: int):
    """All certificates of a request in one .zip, once the agency has filled both forms."""
    training_request = selectors.request_certificates_get(user=request.user, pk=pk)
    learners = selectors.request_learners(request=training_request).filter(certificate__isnull=False)
    response = HttpResponse(certificates_zip(learners), content_type="application/zip")
    name = f"certificates-{training_request.case.tracking_code}.zip"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@permission(LEARNER_CERTIFICATE, "download", lookup="pk")
def learner_certificate(request, pk: int):
    learner = selectors.learner_certificate_get(user=request.user, pk=pk)
    return file_download(
        learner.certificate.file,
        filename=f"certificate-{learner.national_id}.pdf",
        content_type="application/pdf",
    )


# The training group's planning and sessions.


PLANNING_COLUMNS = [
    ("دوره", lambda c: c.title),
    ("ماه", lambda c: c.get_planned_month_display()),
    ("درخواست‌های منتظر", lambda c: c.waiting_requests),
    ("نفرات", lambda c: c.waiting_people),
]


# Gathering the requests up to the quorum is planning sessions (row 5).
@permission(SESSION, "create")
def planning(request):
    courses = selectors.gathering_by_course(user=request.user)
    if request.GET.get("format") == "xlsx":
        return export_queryset(request, courses, PLANNING_COLUMNS, filename="training-planning")
    return render(request, "training/planning.html", {"page": paginate(request, courses), "quorum": QUORUM})


# The course named in the address is public; the session is what the group creates.
@permission(SESSION, "create")
def session_new(request, pk: int):
    course = selectors.course_get(pk=pk)
    waiting = list(selectors.gathering_requests(course=course))
    form = SessionForm(
        request.POST or None, requests=waiting, initial={"mode": course.mode, "place": course.venue}
    )

    def plan():
        data = dict(form.cleaned_data)
        picked = set(data.pop("requests"))
        chosen = [r for r in waiting if r.pk in picked]
        return session_services.session_plan(
            actor=request.user, course=course, requests=chosen, ip=client_ip(request), **data
        )

    session = attempt(request, plan, "اجرای دوره برنامه‌ریزی شد.", form=form)
    if session:
        return redirect("training:session_detail", pk=session.pk)
    # Before another session is opened, the course's open sessions are offered to merge the requests into.
    merge_into = list(selectors.open_sessions(course=course))
    context = {
        "form": form,
        "course": course,
        "waiting": waiting,
        "quorum": QUORUM,
        "merge_into": merge_into,
    }
    return render(request, "training/session_form.html", context, status=400 if form.errors else 200)


@require_POST
@permission(SESSION, "act", lookup="pk")
def session_top_up(request, pk: int):
    """Adds approved requests to a session not yet held: from its own page, or from the scheduling page's
    offer to merge into an open session (which it returns to when refused)."""
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="act")
    waiting = list(selectors.gathering_requests(course=session.course))
    form = TopUpForm(request.POST, requests=waiting)
    if not form.is_valid():
        messages.error(request, "درخواستی برای افزودن انتخاب نشده است.")
    else:
        picked = set(form.cleaned_data["requests"])
        added = attempt(
            request,
            lambda: session_services.session_top_up(
                session=session,
                actor=request.user,
                requests=[r for r in waiting if r.pk in picked],
                ip=client_ip(request),
            ),
            "درخواست‌ها به این اجرای دوره افزوده شد.",
        )
        if added:
            return redirect("training:session_detail", pk=session.pk)
    if request.POST.get("from") == "scheduling":
        return redirect("training:session_new", pk=session.course_id)
    return redirect("training:session_detail", pk=session.pk)


SESSION_COLUMNS = [
    ("دوره", lambda s: s.course.title),
    ("شروع", lambda s: s.starts_on),
    ("پایان", lambda s: s.ends_on),
    ("محل", lambda s: s.place),
    ("نحوه اجرا", lambda s: s.get_mode_display()),
    ("مدرس", lambda s: s.instructor),
    ("درخواست‌ها", lambda s: s.agencies),
    ("وضعیت", lambda s: s.get_state_display()),
]


@permission(SESSION)
def session_list(request):
    filters = {"state": request.GET.get("state", "")}
    sessions = selectors.session_list_for_user(user=request.user, filters=filters)
    if request.GET.get("format") == "xlsx":
        _export_allowed(request, SESSION)
        return export_queryset(request, sessions, SESSION_COLUMNS, filename="training-sessions")
    context = {"page": paginate(request, sessions), "filters": filters, "states": CourseSession.State.choices}
    return render(request, "training/session_list.html", context)


def _session_context(request, session) -> dict:
    learners = list(selectors.session_learners(session=session, user=request.user))
    return {"session": session, "learners": learners, "meetings": list(session.meetings.all())}


# The batch's progress is the group's to watch after certifying (the page polls it); it is part of acting.
@permission(SESSION, "act", lookup="pk")
def session_certificates(request, pk: int):
    """The certificate batch's progress, which the session page polls while the tasks issue them."""
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="act")
    progress = selectors.session_certificate_progress(session=session)
    return render(request, "training/_certificate_progress.html", {"session": session, "progress": progress})


@permission(SESSION, lookup="pk")
def session_detail(request, pk: int):
    user = request.user
    session = selectors.session_get_for_user(user=user, pk=pk)
    can_act = permissions.may(user, SESSION, "act", session)
    context = {
        **_session_context(request, session),
        # The session's buttons, from its process; topping up has its own form above them.
        "actions": [a for a in record_actions(user, session) if a.name != "top_up"] if can_act else [],
        "reason_form": ReasonForm(),
        "quorum": QUORUM,
        "can_act": can_act,
        "can_attend": permissions.may(user, ATTENDANCE, "edit", session),
        "can_score": permissions.may(user, SCORE, "edit", session),
        "can_export": permissions.may(user, LEARNER, "export"),
    }
    if session.state == CourseSession.State.CERTIFIED and can_act:
        context["progress"] = selectors.session_certificate_progress(session=session)
    if session.state in CourseSession.OPEN_STATES and can_act:
        # A request may have left: the group sees the count against the quorum and what can top it up.
        context["people"] = selectors.session_people(session=session)
        waiting = list(selectors.gathering_requests(course=session.course))
        context["top_up_form"] = TopUpForm(requests=waiting) if waiting else None
    if request.GET.get("format") == "xlsx":
        _export_allowed(request, LEARNER)
        return xlsx_response(
            f"session-{session.pk}-learners",
            ["نام", "کد ملی", "دستگاه", "ساعات غیبت", "نمره", "نتیجه"],
            (
                [x.full_name, x.national_id, x.organization.name, x.absent_hours, x.score, _result(x.passed)]
                for x in context["learners"]
            ),
        )
    return render(request, "training/session_detail.html", context)


def _result(passed) -> str:
    return {True: "قبول", False: "مردود", None: ""}[passed]


@require_POST
@permission(SESSION, "act", lookup="pk")
def session_act(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="act")
    name = request.POST.get("action", "")
    declared = session.case.step.action(name) if session.case_id else None
    return attempt_and_return(
        request,
        lambda: session_services.session_act(
            session=session,
            actor=request.user,
            action=name,
            reason=request.POST.get("reason", ""),
            ip=client_ip(request),
        ),
        (declared.done or f"{declared.label} انجام شد.") if declared else "",
        "training:session_detail",
        session.pk,
    )


# The page is the sheet to record on: it is the editing, not a view of absences (the session page shows them).
@permission(ATTENDANCE, "edit", lookup="pk")
def session_attendance(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="edit", kind=ATTENDANCE)
    context = _session_context(request, session)
    if request.method == "POST":
        absent = {
            learner.pk: {
                m.number for m in context["meetings"] if f"absent-{learner.pk}-{m.number}" in request.POST
            }
            for learner in context["learners"]
        }
        recorded = attempt(
            request,
            lambda: session_services.absences_record(
                session=session, actor=request.user, absent=absent, ip=client_ip(request)
            ),
            "حضور و غیاب ثبت شد.",
        )
        if recorded is not None:
            return redirect("training:session_detail", pk=session.pk)
    return render(request, "training/session_attendance.html", context)


@permission(SCORE, "edit", lookup="pk")
def session_scores(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="edit", kind=SCORE)
    context = {**_session_context(request, session), "scores_import": SCORES_IMPORT, "errors": {}}
    if request.method == "POST":
        field, scores = ScoreField(required=False), {}
        for learner in context["learners"]:
            try:
                scores[learner.pk] = field.clean(request.POST.get(f"score-{learner.pk}", ""))
            except ValidationError as exc:
                context["errors"][learner.pk] = " ".join(exc.messages)
        recorded = None
        if not context["errors"]:
            recorded = attempt(
                request,
                lambda: session_services.scores_record(
                    session=session, actor=request.user, scores=scores, ip=client_ip(request)
                ),
                "نمره‌ها ثبت شد.",
            )
        if recorded is not None:
            return redirect("training:session_detail", pk=session.pk)
    return render(request, "training/session_scores.html", context, status=400 if context["errors"] else 200)


@require_POST
@permission(SCORE, "edit", lookup="pk")
def session_scores_import(request, pk: int):
    session = selectors.session_get_for_user(user=request.user, pk=pk, action="edit", kind=SCORE)
    key = row_key("training.scores", session.pk)
    held = hold_for_retry(request, key)
    if held is None:
        messages.error(request, "فایل اکسل نمره‌ها را انتخاب کنید.")
        return redirect("training:session_scores", pk=session.pk)
    job = attempt(
        request,
        lambda: core_services.import_start(
            spec_name=SCORES_IMPORT,
            uploaded_file=held.open(),
            user=request.user,
            context={"session_id": session.pk},
        ),
        "فایل نمره‌ها دریافت شد.",
    )
    if job is None:
        # Refused before reading a row: the scores page keeps the chosen file for the next try.
        return redirect("training:session_scores", pk=session.pk)
    held_release(request, key)
    return redirect("core:import_job", pk=job.pk)


# Training history and dashboard.


@permission(HISTORY)
def history(request):
    form = HistoryForm(request.GET or None)
    records = []
    if form.is_valid():
        records = selectors.learner_history(user=request.user, national_id=form.cleaned_data["national_id"])
        if request.GET.get("format") == "xlsx":
            _export_allowed(request, HISTORY)
            return export_queryset(request, records, HISTORY_COLUMNS, filename="training-history")
        records = paginate(request, records)
    return render(request, "training/history.html", {"form": form, "page": records})


HISTORY_COLUMNS = [
    ("نام", lambda x: x.full_name),
    ("کد ملی", lambda x: x.national_id),
    ("دستگاه", lambda x: x.organization.name),
    ("دوره", lambda x: x.request.course.title),
    ("گروه دوره", lambda x: x.request.course.get_category_display()),
    ("ساعت", lambda x: x.request.course.hours),
    ("پایان دوره", lambda x: x.request.session.ends_on if x.request.session else None),
    ("نمره", lambda x: x.score),
    ("نتیجه", lambda x: _result(x.passed)),
    ("کد گواهی‌نامه", lambda x: x.certificate.verification_code if x.certificate else ""),
]


# The dashboard is the learners' numbers in aggregate, with its tables as .xlsx: an export of learners.
@permission(LEARNER, "export")
def dashboard(request):
    filters = ReportFilters(
        start=_date_param(request.GET.get("start")), end=_date_param(request.GET.get("end"))
    )
    board = dashboard_build(user=request.user, filters=filters)
    table = request.GET.get("table", "")
    if table.isdigit() and int(table) < len(board.tables):
        chosen = board.tables[int(table)]
        return xlsx_response(f"training-{table}", chosen.headers, chosen.rows)
    charts = [
        {"title": c.title, "kind": c.kind, "labels": c.labels, "datasets": c.datasets} for c in board.charts
    ]
    context = {
        "board": board,
        "charts": charts,
        "start": format_date(filters.start),
        "end": format_date(filters.end),
    }
    return render(request, "training/dashboard.html", context)


def _date_param(value: str | None):
    try:
        return parse_jalali_date(value) if value else None
    except JalaliDateError:
        return None
