"""The other services' events and the timeline page: a recruitment round's exam day and venues to whom the
table shows them (a supervisor their own venue, as theirs), an evaluation cycle's phases and deadlines to
its parties and to nobody else."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.calendars.registry import events_for
from apps.evaluation.models import Cycle, CyclePhaseDate
from apps.recruitment.models import JobQuota, Nomination, Round, Supervisor, Venue

from .conftest import days_after

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_round(province, agency):
    round_ = Round.objects.create(
        province_id=province.province_id, code="1405-1", title="آزمون مشترک ۱۴۰۵", exam_date=days_after(5)
    )
    JobQuota.objects.create(
        round=round_, agency=agency, job_code="J1", job_title="کارشناس", city="اهواز", posts=2
    )
    return round_


@pytest.fixture
def venues(exam_round):
    return [
        Venue.objects.create(round=exam_round, name=name, address=f"اهواز، {name}", capacity=300)
        for name in ("دانشگاه شهید چمران", "دانشگاه آزاد")
    ]


@pytest.fixture
def supervisor(agency, venues):
    user = UserFactory(organization=agency, roles=[Role.SUPERVISOR], username="supervisor")
    on_roster = Supervisor.objects.create(full_name="زهرا کریمی", national_id=user.national_id, user=user)
    Nomination.objects.create(
        venue=venues[0], supervisor=on_roster, card_number="C1", valid_until=days_after(30)
    )
    return user


def uids(user, **names) -> dict:
    return {e.uid: e for e in events_for(user, days_after(-40), days_after(60), **names)}


def test_the_management_group_sees_the_exam_day_and_every_venue(org_expert, exam_round, venues):
    found = uids(org_expert)
    assert f"recruitment.exam.{exam_round.pk}" in found
    assert {f"recruitment.venue.{v.pk}" for v in venues} <= set(found)
    assert found[f"recruitment.venue.{venues[0].pk}"].place == "اهواز، دانشگاه شهید چمران"


def test_an_agency_sees_its_rounds_exam_day_but_not_the_venues(agency_officer, exam_round, venues):
    found = uids(agency_officer)
    assert f"recruitment.exam.{exam_round.pk}" in found
    assert not any(uid.startswith("recruitment.venue.") for uid in found)


def test_a_supervisor_sees_only_their_own_venue_as_theirs(supervisor, venues):
    found = uids(supervisor)
    mine = found[f"recruitment.venue.{venues[0].pk}"]
    assert mine.mine and mine.starts_on == days_after(5)
    assert f"recruitment.venue.{venues[1].pk}" not in found


def test_an_employee_sees_nothing_of_recruitment(employee, exam_round, venues):
    assert not any(uid.startswith("recruitment.") for uid in uids(employee))


@pytest.fixture
def cycle(province):
    cycle = Cycle.objects.create(
        province_id=province.province_id,
        year=1404,
        title="ارزیابی عملکرد ۱۴۰۴",
        circular_number="940121",
        circular_date=days_after(-10),
        self_assessment_deadline=days_after(10),
    )
    CyclePhaseDate.objects.create(
        cycle=cycle, title="خودارزیابی دستگاه‌ها", starts_on=days_after(-2), ends_on=days_after(10)
    )
    CyclePhaseDate.objects.create(
        cycle=cycle, title="ارزیابی ارزیابان", starts_on=days_after(11), ends_on=days_after(30)
    )
    return cycle


def test_an_agency_sees_the_cycles_phases_and_its_deadline(agency_officer, cycle):
    found = uids(agency_officer, names=["evaluation"])
    assert f"evaluation.self_assessment.{cycle.pk}" in found
    assert sum(uid.startswith("evaluation.phase.") for uid in found) == 2


def test_the_timeline_page_shows_the_cycles_phases_with_dates_and_the_current_one(
    login, agency_officer, cycle
):
    response = login(agency_officer).get(reverse("calendars:timelines"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "ارزیابی عملکرد ۱۴۰۴" in body and "خودارزیابی دستگاه‌ها" in body and "ارزیابی ارزیابان" in body
    assert body.count('data-testid="phase"') == 2
    assert body.count('aria-current="step"') == 1
    assert "مرحله جاری" in body


def test_an_employee_has_no_cycle_on_the_timeline_page(login, employee, cycle):
    response = login(employee).get(reverse("calendars:timelines"))
    assert response.status_code == 200
    assert "ارزیابی عملکرد ۱۴۰۴" not in response.content.decode()
    assert not any(uid.startswith("evaluation.") for uid in uids(employee))
