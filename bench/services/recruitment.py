"""Service A's part: five years of recruitment rounds in every stage, their ledger, venues, results,
interviews and hire files, and the busiest list page (the latest published round's candidates).

Rounds are the province's and are made once (found again by code), so a second run adds job-locations,
candidates and files to the same rounds; job codes and national IDs continue from the rows already there.
"""

import datetime as dt
import itertools
import logging
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from apps.core.http import PAGE_SIZE
from apps.core.spreadsheets import rows_insert
from apps.recruitment import permissions, selectors
from bench.generate import BATCH, Context, generator
from bench.services import Page

logger = logging.getLogger(__name__)

PROVINCE_CANDIDATES = 150_000
# One in ten of the people on a list ends up with a hire file, as in the seed's figures.
PROVINCE_HIRES = 15_000
YEARS = range(1400, 1405)
JOBS_PER_AGENCY_AND_ROUND = 4
FIRST_NAMES = ("علی", "مریم", "حسین", "فاطمه", "رضا", "سارا", "مهدی", "نرگس", "امیر", "زینب")
LAST_NAMES = ("احمدی", "موسوی", "حسینی", "کاظمی", "جعفری", "نوری", "صالحی", "رحیمی", "عباسی", "کریمی")
CITIES = ("اهواز", "دزفول", "آبادان", "خرمشهر", "بهبهان", "ایذه", "شوشتر", "اندیمشک")
JOBS = ("کارشناس اداری", "کاردان فنی", "حسابدار", "کارشناس فناوری اطلاعات", "متصدی امور دفتری")


CANDIDATE_FIELDS = [
    "round_id",
    "job_id",
    "national_id",
    "first_name",
    "last_name",
    "exam_score",
    "quota_type",
    "status",
    "panel_id",
    "interview_score",
    "interview_minutes",
]


def _candidate_row(c) -> tuple:
    return (
        c.round_id,
        c.job.pk,
        c.national_id,
        c.first_name,
        c.last_name,
        c.exam_score,
        c.quota_type,
        c.status,
        c.panel_id,
        c.interview_score,
        c.interview_minutes,
    )


def _round_stages() -> list[str]:
    """Two rounds a year for five years, oldest first: the old ones closed, the newest in each open stage."""
    from apps.recruitment.models import Round

    open_stages = [s for s in reversed(Round.Stage.values) if s != Round.Stage.CLOSED]
    count = 2 * len(YEARS)
    return [Round.Stage.CLOSED] * (count - len(open_stages)) + open_stages


def _rounds(ctx: Context) -> list:
    """The ten rounds, made on the first run and found by code on the next ones."""
    from django.utils import timezone

    from apps.accounts.roles import Role
    from apps.recruitment.models import Round
    from apps.recruitment.rules import ROUND_PROCESS_NAME

    codes = [f"B{year}-{half}" for year in YEARS for half in (1, 2)]
    # The rounds are the province Organization's, as `round_create` makes them.
    province_id = ctx.world.province.province_id
    existing = {r.code: r for r in Round.objects.filter(code__in=codes, province_id=province_id)}
    stages = _round_stages()
    now = timezone.now()
    rounds, opened_at = [], {}
    for n, (code, stage) in enumerate(zip(codes, stages, strict=True)):
        if code in existing:
            rounds.append(existing[code])
            continue
        # Half a year apart, the newest opened two months ago.
        opened = now - dt.timedelta(days=60 + 182 * (len(codes) - 1 - n))
        rounds.append(
            Round(
                province_id=province_id,
                code=code,
                title=f"آزمون استخدامی مشترک {code[1:5]} — نوبت {code[-1]}",
                stage=stage,
                exam_date=(opened + dt.timedelta(days=45)).date() if stage != Round.Stage.QUOTAS else None,
                supervisors_requested=20 if stage != Round.Stage.QUOTAS else 0,
            )
        )
        opened_at[code] = opened
    new = [r for r in rounds if r.pk is None]
    # Each round's case at its stage, as the workflow core would have opened and moved it.
    ctx.record_cases(
        ROUND_PROCESS_NAME,
        new,
        owner=ctx.world.province,
        creator=ctx.world.org_staff[Role.ORG_EXPERT],
        title=lambda r: f"دوره جذب «{r.title}»",
    )
    Round.objects.bulk_create(new)
    # created_at is auto_now_add: the real opening dates go in afterwards, so "newest" means the newest.
    for round_ in new:
        round_.created_at = opened_at[round_.code]
        Round.objects.filter(pk=round_.pk).update(created_at=round_.created_at)
    return rounds


def _national_ids(start: int):
    from apps.core.national_id import national_id_with_checksum

    # Nine leading digits from a counter: valid, distinct, and clear of the demo's and the tests' ranges.
    return (national_id_with_checksum(f"{5 * 10**8 + n:09d}") for n in itertools.count(start))


