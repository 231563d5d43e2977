"""Fixtures of the calendars' tests: the training group, an employee with a national ID, and sessions,
cases, rounds and cycles made on given days."""

import datetime as dt

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.core.jalali import today
from apps.training.models import Category, Course, CourseSession, Learner, Mode, TrainingRequest
from apps.workflow.services import case_open


@pytest.fixture
def training_expert(province):
    unit = OrgUnitFactory(organization=province, code="training", name="گروه آموزش و توانمندسازی")
    return UserFactory(organization=province, unit=unit, roles=[Role.ORG_EXPERT], username="trainer")


@pytest.fixture
def employee(agency):
    return UserFactory(organization=agency, roles=[Role.LEARNER], username="learner")


@pytest.fixture
def other_employee(other_agency):
    return UserFactory(organization=other_agency, roles=[Role.LEARNER], username="otherlearner")


@pytest.fixture
def course(province):
    return Course.objects.create(
        province_id=province.province_id,
        year=1405,
        title="مهارت‌های ارتباطی",
        category=Category.MANAGEMENT,
        syllabus="ارتباط مؤثر",
        hours=20,
        tuition=1_000_000,
        planned_month=3,
        mode=Mode.IN_PERSON,
        venue="سالن آموزش",
        capacity=40,
    )


@pytest.fixture
def session_for(course, training_expert):
    """A session on [starts_on, ends_on] whose learners are `people` of `officer`'s agency."""

    def _session(officer, *, starts_on=None, ends_on=None, people=(), place="سالن آموزش", **extra):
        starts_on = starts_on or today()
        session = CourseSession.objects.create(
            course=course,
            starts_on=starts_on,
            ends_on=ends_on or starts_on,
            place=place,
            mode=extra.pop("mode", Mode.IN_PERSON),
            instructor=extra.pop("instructor", "دکتر کاظمی"),
            created_by=training_expert,
            **extra,
        )
        case = case_open(
            process_name="training.request", owner=officer.organization, actor=officer, title=course.title
        )
        request = TrainingRequest.objects.create(
            case=case,
            course=course,
            organization=officer.organization,
            session=session,
            receipt_number=f"R{session.pk}",
            receipt_amount=course.tuition,
            receipt_date=today(),
        )
        for n, person in enumerate(people):
            Learner.objects.create(
                request=request,
                organization=officer.organization,
                full_name=person.get_full_name(),
                national_id=person.national_id,
                employment_type="official",
                post="کارشناس",
                education="کارشناسی",
                mobile=f"0912000{n:04d}",
            )
        return session

    return _session


def days_after(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)
