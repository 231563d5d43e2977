"""Service C's test fixtures: an agency's people by role, a post, profiles, and a case driven to any step."""

from decimal import Decimal

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.national_id import national_id_with_checksum
from apps.managers.models import Level, Source
from apps.managers.services import agency as agency_services
from apps.managers.services import council as council_services
from apps.managers.services import decrees as decree_services
from apps.managers.services import nominations as nomination_services
from apps.managers.services import profiles as profile_services
from apps.workflow.services import perform

GENERAL_SEVENS = {
    "planning": 7,
    "organizing": 7,
    "leading": 7,
    "controlling": 7,
    "communication": 7,
    "information": 7,
    "decision": 7,
    "conceptual": 7,
    "human": 7,
    "technical": 7,
}


@pytest.fixture
def head(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_HEAD], username="head101", title="مدیرکل")


@pytest.fixture
def hr(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_HR], username="hr101")


@pytest.fixture
def secretary(agency):
    return UserFactory(organization=agency, roles=[Role.AGENCY_COUNCIL_SECRETARY], username="secretary101")


@pytest.fixture
def council_member(agency):
    return UserFactory(organization=agency, roles=[Role.COUNCIL_MEMBER], username="council101")


@pytest.fixture
def other_head(other_agency):
    return UserFactory(organization=other_agency, roles=[Role.AGENCY_HEAD], username="head102")


@pytest.fixture
def post(head):
    return agency_services.post_save(
        actor=head,
        data={
            "title": "مدیر امور مالی",
            "number": "M-02",
            "level": Level.MIDDLE,
            "unit": "امور مالی",
            "location": "اهواز",
            "job_field": "حسابداری",
            "superior": head,
        },
    )


@pytest.fixture
def make_profile(head):
    counter = iter(range(1, 1000))

    def _make(name="نسرین آزادی", related=80, managing=12, organization_head=None, **extra):
        n = next(counter)
        data = {
            "full_name": name,
            "father_name": "علی",
            "national_id": national_id_with_checksum(f"{400000000 + n * 13:09d}"),
            "highest_degree": "master",
            "bachelor_field": "حسابداری",
            "related_experience_months": related,
            "management_experience_months": managing,
            "general_exam_points": Decimal("70"),
            "mobile": f"0935{n:07d}",
            "address": "اهواز، خیابان نادری",
            **extra,
        }
        return profile_services.profile_save(actor=organization_head or head, data=data)

    return _make


def form3(candidate, **overrides) -> dict:
    data = {
        "bachelor_matches": True,
        "last_degree_confirmed": True,
        "management_course_confirmed": True,
        "master_management_confirmed": False,
        "related_experience_months": candidate.profile.related_experience_months,
        "management_experience_months": candidate.profile.management_experience_months,
        "appraisal_scores": [{"year": 1401 + n, "score": 90} for n in range(4)],
        "performance_scores": [{"year": 1401 + n, "score": 80} for n in range(4)],
    }
    return {**data, **overrides}


@pytest.fixture
def drive(head, hr, secretary, post, make_profile):
    """Opens a nomination for `post` with two nominees and moves it to the step asked for."""
    # Each nomination's council session has its own minutes' number (1405-07, 1405-08, …), as in the
    # agency: a number names one session.
    session_numbers = iter(range(7, 100))

    def _drive(until: str):
        case = nomination_services.nomination_open(actor=head, post=post, proposer_position="مدیرکل")
        nomination = case.nomination
        first = make_profile("نسرین آزادی")
        second = make_profile("بهرام نیک‌نام", related=90, managing=26)
        for priority, profile in enumerate((first, second), start=1):
            nomination_services.candidate_add(
                actor=head, nomination=nomination, profile=profile, source=Source.AGENCY, priority=priority
            )
        if until == "nomination":
            return case
        case = perform(case, "submit", actor=head)
        if until == "hr_check":
            return case
        for candidate in nomination.candidates.all():
            nomination_services.candidate_check(actor=hr, candidate=candidate, data=form3(candidate))
        case = perform(case, "forward", actor=hr)
        if until == "council":
            return case
        council_services.session_record(
            actor=secretary,
            nomination=nomination,
            number=f"1405-{next(session_numbers):02d}",
            held_on=case.created_at.date(),
            attendees=[{"name": "رئیس شورا", "position": "رئیس"}, {"name": "دبیر شورا", "position": "دبیر"}],
            superior_invited=False,
        )
        for n, candidate in enumerate(nomination.candidates.all()):
            general = {k: v + n for k, v in GENERAL_SEVENS.items()}
            council_services.candidate_score(
                actor=secretary, candidate=candidate, general=general, specific=[]
            )
        case = perform(case, "decide", actor=secretary, reason="شایسته‌ترین نامزد.")
        if until == "decree":
            return case
        decree_services.decree_issue(actor=head, case=case)
        case.refresh_from_db()
        return case

    return _drive