def _supervisors(ctx: Context, count: int) -> list:
    from apps.core.national_id import national_id_with_checksum
    from apps.recruitment.models import Supervisor

    start = Supervisor.objects.count()
    people = [
        Supervisor(
            full_name=f"{FIRST_NAMES[n % 10]} {LAST_NAMES[n // 10 % 10]}",
            national_id=national_id_with_checksum(f"{6 * 10**8 + n:09d}"),
            mobile=f"0916{n:07d}",
            photo="recruitment/supervisors/bench.png",
        )
        for n in range(start, start + count)
    ]
    return Supervisor.objects.bulk_create(people, batch_size=BATCH)


def _venues_and_panels(ctx: Context, rounds: list, supervisors: list) -> int:
    """Each held exam's venues and their reports; each interviewing round's panels."""
    from apps.accounts.roles import Role
    from apps.recruitment.models import ExamReport, InterviewPanel, Round, Venue

    expert = ctx.world.org_staff[Role.ORG_EXPERT]
    per_round = max(2, round(30 * ctx.scale * ctx.provinces))
    venues = [
        Venue(
            round=r,
            name=f"حوزه {n + 1} — {CITIES[n % len(CITIES)]}",
            address=f"{CITIES[n % len(CITIES)]}، خیابان دانشگاه، پلاک {n + 1}",
            capacity=1000,
        )
        for r in rounds
        if r.reached(Round.Stage.ANNOUNCED)
        for n in range(per_round)
    ]
    Venue.objects.bulk_create(venues, batch_size=BATCH)
    reports = [
        ExamReport(venue=v, present=900, absent=100, filed_by=expert, sent_at=v.round.created_at)
        for v in venues
        if v.round.reached(Round.Stage.REPORTED)
    ]
    ExamReport.objects.bulk_create(reports, batch_size=BATCH)
    panels = [
        InterviewPanel(
            round=r,
            title=f"هیئت مصاحبه {n + 1}",
            date=r.exam_date + dt.timedelta(days=30 + n),
            place="سالن اجتماعات سازمان",
            supervisor=supervisors[n % len(supervisors)],
        )
        for r in rounds
        if r.reached(Round.Stage.INTERVIEWS)
        for n in range(per_round)
    ]
    InterviewPanel.objects.bulk_create(panels, batch_size=BATCH)
    return len(venues) + len(reports) + len(panels)


@generator("recruitment")
def recruitment(ctx: Context) -> int:
    """The ledger, results, interviews and hire files of every agency over the ten rounds."""
    from django.db import transaction

    # One transaction: a commit per statement would wait on the disk a few hundred times per run.
    with transaction.atomic():
        return _recruitment(ctx)


