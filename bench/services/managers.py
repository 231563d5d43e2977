"""Service C's part: the managers' database, posts, appointments and changes in every state, decrees and
their yearly evaluations; and the managers' database list (Form 2's people) with its bare view.

Each appointment case has its own post (numbered after the case's tracking code) and draws one to three
nominees from its agency's database; a case that reached the council has HR's Form 3 filled in, one past
it a council session and Form 4's scores, and an appointed one its four-year decree. The database is
larger than the appointments (current managers and every candidate who might be nominated), so it is
the service's busiest list.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from apps.core.http import PAGE_SIZE
from apps.managers import selectors
from bench.generate import BATCH, Context, generator
from bench.services import Page

# Issue 8's province figures: 5,000 manager cases, of which these are changes before four years.
MANAGER_CASES = 5_000
CHANGE_CASES = 500
# Current managers and the candidates an agency keeps on file, about four per post.
PROFILES = 20_000
JOBS_PER_PROFILE = 2
# Every seventh decree was replaced within its six months of probation.
REPLACED_EVERY = 7

FIRST_NAMES = ("سعید", "نسرین", "کامران", "الهام", "بهرام", "پروین", "مهدی", "زهرا", "رضا", "لیلا", "امید")
LAST_NAMES = (
    "کرمی",
    "آزادی",
    "فرهادی",
    "شریفی",
    "نیک‌نام",
    "رستمی",
    "دزفولی",
    "بهبهانی",
    "کاظمی",
    "صالحی",
    "موسوی",
    "جعفری",
    "شوشتری",
    "عباسی",
    "نوروزی",
    "رحیمی",
    "یزدانی",
    "حیدری",
    "مرادی",
    "طاهری",
)
FATHERS = ("حسن", "علی", "رضا", "محمود", "جواد", "احمد")
FIELDS = ("مدیریت دولتی", "حسابداری", "مهندسی عمران", "مدیریت بازرگانی", "اقتصاد", "علوم اجتماعی")
POSTS = (
    ("معاون برنامه‌ریزی و توسعه منابع", "middle", "حوزه معاونت", "مدیریت"),
    ("مدیر امور مالی", "middle", "امور مالی", "حسابداری"),
    ("رئیس اداره فناوری اطلاعات", "base", "فناوری اطلاعات", "فناوری اطلاعات"),
    ("رئیس اداره شهرستان", "base", "اداره شهرستان", "مدیریت"),
    ("رئیس اداره کارگزینی", "base", "کارگزینی", "مدیریت"),
)
CITIES = ("اهواز", "دزفول", "آبادان", "خرمشهر", "شوشتر", "بهبهان")
# States in which HR's Form 3 is done, and those in which the council has also scored and decided.
CHECKED = {"council", "decree", "appointed", "rejected"}
DECIDED = {"decree", "appointed"}


@generator("managers")
def managers(ctx: Context) -> int:
    """Per agency: its managers' database, then appointments in every state, decrees, evaluations, changes."""
    from django.db import transaction
    from django.db.models import Max

    from apps.managers.models import ManagerProfile

    # Continues after the last profile so a second run's national IDs do not clash with the first's.
    serial = ManagerProfile.objects.aggregate(last=Max("id"))["last"] or 0
    rows = 0
    for agency in ctx.agencies:
        # One commit per agency rather than one per bulk statement: commits were a fifth of the time.
        with transaction.atomic():
            written, serial = _agency(ctx, agency, serial)
        rows += written
    return rows


