"""Fixtures of service B's tests: the training group, a calendar course, and requests at any step."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, ProvinceFactory, UserFactory
from apps.core.jalali import to_jalali, today
from apps.core.national_id import national_id_with_checksum
from apps.core.tests.xlsx import xlsx_upload
from apps.core.workdays import WorkCalendar
from apps.training.imports import LearnerImport
from apps.training.models import Category, Course, Learner, Mode
from apps.training.services import requests as request_services
from apps.training.services import sessions as session_services
from apps.workflow.services import perform

PDF = b"%PDF-1.4\n% test\n"
HEADERS = [c.header for c in LearnerImport.columns]


def national_id(n: int) -> str:
    return national_id_with_checksum(f"{310_000_000 + n * 137:09d}")


def learner_rows(start: int, count: int) -> list[list]:
    return [
        [f"فراگیر {n}", national_id(n), "رسمی", "کارشناس", "کارشناسی", f"0912{n:07d}"]
        for n in range(start, start + count)
    ]


def pdf_upload(name: str = "letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def training_unit(province):
    return OrgUnitFactory(organization=province, code="training", name="گروه آموزش و توانمندسازی")


@pytest.fixture
def training_expert(province, training_unit):
    return UserFactory(organization=province, unit=training_unit, roles=[Role.ORG_EXPERT], username="trainer")


@pytest.fixture
def course(db):
    return Course.objects.create(
        province=ProvinceFactory(),
        year=to_jalali(today()).year,
        title="مهارت‌های ارتباطی در محیط کار",
        category=Category.MANAGEMENT,
        syllabus="ارتباط مؤثر؛ مدیریت تعارض",
        hours=20,
        tuition=1_000_000,
        planned_month=3,
        mode=Mode.IN_PERSON,
        venue="سالن آموزش",
        capacity=40,
    )


@pytest.fixture
def file_request(course):
    """Files a request of `count` learners numbered from `start` (distinct numbers: distinct people)."""

    def _file(officer, *, start: int = 0, count: int = 10, on=None):
        return request_services.request_file(
            actor=officer,
            course=on or course,
            receipt_number=f"R{start}",
            receipt_amount=(on or course).tuition * count,
            receipt_date=today(),
            learner_file=xlsx_upload([HEADERS, *learner_rows(start, count)]),
            letter_file=pdf_upload(),
            receipt_file=pdf_upload("receipt.pdf"),
        )

    return _file


@pytest.fixture
def gathered(file_request, training_expert):
    """Requests approved by the training group and waiting for a session."""

    def _gathered(officer, *, start: int = 0, count: int = 10):
        case = file_request(officer, start=start, count=count)
        return perform(case, "approve", actor=training_expert)

    return _gathered


def plan(expert, course, cases, **overrides):
    start = WorkCalendar().next_working_day(today())
    values = {
        "starts_on": start,
        "ends_on": start,
        "place": "سالن آموزش",
        "mode": Mode.IN_PERSON,
        "instructor": "دکتر کاظمی",
        "meetings": 10,
    }
    return session_services.session_plan(
        actor=expert, course=course, requests=[c.training_request for c in cases], **(values | overrides)
    )


@pytest.fixture
def held_session(gathered, course, training_expert, agency_officer):
    """A session of 20 people, announced and finished: the exam is next."""
    case = gathered(agency_officer, count=20)
    session = plan(training_expert, course, [case])
    session_services.session_announce(session=session, actor=training_expert)
    session_services.session_finish(session=session, actor=training_expert)
    return session


@pytest.fixture
def certified_request(held_session, training_expert, django_capture_on_commit_callbacks):
    """Examined and certified, with only two learners passing (few PDFs keep the tests fast); the
    certificate tasks, queued after commit, have run."""
    learners = list(Learner.objects.filter(request__session=held_session).order_by("pk"))
    scores = {x.pk: Decimal(0) for x in learners} | {learners[0].pk: Decimal(60), learners[1].pk: Decimal(95)}
    session_services.scores_record(session=held_session, actor=training_expert, scores=scores)
    session_services.session_examine(session=held_session, actor=training_expert)
    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_certify(session=held_session, actor=training_expert)
    return learners[0].request
