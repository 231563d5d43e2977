"""A recruitment round is an organization record seen within an agency only by the agencies with job-locations
in it and by its venues' supervisors: its steps move on those agencies, its province's staff and those who
read across, and every other agency's and province's kept lists stay kept (real Redis, as deployed). And a
decree's expiry reminder, claimed by a task with a statement no signal names, moves on only its agency. An
evaluation cycle is seen by every agency of its province: its steps move on those agencies and its province's
staff, and leave another province's kept lists kept."""

import datetime as dt

import pytest

from apps.accounts.permissions import visible
from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.core import freshness
from apps.core.jalali import today
from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14)
from apps.core.tests.test_freshness_managers import desks  # noqa: F401  (each reader's kept appointments)
from apps.evaluation import services as evaluation_services
from apps.evaluation.models import Cycle
from apps.managers.models import Decree
from apps.managers.rules import EXPIRY_WARNING_DAYS
from apps.managers.tasks import decrees_expiry_remind_task
from apps.managers.tests import conftest as managers
from apps.recruitment.models import Round, Venue
from apps.recruitment.permissions import ROUND, VENUE
from apps.recruitment.services import rounds, supervisors
from apps.recruitment.tests import conftest as recruitment
from apps.recruitment.tests.conftest import national_id, png_upload, results_rows

pytestmark = pytest.mark.django_db(transaction=True)

new_round, announced_round = recruitment.new_round, recruitment.announced_round
drive, head, hr, secretary, post, make_profile, other_head = (
    managers.drive,
    managers.head,
    managers.hr,
    managers.secretary,
    managers.post,
    managers.make_profile,
    managers.other_head,
)


@pytest.fixture
def people(agency_officer, org_expert, national_officer, fars):
    """The round's agency's officer, an officer and a supervisor of agencies of the province with no
    job-location in it, the province's expert, the national officer and the second province's people."""
    outside = OrganizationFactory(code="103", name="اداره کل راه و شهرسازی استان خوزستان")
    supervising = OrganizationFactory(code="104", name="اداره کل بهزیستی استان خوزستان")
    return {
        "A": agency_officer,
        "C": UserFactory(organization=outside, roles=[Role.AGENCY_OFFICER], username="thirdofficer"),
        # On the roster by national ID only, as the venue's page finds its supervisors.
        "supervisor": UserFactory(
            organization=supervising,
            roles=[Role.SUPERVISOR],
            username="supervisor",
            national_id=national_id(900),
        ),
        "expert": org_expert,
        "national": national_officer,
        "fars expert": fars["expert"],
        "fars officer": fars["officer"],
    }


@pytest.fixture
def looks(people):
    """Each person's kept view of the rounds and venues they may see, and whose was read afresh."""
    reads = []

    def seen(user):
        def read():
            reads.append(user.username)
            return (
                sorted(visible(Round.objects.all(), user, kind_name=ROUND).values_list("title", "stage")),
                sorted(
                    visible(Venue.objects.all(), user, kind_name=VENUE).values_list("name", "round__stage")
                ),
            )

        return freshness.kept(("rounds and venues", str(user.pk)), read, reader=user)

    def look():
        reads.clear()
        shown = {name: seen(user) for name, user in people.items()}
        return shown, {name for name, user in people.items() if user.username in reads}

    return look


@pytest.fixture
def reported_round(announced_round, org_expert, people):
    """Announced, its venue's supervisor (on the roster by national ID) nominated, its report filed, sent."""
    venue = announced_round.venues.get()
    person = supervisors.supervisor_add(
        actor=org_expert, full_name="زهرا کریمی", national_id=national_id(900), photo=png_upload()
    )
    supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=person)
    rounds.exam_report_file(actor=org_expert, venue=venue, present=450, absent=50, incidents="")
    rounds.round_reports_send(actor=org_expert, round_=announced_round)
    announced_round.refresh_from_db()
    return announced_round, person