def _agency(ctx: Context, agency, serial: int) -> tuple[int, int]:
    from django.utils import timezone

    from apps.accounts.roles import Role
    from apps.core.national_id import national_id_with_checksum
    from apps.managers.models import (
        Candidate,
        CouncilSession,
        Decree,
        JobRecord,
        ManagerProfile,
        Nomination,
        Post,
    )

    people = ctx.world.agency_users[agency.id]
    head, secretary = people[Role.AGENCY_HEAD], people[Role.AGENCY_COUNCIL_SECRETARY]
    today = timezone.localdate()
    appointments = ctx.cases(
        "managers.appointment", owner=agency, count=ctx.share(MANAGER_CASES - CHANGE_CASES)
    )

    profiles = []
    for n in range(ctx.share(PROFILES)):
        serial += 1
        related, managing = 48 + serial % 120, serial % 60
        profiles.append(
            ManagerProfile(
                organization=agency,
                full_name=_name(serial),
                father_name=FATHERS[serial % len(FATHERS)],
                national_id=national_id_with_checksum(f"{500_000_000 + serial:09d}"),
                birth_place=CITIES[serial % len(CITIES)],
                marital_status="married" if n % 4 else "single",
                children=n % 3,
                military_status="completed" if n % 2 == 0 else "not_applicable",
                mobile=f"0917{serial % 10**7:07d}",
                employment_type="permanent" if n % 5 else "contractual",
                current_agency=agency.name,
                current_unit=POSTS[n % len(POSTS)][2],
                current_location=CITIES[n % len(CITIES)],
                highest_degree=("bachelor", "master", "doctorate")[n % 3],
                bachelor_field=FIELDS[n % len(FIELDS)],
                education=f"کارشناسی {FIELDS[n % len(FIELDS)]}، دانشگاه شهید چمران اهواز",
                master_in_management=n % 3 == 1,
                courses="مدیریت راهبردی — ۴۰ ساعت",
                related_experience_months=related,
                management_experience_months=managing,
                general_exam_points=Decimal(55 + n % 40),
                published_to_pool=n % 10 == 0,
            )
        )

    # Nominees are drawn round the database; the chosen nominee of an appointed case is a current manager.
    posts, nominees, pick = [], [], 0
    for i, case in enumerate(appointments):
        title, level, unit, job_field = POSTS[i % len(POSTS)]
        posts.append(
            Post(
                organization=agency,
                title=title,
                number=f"P{case.tracking_code}",
                level=level,
                unit=unit,
                location=CITIES[i % len(CITIES)],
                job_field=job_field,
                superior=head,
            )
        )
        count = min(1 + i % 3, len(profiles))
        nominees.append([profiles[(pick + k) % len(profiles)] for k in range(count)])
        pick += count
        if case.state == "appointed":
            nominees[-1][0].is_current_manager = True
    ManagerProfile.objects.bulk_create(profiles, batch_size=BATCH)
    jobs = [
        JobRecord(
            profile=profile,
            title="کارشناس" if k == 0 else POSTS[profile.pk % len(POSTS)][0],
            agency_name=agency.name,
            unit=profile.current_unit,
            started_on=today - dt.timedelta(days=365 * (8 - 4 * k)),
            months=48,
            is_management=k > 0,
        )
        for profile in profiles
        for k in range(JOBS_PER_PROFILE)
    ]
    JobRecord.objects.bulk_create(jobs, batch_size=BATCH)
    Post.objects.bulk_create(posts, batch_size=BATCH)

    sessions, nominations = {}, []
    for case, post in zip(appointments, posts, strict=True):
        session = None
        if case.state in DECIDED or case.state == "rejected":
            held = timezone.localtime(case.step_started_at).date() - dt.timedelta(days=2)
            session = CouncilSession(
                organization=agency,
                body="council",
                number=f"S{case.tracking_code}",
                held_on=held,
                attendees=[
                    {"name": "بالاترین مقام دستگاه", "position": "رئیس شورا"},
                    {"name": "دبیر شورا", "position": "دبیر"},
                ],
                superior_invited=True,
                recorded_by=secretary,
            )
            sessions[case.pk] = session
        nominations.append(
            Nomination(
                organization=agency,
                case=case,
                post=post,
                proposer=head,
                proposer_position=head.title,
                session=session,
                opinion=_opinion(case.state),
                decided_at=case.step_started_at if case.state in DECIDED else None,
            )
        )
    CouncilSession.objects.bulk_create(sessions.values(), batch_size=BATCH)
    for nomination in nominations:
        nomination.session_id = nomination.session.pk if nomination.session else None
    Nomination.objects.bulk_create(nominations, batch_size=BATCH)

    candidates = []
    for nomination, people_of in zip(nominations, nominees, strict=True):
        state = nomination.case.state
        for priority, profile in enumerate(people_of, start=1):
            candidates.append(_candidate(nomination, profile, priority, state))
    Candidate.objects.bulk_create(candidates, batch_size=BATCH)
    chosen = {c.nomination_id: c for c in candidates if c.priority == 1 and c.final_score is not None}
    decided = [n for n in nominations if n.case.state in DECIDED]
    for nomination in decided:
        nomination.selected = chosen[nomination.pk]
    Nomination.objects.bulk_update(decided, ["selected"], batch_size=BATCH)

    decrees = [
        _decree(nomination, n, today)
        for n, nomination in enumerate(n for n in decided if n.case.state == "appointed")
    ]
    Decree.objects.bulk_create(decrees, batch_size=BATCH)
    evaluations = _evaluations(decrees, people[Role.AGENCY_HR], today)
    changes = _changes(ctx, agency, decrees, today)
    # Each decree's own lifecycle case (`managers.decree`), at the state its history above left it in.
    ctx.record_cases(
        "managers.decree",
        decrees,
        owner=agency,
        creator=head,
        title=lambda decree: f"حکم انتصاب {decree.profile.full_name} به سمت {decree.post.title}",
    )
    Decree.objects.bulk_update(decrees, ["case"], batch_size=BATCH)
    return (
        len(profiles) + len(jobs) + len(posts) + len(sessions) + len(nominations) + len(candidates)
    ) + 2 * len(decrees) + evaluations + changes, serial


def _name(serial: int) -> str:
    # 220 names in an order that does not follow the serial, so a page by name mixes agencies and years.
    return (
        f"{FIRST_NAMES[serial % len(FIRST_NAMES)]} {LAST_NAMES[serial // len(FIRST_NAMES) % len(LAST_NAMES)]}"
    )


def _opinion(state: str) -> str:
    if state in DECIDED:
        return "شایسته‌ترین نامزد بر پایه امتیاز و اولویت."
    return "امتیاز نامزدها به حد مطلوب نرسید." if state == "rejected" else ""


