"""Service B's part: five years of calendars, registration requests in every state with their learners,
sessions merging them, attendance, scores and certificates; and the request list with its bare view.

At `--scale 1` the province has 100,000 enrolments (learners) on 20,000 requests of about five people
each; four requests of one state and year make a session (the quorum of 20). Certificates are rows, not
100,000 renderings: each run renders one real certificate through the desk and every other passed
learner of a certified session gets an IssuedDocument of its own (its own verification code, holder,
case and date) whose file is that one PDF, so verification, listing and download all work at scale.
"""

import datetime as dt
import hashlib
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from apps.core.http import PAGE_SIZE
from apps.training import selectors
from bench.generate import BATCH, Context, generator
from bench.services import Page

PROVINCE_LEARNERS = 100_000
PROVINCE_REQUESTS = 20_000
REQUESTS_PER_SESSION = 4
MEETINGS = 4
# One learner in this many misses a meeting: a quarter of the hours, more than the tenth allowed.
ABSENT_EVERY = 12
TITLES = (
    "آشنایی با قوانین و مقررات اداری و استخدامی",
    "مهارت‌های ارتباطی در محیط کار",
    "مستندسازی تجربیات مدیران",
    "کاربرد هوش مصنوعی در خدمات دولتی",
    "تفکر راهبردی برای مدیران میانی",
    "نظام بودجه‌ریزی عملیاتی",
    "امنیت اطلاعات و حفاظت از داده‌ها",
    "مدیریت تعارض و مذاکره",
)
LEVELS = ("مقدماتی", "پیشرفته", "کارگاهی")
FIRST = ("مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا", "نرگس", "مهدی", "لیلا", "امید")
LAST = ("احمدی", "موسوی", "کریمی", "حسینی", "رضایی", "جعفری", "بهبهانی", "دزفولی", "شوشتری", "عباسی")
# The request's case state → the state its session is in (requests before «scheduled» have none).
SESSION_STATE = {
    "scheduled": "scheduled",
    "running": "announced",
    "exam": "held",
    "certifying": "examined",
    "forms": "certified",
    "completed": "certified",
}


def _courses(years, province_id) -> dict[int, list]:
    """Each Jalali year's calendar (8 subjects × 3 levels), created once however often the generator runs."""
    from apps.training.models import Category, Course, Mode

    categories, modes = Category.values, Mode.values
    Course.objects.bulk_create(
        [
            Course(
                province_id=province_id,
                year=year,
                title=f"{title} ({level})",
                category=categories[(i + j) % len(categories)],
                syllabus="سرفصل‌های مصوب نظام آموزش کارمندان: مبانی، مطالعه موردی، کارگاه عملی و آزمون پایانی.",
                hours=(8, 12, 16, 20, 24)[(i + j) % 5],
                tuition=4_000_000,
                planned_month=1 + (i * len(LEVELS) + j) % 12,
                mode=modes[i % len(modes)],
                venue="سالن آموزش سازمان مدیریت و برنامه‌ریزی استان",
                capacity=40,
            )
            for year in years
            for i, title in enumerate(TITLES)
            for j, level in enumerate(LEVELS)
        ],
        ignore_conflicts=True,
    )
    by_year = {}
    for course in Course.objects.filter(year__in=years, province_id=province_id).order_by("year", "pk"):
        by_year.setdefault(course.year, []).append(course)
    return by_year


