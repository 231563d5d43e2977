"""The search tests' world: two agencies, each with a case, a learner, a manager's profile and a letter, and
one course for all; names written with Arabic letters, a zero-width non-joiner and the like on purpose."""

from dataclasses import dataclass

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.jalali import to_jalali, today
from apps.core.national_id import national_id_with_checksum
from apps.documents.tests.factories import IssuedDocumentFactory
from apps.managers.models import ManagerProfile
from apps.search.services import index_rebuild
from apps.training.models import Category, Course, Learner, Mode, TrainingRequest
from apps.workflow.services import case_open


def national_id(n: int) -> str:
    return national_id_with_checksum(f"{520_000_000 + n * 101:09d}")


@dataclass
class Side:
    """One agency's people and rows."""

    officer: object
    employee: object
    head: object
    case: object
    learner: object
    profile: object
    letter: object


@dataclass
class World:
    ours: Side
    theirs: Side
    course: object
    deputy: object


def _side(agency, n: int, course, *, case_title: str, learner_name: str, profile_name: str) -> Side:
    officer = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])
    employee = UserFactory(organization=agency, roles=[Role.LEARNER], national_id=national_id(n))
    head = UserFactory(organization=agency, roles=[Role.AGENCY_HEAD])
    case = case_open(process_name="support.fault", owner=agency, actor=employee, title=case_title)
    request_case = case_open(
        process_name="training.request", owner=agency, actor=officer, title="درخواست آموزش"
    )
    request = TrainingRequest.objects.create(
        case=request_case,
        course=course,
        organization=agency,
        receipt_number=f"R{n}",
        receipt_amount=course.tuition,
        receipt_date=today(),
    )
    learner = Learner.objects.create(
        request=request,
        organization=agency,
        full_name=learner_name,
        national_id=national_id(n),
        employment_type="official",
        post="کارشناس",
        education="کارشناسی",
        mobile=f"0912{n:07d}",
    )
    profile = ManagerProfile.objects.create(
        organization=agency,
        full_name=profile_name,
        father_name="علی",
        national_id=national_id(n + 50),
        highest_degree="master",
        bachelor_field="حسابداری",
    )
    letter = IssuedDocumentFactory(owner=agency, title=f"نامه به {agency.name}")
    return Side(officer, employee, head, case, learner, profile, letter)


@pytest.fixture
def world(agency, other_agency, province, django_capture_on_commit_callbacks) -> World:
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    # The rows are indexed as the desk indexes them: after each transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        course = Course.objects.create(
            province=province.province,
            year=to_jalali(today()).year,
            # An Arabic yeh and keheh, and a zero-width non-joiner: "مهارت‌های" as some keyboards write it.
            title="مهارت‌هاي ارتباطي در محيط كار",
            category=Category.MANAGEMENT,
            syllabus="ارتباط مؤثر",
            hours=20,
            tuition=1_000_000,
            planned_month=3,
            mode=Mode.IN_PERSON,
            capacity=40,
        )
        ours = _side(
            agency,
            1,
            course,
            case_title="خرابی چاپگر واحد مالي",
            learner_name="علي كريمي",
            profile_name="زهرا رضایی‌نژاد",
        )
        theirs = _side(
            other_agency,
            2,
            course,
            case_title="خرابی چاپگر واحد اداری",
            learner_name="علی کریم‌زاده",
            profile_name="زهرا رضایی‌فر",
        )
    return World(ours=ours, theirs=theirs, course=course, deputy=deputy)


@pytest.fixture
def rebuilt(world) -> World:
    """The same world, indexed again from scratch (as `search_reindex` does)."""
    index_rebuild()
    return world