def _candidate(nomination, profile, priority: int, state: str):
    from apps.managers.models import Candidate, Source
    from apps.managers.rules import GENERAL_CRITERIA

    candidate = Candidate(
        nomination=nomination,
        profile=profile,
        source=Source.AGENCY if priority < 3 else Source.NATIONAL,
        priority=priority,
    )
    if state not in CHECKED:
        return candidate
    candidate.checked_at = nomination.case.step_started_at
    candidate.bachelor_matches = candidate.last_degree_confirmed = True
    candidate.management_course_confirmed = True
    candidate.master_management_confirmed = profile.master_in_management
    candidate.related_experience_months = profile.related_experience_months
    candidate.management_experience_months = profile.management_experience_months
    candidate.appraisal_scores = [{"year": 1400 + n, "score": 85 + n} for n in range(4)]
    candidate.performance_scores = [{"year": 1400 + n, "score": 80 + n} for n in range(4)]
    if state in DECIDED or state == "rejected":
        # The first nominee scores best, so the council's pick is the superior's first priority.
        mark = (8 if state in DECIDED else 5) - priority
        candidate.general_scores = {key: mark for key, _label in GENERAL_CRITERIA}
        candidate.specific_scores = [15 - priority, 12 - priority]
        candidate.final_score = Decimal(10 * mark + 15 - priority)
    return candidate


def _decree(nomination, n: int, today: dt.date):
    from django.utils import timezone

    from apps.managers.appointment import decree_build
    from apps.managers.models import Decree
    from apps.managers.rules import SIX_MONTHS, add_months

    issued = timezone.localtime(nomination.case.closed_at).date()
    decree = decree_build(nomination=nomination, issued_on=issued)
    if decree.valid_until < today:
        decree.status, decree.ended_on = Decree.Status.EXPIRED, decree.valid_until
    elif n % REPLACED_EVERY == REPLACED_EVERY - 1:
        decree.status = Decree.Status.REPLACED
        decree.ended_on = min(add_months(issued, SIX_MONTHS - 1), today)
        decree.end_note = "تغییر مدیر در شش ماه نخست به دلیل عدم احراز توانمندی لازم."
    return decree


def _evaluations(decrees, recorder, today: dt.date) -> int:
    """One performance evaluation per Jalali year the manager held the post, after the year of the decree."""
    import jdatetime

    from apps.managers.models import PerformanceEvaluation

    rows = []
    for n, decree in enumerate(decrees):
        first = jdatetime.date.fromgregorian(date=decree.issued_on).year + 1
        last = jdatetime.date.fromgregorian(date=decree.ended_on or today).year
        rows += [
            PerformanceEvaluation(
                decree=decree,
                year=year,
                score=Decimal(70 + (n + year) % 25),
                note="ارزیابی سالانه",
                recorded_by=recorder,
            )
            for year in range(first, last + 1)
        ]
    PerformanceEvaluation.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _changes(ctx: Context, agency, decrees, today: dt.date) -> int:
    """Changes before four years, each on one of the agency's active decrees (so as many as there are)."""
    from django.utils import timezone

    from apps.managers.models import ChangeProposal, Decree
    from apps.managers.rules import SIX_MONTHS, add_months

    active = [d for d in decrees if d.status == Decree.Status.ACTIVE]
    count = min(ctx.share(CHANGE_CASES), len(active))
    if not count:
        return 0
    cases = ctx.cases("managers.change", owner=agency, count=count)
    proposals, ended = [], []
    for case, decree in zip(cases, active, strict=False):
        proposals.append(
            ChangeProposal(
                organization=agency,
                case=case,
                decree=decree,
                proposal="با توجه به نتایج ارزیابی عملکرد، تغییر مدیر پیشنهاد می‌شود.",
                evaluation_summary="میانگین امتیاز ارزیابی عملکرد دو سال اخیر کمتر از حد مطلوب است.",
            )
        )
        if case.state == "approved":
            closed = timezone.localtime(case.closed_at).date()
            decree.status = Decree.Status.CHANGED
            decree.ended_on = min(max(closed, add_months(decree.issued_on, SIX_MONTHS + 1)), today)
            decree.end_note = "تغییر مدیر با تأیید شورا."
            ended.append(decree)
    ChangeProposal.objects.bulk_create(proposals, batch_size=BATCH)
    Decree.objects.bulk_update(ended, ["status", "ended_on", "end_note"], batch_size=BATCH)
    return len(proposals)


@login_required
def profile_list(request):
    profiles = selectors.profile_list_for_user(user=request.user, filters={})
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "managers/_profile_rows.html", {"page": page})


urlpatterns = [path("bench/bare/managers/profiles/", profile_list, name="bench_bare_managers_profiles")]

MARKER = 'data-testid="profile-table"'
PAGES = [
    Page(
        "managers-profiles",
        "/managers/profiles/",
        "/bench/bare/managers/profiles/",
        "expert",
        "managers",
        MARKER,
    ),
    Page(
        "agency-managers-profiles",
        "/managers/profiles/",
        "/bench/bare/managers/profiles/",
        "hr101",
        "managers",
        MARKER,
    ),
]