def _local_date(moment: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


@generator("training")
def training(ctx: Context) -> int:
    """Requests (cases in every state) with ctx.share(100,000) learners per agency, and what follows them."""
    from django.db import transaction

    # One transaction: committing each of the few thousand bulk statements costs a third of the run.
    with transaction.atomic():
        return _training(ctx)


def _training(ctx: Context) -> int:
    from apps.accounts.roles import Role
    from apps.core.jalali import to_jalali
    from apps.training.demo import _training_expert
    from apps.training.models import (
        CourseEvaluation,
        Learner,
        SatisfactionSurvey,
        TrainingRequest,
    )

    expert = _training_expert(ctx.world)
    first_year = to_jalali(_local_date(ctx.now) - dt.timedelta(days=5 * 365 + 30)).year
    courses = _courses(
        range(first_year, to_jalali(_local_date(ctx.now)).year + 1), ctx.world.province.province_id
    )
    learner_number = Learner.objects.count()
    rows = 0
    batch = _Batch(ctx, expert)
    for agency in ctx.agencies:
        officer = ctx.world.agency_users[agency.id][Role.AGENCY_OFFICER]
        cases = ctx.cases("training.request", owner=agency, count=ctx.share(PROVINCE_REQUESTS))
        people = ctx.share(PROVINCE_LEARNERS)
        by_state: dict[str, list] = {}
        for case in cases:
            by_state.setdefault(case.state, []).append(case)
        requests = []
        for state, group in by_state.items():
            for start in range(0, len(group), REQUESTS_PER_SESSION):
                chunk = group[start : start + REQUESTS_PER_SESSION]
                day = _local_date(chunk[0].created_at)
                year_courses = courses[to_jalali(day).year]
                course = year_courses[(chunk[0].pk // REQUESTS_PER_SESSION) % len(year_courses)]
                session = batch.session(course, SESSION_STATE[state], day) if state in SESSION_STATE else None
                for case in chunk:
                    requests.append(
                        TrainingRequest(
                            case=case,
                            course=course,
                            organization=agency,
                            # bulk_create skips TrainingRequest.save(), which copies it when a request is filed.
                            province_id=agency.province_id,
                            session=session,
                            receipt_number=f"{agency.pk}{case.pk:08d}",
                            receipt_amount=course.tuition * 5,
                            receipt_date=day - dt.timedelta(days=3),
                        )
                    )
        batch.flush_sessions()
        TrainingRequest.objects.bulk_create(requests, batch_size=BATCH)
        rows += len(requests)
        # The agency's people spread over its requests: the first `extra` requests take one more.
        each, extra = divmod(people, len(requests))
        for i, request in enumerate(requests):
            for _ in range(each + (i < extra)):
                learner_number += 1
                batch.learner(request, learner_number)
        completed = [r for r in requests if r.case.state == "completed"]
        CourseEvaluation.objects.bulk_create(
            [
                CourseEvaluation(
                    request=r, syllabus=5, instructor=4, venue=4, usefulness=5, filled_by=officer
                )
                for r in completed
            ],
            batch_size=BATCH,
        )
        SatisfactionSurvey.objects.bulk_create(
            [
                SatisfactionSurvey(request=r, satisfaction=4, timeliness=5, desk=4, filled_by=officer)
                for r in completed
            ],
            batch_size=BATCH,
        )
        rows += 2 * len(completed) + batch.flush_learners()
    return rows + batch.written


class _Batch:
    """Sessions, meetings, learners, absences and certificates written a few thousand rows at a time."""

    def __init__(self, ctx: Context, expert):
        self.ctx, self.expert = ctx, expert
        self.sessions, self.learners, self.written = [], [], 0
        self.sample = None
        self.codes: set[str] = set()

    def session(self, course, state: str, day: dt.date):
        from apps.training.models import CourseSession

        starts = day + dt.timedelta(days=7)
        session = CourseSession(
            course=course,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=2),
            place="سالن آموزش سازمان",
            mode=course.mode,
            instructor=("دکتر نرگس کاظمی", "مهندس امید رحیمی")[course.pk % 2],
            state=state,
            created_by=self.expert,
        )
        if state == CourseSession.State.CERTIFIED:
            session.certified_by = self.expert
            session.certified_at = dt.datetime.combine(starts, dt.time(9), tzinfo=dt.UTC) + dt.timedelta(
                days=4
            )
        self.sessions.append(session)
        return session

    def flush_sessions(self) -> None:
        from apps.training.models import CourseSession, Meeting

        self.ctx.record_cases(
            "training.session",
            self.sessions,
            owner=self.ctx.world.province,
            creator=self.expert,
            title=lambda session: f"اجرای دوره «{session.course.title}»",
        )
        CourseSession.objects.bulk_create(self.sessions, batch_size=BATCH)
        meetings = []
        for session in self.sessions:
            hours = (Decimal(session.course.hours) / MEETINGS).quantize(Decimal("0.01"))
            session.meeting_list = [
                Meeting(session=session, number=n, hours=hours) for n in range(1, MEETINGS + 1)
            ]
            meetings += session.meeting_list
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.written += 2 * len(self.sessions) + len(meetings)
        self.sessions = []

    def learner(self, request, number: int) -> None:
        from apps.core.national_id import national_id_with_checksum
        from apps.training.models import EmploymentType, Learner
        from apps.training.rules import learner_passes

        session = request.session
        state = session.state if session else ""
        absent = state in ("announced", "held", "examined", "certified") and number % ABSENT_EVERY == 0
        learner = Learner(
            request=request,
            organization=request.organization,
            full_name=f"{FIRST[number % len(FIRST)]} {LAST[(number * 7) % len(LAST)]}",
            national_id=national_id_with_checksum(f"{(400_000_000 + number * 7919) % 10**9:09d}"),
            employment_type=EmploymentType.values[number % 3],
            post="کارشناس",
            education="کارشناسی",
            mobile=f"0913{number % 10**7:07d}",
            absent_hours=session.meeting_list[0].hours if absent else Decimal(0),
        )
        learner.absent = absent
        if state in ("examined", "certified"):
            learner.score = Decimal(40 + (number * 7) % 61)
            learner.passed = learner_passes(
                score=learner.score, absent_hours=learner.absent_hours, course_hours=request.course.hours
            )
        self.learners.append(learner)

    def flush_learners(self) -> int:
        from apps.training.models import Absence, Learner

        self._certificates([x for x in self.learners if x.passed and x.request.session.state == "certified"])
        Learner.objects.bulk_create(self.learners, batch_size=BATCH)
        absences = [
            Absence(meeting=x.request.session.meeting_list[0], learner=x) for x in self.learners if x.absent
        ]
        Absence.objects.bulk_create(absences, batch_size=BATCH)
        written = len(self.learners) + len(absences)
        self.learners = []
        return written

    def _certificates(self, learners) -> None:
        """One real PDF per run (the first), then a document row per learner sharing its file."""
        from apps.documents.models import IssuedDocument, new_verification_code
        from apps.training.documents import CERTIFICATE, certificate_issue

        if not learners:
            return
        if self.sample is None:
            first = learners.pop(0)
            first.certificate = self.sample = certificate_issue(
                learner=first, session=first.request.session, actor=self.expert
            )
            self.sample_sha = hashlib.sha256(self.sample.file.read()).hexdigest()
            self.written += 1
        documents = []
        for learner in learners:
            code = new_verification_code()
            while code in self.codes:
                code = new_verification_code()
            self.codes.add(code)
            session, course = learner.request.session, learner.request.course
            learner.certificate = IssuedDocument(
                kind=CERTIFICATE,
                title=f"گواهی‌نامه دوره «{course.title}»",
                verification_code=code,
                holder_name=learner.full_name,
                holder_national_id=learner.national_id,
                owner=self.expert.organization,
                case=learner.request.case,
                file=self.sample.file.name,
                sha256=self.sample_sha,
                summary=[
                    {"label": "دوره", "value": course.title},
                    {"label": "ساعت آموزشی", "value": str(course.hours)},
                    {"label": "دستگاه", "value": learner.organization.name},
                ],
                issued_by=self.expert,
                issued_at=session.certified_at,
            )
            documents.append(learner.certificate)
        IssuedDocument.objects.bulk_create(documents, batch_size=BATCH)
        for learner in learners:
            learner.certificate_id = learner.certificate.pk
        self.written += len(documents)


@login_required
def request_list(request):
    requests = selectors.request_list_for_user(user=request.user)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/_request_rows.html", {"page": page})


urlpatterns = [path("bench/bare/training/requests/", request_list, name="bench_bare_training_requests")]

PAGES = [
    Page(
        "training-requests",
        "/training/requests/",
        "/bench/bare/training/requests/",
        "trainer",
        "training",
        'data-testid="request-table"',
    ),
]
