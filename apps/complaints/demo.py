"""Demo complaints of one agency in every state, survey answers on its closed cases, and a week of
health samples for the whole desk (created once)."""

import datetime as dt

from django.utils import timezone

from apps.accounts.roles import Role
from apps.workflow.models import Case
from apps.workflow.services import perform

from .models import Complaint, HealthSample, SatisfactionResponse
from .selectors import survey_steps
from .services import (
    complaint_assign,
    complaint_escalate,
    complaint_file,
    complaint_rate,
    satisfaction_record,
)
from .workflow import COMPLAINT

HEALTH_DEMO_HOURS = 7 * 24
# Two hours of the demo week when the checks failed, so the uptime figure is not a flat 100%.
HEALTH_DEMO_DOWN_HOURS = (30, 31)

# (filer role, kind, service, text, steps); a step is an action name or ("answer"/"reopen", text);
# "escalate" is the desk's own move on an overdue complaint.
SCRIPTS = (
    (Role.AGENCY_OFFICER, "complaint", "training", "زمان برگزاری دوره با اطلاع‌رسانی قبلی هماهنگ نبود.", ()),
    (Role.AGENCY_HR, "complaint", "case", "پرونده ما بیش از مهلت در انتظار مانده است.", ("assign",)),
    (
        Role.AGENCY_HEAD,
        "suggestion",
        "recruitment",
        "پیشنهاد می‌شود فرم ثبت پذیرفته‌شدگان امکان بارگذاری گروهی داشته باشد.",
        ("assign", ("answer", "پیشنهاد شما در برنامه بهبود سامانه قرار گرفت.")),
    ),
    (
        Role.LEARNER,
        "complaint",
        "training",
        "گواهی دوره من هنوز صادر نشده است.",
        ("assign", ("answer", "گواهی صادر شد و در کارتابل شما در دسترس است."), "rate", "accept"),
    ),
    (Role.AGENCY_OFFICER, "complaint", "managers", "پاسخ استعلام شرایط احراز دیر رسید.", ("escalate",)),
    (
        Role.AGENCY_OFFICER,
        "complaint",
        "evaluation",
        "نمره شاخص آموزش بدون توضیح کاهش یافته است.",
        ("escalate", "escalate"),
    ),
    (
        Role.AGENCY_HR,
        "complaint",
        "training",
        "فهرست فراگیران دوره ناقص ثبت شده است.",
        (
            "assign",
            ("answer", "فهرست بر پایه نامه دستگاه ثبت شده بود."),
            ("reopen", "نامه اصلاحی دستگاه پیوست پرونده است و دیده نشده است."),
        ),
    ),
)


def _file(world, agency, role, kind, target, text) -> Case:
    filer = world.agency_users[agency.id][role]
    if target == "case":
        # A case the filer may see (each service's table), as the filing form requires.
        subject_case = (
            Case.objects.visible_to(filer)
            .filter(owner=agency)
            .exclude(process=COMPLAINT.name)
            .order_by("id")
            .first()
        )
        if subject_case is not None:
            return complaint_file(
                actor=filer, kind=kind, subject="case", case_code=subject_case.tracking_code, text=text
            )
        target = "training"
    return complaint_file(actor=filer, kind=kind, subject="service", service=target, text=text)


def _walk(world, case: Case, steps) -> None:
    expert = world.org_staff[Role.ORG_EXPERT]
    for step in steps:
        name, text = step if isinstance(step, tuple) else (step, "")
        if name == "assign":
            case = complaint_assign(case=case, actor=expert, assignee=expert)
        elif name == "answer":
            case = perform(case, "answer", actor=expert, reason=text)
        elif name == "escalate":
            # As the hourly timer does it: by the desk, so the group head and then the deputy are told.
            case = complaint_escalate(case=case)
        elif name == "rate":
            complaint_rate(case=case, actor=case.created_by, rating=4, note="پاسخ روشن بود.")
        else:
            case = perform(case, name, actor=case.created_by, reason=text)


def _surveys(world, agency) -> None:
    officer = world.agency_users[agency.id][Role.AGENCY_OFFICER]
    closed = Case.objects.filter(owner=agency, is_closed=True).exclude(process=COMPLAINT.name)
    # Only the cases the officer may see (each service's table) are theirs to score.
    closed = Case.objects.visible_to(officer).filter(pk__in=closed).order_by("id")
    for n, case in enumerate(closed):
        if SatisfactionResponse.objects.filter(case=case, respondent=officer).exists():
            continue
        satisfaction_record(
            case=case,
            actor=officer,
            score=5 - n % 2,
            step_scores={state: 5 - n % 3 for state, _label in survey_steps(case=case)},
        )


def _health_week() -> None:
    if HealthSample.objects.exists():
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    HealthSample.objects.bulk_create(
        HealthSample(
            checked_at=now - dt.timedelta(hours=hour),
            ok=hour not in HEALTH_DEMO_DOWN_HOURS,
            database=hour not in HEALTH_DEMO_DOWN_HOURS,
            redis=None,
        )
        for hour in range(HEALTH_DEMO_HOURS)
    )


def build(world, agency) -> None:
    if not Complaint.objects.filter(case__owner=agency).exists():
        for role, kind, target, text, steps in SCRIPTS:
            _walk(world, _file(world, agency, role, kind, target, text), steps)
    _surveys(world, agency)
    _health_week()