def _recruitment(ctx: Context) -> int:
    import time

    from apps.recruitment.models import Candidate, Hire, JobQuota, QuotaType, Round
    from apps.recruitment.rules import HIRE_PROCESS_NAME

    started = time.perf_counter()
    rounds = _rounds(ctx)
    supervisors = _supervisors(ctx, max(10, round(50 * ctx.scale * ctx.provinces)))
    written = len(supervisors) + _venues_and_panels(ctx, rounds, supervisors)
    panels = {r.pk: list(r.panels.all()) for r in rounds if r.reached(Round.Stage.INTERVIEWS)}
    published = [r for r in rounds if r.reached(Round.Stage.RESULTS)]
    # Files are registered from step 7 on; the open ones only in the round still registering.
    filing = [r for r in rounds if r.reached(Round.Stage.REGISTRATION)]
    registering = next(r for r in filing if r.stage == Round.Stage.REGISTRATION)
    job_number = JobQuota.objects.count()
    national_ids = _national_ids(Candidate.objects.count())
    quota_types = [QuotaType.FREE] * 8 + [QuotaType.VETERAN, QuotaType.DISABLED]
    candidates_written = hires_written = jobs_written = 0

    for agency in ctx.agencies:
        jobs = {}
        for r in rounds:
            jobs[r.pk] = []
            for _ in range(JOBS_PER_AGENCY_AND_ROUND):
                job_number += 1
                jobs[r.pk].append(
                    JobQuota(
                        round=r,
                        agency=agency,
                        job_code=f"B{job_number:07d}",
                        job_title=JOBS[job_number % len(JOBS)],
                        city=CITIES[job_number % len(CITIES)],
                        posts=0,
                        natives_only=job_number % 5 == 0,
                    )
                )
        candidates = []
        for n in range(ctx.share(PROVINCE_CANDIDATES)):
            r = published[n % len(published)]
            job = jobs[r.pk][n // len(published) % JOBS_PER_AGENCY_AND_ROUND]
            interviewed = r.reached(Round.Stage.REGISTRATION) or (
                r.stage == Round.Stage.INTERVIEWS and n % 2 == 0
            )
            candidates.append(
                Candidate(
                    round=r,
                    job=job,
                    national_id=next(national_ids),
                    first_name=FIRST_NAMES[n % 10],
                    last_name=LAST_NAMES[n // 10 % 10],
                    exam_score=Decimal(400 + n * 37 % 600) / 10,
                    quota_type=quota_types[n % 10],
                    status=(
                        Candidate.Status.INITIAL
                        if not interviewed
                        else Candidate.Status.FINAL
                        if n % 3
                        else Candidate.Status.NOT_ACCEPTED
                    ),
                    panel=panels[r.pk][n % len(panels[r.pk])] if interviewed else None,
                    interview_score=(60 + n % 40 if n % 3 else 30 + n % 20) if interviewed else None,
                    interview_minutes="پاسخ‌های کامل و مستند" if interviewed else "",
                )
            )
        # A file for some of the final accepted people: the closed files over every filing round, the
        # open ones in the round still registering.
        cases = ctx.cases(HIRE_PROCESS_NAME, owner=agency, count=ctx.share(PROVINCE_HIRES))
        finals = {
            r.pk: iter([c for c in candidates if c.round_id == r.pk and c.status == "final"]) for r in filing
        }
        hires, closed = [], itertools.cycle(filing)
        for case in cases:
            r = next(closed) if case.is_closed else registering
            person = next(finals[r.pk], None)
            if person is None:
                # Fewer final accepted people than files at a small scale: one more on the list.
                person = Candidate(
                    round=r,
                    job=jobs[r.pk][0],
                    national_id=next(national_ids),
                    first_name=FIRST_NAMES[len(hires) % 10],
                    last_name=LAST_NAMES[len(hires) // 10 % 10],
                    exam_score=Decimal(75),
                    status=Candidate.Status.FINAL,
                    panel=panels[r.pk][0],
                    interview_score=80,
                )
                candidates.append(person)
            hires.append(
                Hire(
                    case=case,
                    round=r,
                    agency=agency,
                    job=person.job,
                    national_id=person.national_id,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    father_name="محمود",
                    birth_date=dt.date(1990, 1, 1) + dt.timedelta(days=len(hires) % 3650),
                    mobile=f"0912{len(hires) % 10**7:07d}",
                    education=Hire.Education.BACHELOR,
                    field_of_study="مدیریت دولتی",
                    quota_type=person.quota_type,
                    is_native=bool(person.job.natives_only),
                    employee_number=f"{case.tracking_code}" if case.is_closed else "",
                )
            )
        # The ledger as the services would have left it: every file counted on its job-location, every
        # person on the list a post, registration opened for all of them from step 7 on.
        for job in (j for r_jobs in jobs.values() for j in r_jobs):
            job.posts = 1
        for c in candidates:
            c.job.posts += 1
        for r in filing:
            for job in jobs[r.pk]:
                job.allocated = job.posts
        for hire in hires:
            hire.job.registered += 1
            hire.job.approved += hire.case.is_closed
        all_jobs = [j for r_jobs in jobs.values() for j in r_jobs]
        JobQuota.objects.bulk_create(all_jobs, batch_size=BATCH)
        rows_insert(Candidate, CANDIDATE_FIELDS, (_candidate_row(c) for c in candidates))
        Hire.objects.bulk_create(hires, batch_size=BATCH)
        jobs_written += len(all_jobs)
        candidates_written += len(candidates)
        hires_written += len(hires)

    seconds = time.perf_counter() - started
    total = written + jobs_written + candidates_written + hires_written
    logger.warning(
        "recruitment: %d rounds, %d job-locations, %d candidates, %d hire files, %d supervisors, venues, "
        "reports and panels; %d rows in %.1f s (%.0f rows/s)",
        len(rounds),
        jobs_written,
        candidates_written,
        hires_written,
        written,
        total,
        seconds,
        total / seconds if seconds else 0,
    )
    return total


def _bare_table(request, rows, template: str, **context):
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, **context})


@login_required
def candidate_list(request):
    round_ = selectors.round_latest_published_for_user(user=request.user)
    candidates = selectors.candidates_for_user(user=request.user, round_=round_)
    return _bare_table(
        request,
        candidates,
        "recruitment/_candidate_rows.html",
        round=round_,
        can_interview=permissions.may_at_all(request.user, permissions.CANDIDATE, "act"),
    )


urlpatterns = [path("bench/bare/recruitment/candidates/", candidate_list, name="bench_bare_candidates")]

PAGES = [
    Page(
        "recruitment-candidates",
        "/recruitment/candidates/",
        "/bench/bare/recruitment/candidates/",
        "expert",
        "recruitment",
        marker='data-testid="candidate-table"',
    )
]