def test_a_rounds_step_moves_on_its_agencies_supervisors_and_province_only(
    looks, new_round, national_officer, org_expert
):
    assert freshness.reader_province(org_expert) == new_round.province_id
    looks()

    rounds.round_announce(
        actor=national_officer,
        round_=new_round,
        exam_date=today() + dt.timedelta(days=10),
        supervisors_requested=2,
    )
    shown, readers = looks()
    assert readers == {"A", "expert", "national"}
    assert shown["A"][0] == [(new_round.title, Round.Stage.ANNOUNCED)]
    assert shown["C"][0] == [] and shown["fars officer"][0] == [] and shown["fars expert"][0] == []


def test_a_rounds_step_moves_on_the_supervisors_of_its_venues_wherever_they_work(
    looks, reported_round, national_officer, org_expert
):
    round_, person = reported_round
    rounds.results_publish(actor=national_officer, round_=round_, rows=results_rows())
    looks()

    rounds.panel_create(
        actor=org_expert,
        round_=round_,
        title="هیئت یک",
        date=today(),
        place="سالن اجتماعات",
        supervisor=person,
    )
    shown, readers = looks()
    assert readers == {"A", "supervisor", "expert", "national"}
    assert shown["supervisor"][1] == [("دانشگاه شهید چمران", Round.Stage.INTERVIEWS)]


def test_a_decrees_expiry_reminder_claimed_by_a_task_moves_on_only_its_agency(desks, drive):  # noqa: F811
    drive("appointed")
    decree = Decree.objects.get()
    Decree.objects.filter(pk=decree.pk).update(valid_until=today() + dt.timedelta(days=EXPIRY_WARNING_DAYS))
    read_all, reads = desks
    read_all()

    assert decrees_expiry_remind_task() == 1
    read_all()
    assert sorted(reads) == ["A", "expert"]
    assert Decree.objects.get(pk=decree.pk).expiry_notified_at is not None


@pytest.fixture
def cycle_looks(agency_officer, other_officer, org_expert, national_officer, fars):
    """Each person's kept view of the cycles they may see with their calendars, and whose was read afresh."""
    people = {
        "A": agency_officer,
        "B": other_officer,
        "expert": org_expert,
        "national": national_officer,
        "fars expert": fars["expert"],
        "fars officer": fars["officer"],
    }
    reads = []

    def seen(user):
        def read():
            reads.append(user.username)
            cycles = visible(Cycle.objects.all(), user, kind_name="evaluation.cycle")
            return sorted(cycles.values_list("title", "phase", "calendar__ends_on", "indices__code"))

        return freshness.kept(("cycles", str(user.pk)), read, reader=user)

    def look():
        reads.clear()
        shown = {name: seen(user) for name, user in people.items()}
        return shown, {name for name, user in people.items() if user.username in reads}

    return look


def test_an_evaluation_cycles_steps_move_on_every_agency_of_its_province_and_no_other_province(
    cycle_looks, org_expert
):
    # (The second province's officer, granted its province's cycles, reads within their agency: kept below.)
    cycle_looks()

    cycle = evaluation_services.cycle_create(
        actor=org_expert,
        year=1404,
        title="ارزیابی عملکرد ۱۴۰۴",
        circular_number="940121",
        circular_date=today() - dt.timedelta(days=10),
        self_assessment_deadline=today() + dt.timedelta(days=10),
    )
    shown, readers = cycle_looks()
    assert readers == {"A", "B", "expert", "national"}
    assert {title for title, *_ in shown["A"]} == {cycle.title} and shown["fars officer"] == []

    last = cycle.calendar.order_by("starts_on").last()
    evaluation_services.cycle_calendar_update(
        actor=org_expert, cycle=cycle, phases={last.pk: (last.starts_on, last.ends_on + dt.timedelta(days=5))}
    )
    shown, readers = cycle_looks()
    assert readers == {"A", "B", "expert", "national"}
    assert (cycle.title, Cycle.Phase.SETUP, last.ends_on + dt.timedelta(days=5), None) in shown["B"]

    evaluation_services.index_create(
        actor=org_expert,
        cycle=cycle,
        code="G-01",
        title="دولت الکترونیک",
        kind="general",
        max_score=60,
        weight=2,
        evidence_required=False,
    )
    shown, readers = cycle_looks()
    assert readers == {"A", "B", "expert", "national"}
    assert "G-01" in {code for *_, code in shown["A"]}
