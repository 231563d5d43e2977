"""Service C's managers' database is an agency table with shared rows (apps/managers/apps.py): a profile an
agency's HR adds or edits leaves every other agency's kept lists kept, while a profile published to the
national pool, or taken out of it, or edited while in it, is shown at once to every agency's HR reading the
pool. The rest of the service is its agency's too: an appointment's steps, its decree and the decree's life
leave every other agency's kept lists kept (real Redis, as deployed)."""

from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core import freshness
from apps.core.tests import test_freshness_services as services
from apps.core.tests.test_freshness_agencies import redis_cache, request_of  # noqa: F401  (Redis db 14)
from apps.core.tests.test_freshness_services import readers_of, signed_in
from apps.managers import selectors
from apps.managers.models import Decree, ManagerProfile
from apps.managers.services import council as council_services
from apps.managers.services import decrees as decree_services
from apps.managers.services import profiles as profile_services
from apps.managers.tests import conftest as managers
from apps.workflow.models import Case
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db(transaction=True)

# Whose blocks of which page were read from the database.
computed = services.computed
# An agency's appointment driven to a step, by its head, HR and council's secretary; another agency's head.
drive, head, hr, secretary, post, make_profile, other_head = (
    managers.drive,
    managers.head,
    managers.hr,
    managers.secretary,
    managers.post,
    managers.make_profile,
    managers.other_head,
)

PROFILE = {"father_name": "علی", "highest_degree": "master", "bachelor_field": "مدیریت دولتی"}


@pytest.fixture
def people(agency, other_agency, org_expert):
    return {
        "A": UserFactory(organization=agency, roles=[Role.AGENCY_HR], username="hr101"),
        "B": UserFactory(organization=other_agency, roles=[Role.AGENCY_HR], username="hr102"),
        "expert": org_expert,
    }


@pytest.fixture
def pools(people):
    """Each person's kept view of the national pool, and whose were read from the database."""
    reads = []

    def shown(name):
        user = people[name]

        def read():
            reads.append(name)
            return sorted(r["full_name"] for r in selectors.pool_list(user=user, filters={}))

        return freshness.kept(("pool", str(user.pk)), read, reader=user)

    def read_all():
        reads.clear()
        return {name: shown(name) for name in people}

    return read_all, reads


def profile_of(hr, name: str, **extra) -> ManagerProfile:
    return profile_services.profile_save(actor=hr, data={"full_name": name, **PROFILE, **extra})


def test_the_pool_grant_leaves_each_agencys_hr_reading_within_their_agency(people):
    assert freshness.reader_agency(people["A"]) == people["A"].organization_id
    assert freshness.reader_agency(people["B"]) == people["B"].organization_id
    assert freshness.reader_agency(people["expert"]) is None


def test_a_profile_added_in_one_agency_leaves_the_others_lists_kept(computed, pools, people):
    profile_of(people["B"], "بهرام بهاری")
    clients = signed_in(**people)
    url = reverse("managers:profile_list")
    for client in clients.values():
        client.get(url)
    read_pools, pool_reads = pools
    read_pools()
    computed.clear()

    response = clients["A"].post(
        "/api/managers/profiles", {"full_name": "آرش امیری", **PROFILE}, content_type="application/json"
    )

    assert response.status_code == 201, response.content
    bodies = {name: client.get(url).content.decode() for name, client in clients.items()}
    # The writer's agency and the province's group, who read across, read afresh; the other agency's kept.
    assert readers_of(computed, "profile_list.html") == {"hr101", "expert"}
    assert "آرش امیری" in bodies["A"] and "آرش امیری" in bodies["expert"]
    assert "آرش امیری" not in bodies["B"] and "بهرام بهاری" in bodies["B"]
    read_pools()
    assert sorted(pool_reads) == ["A", "expert"]


def test_an_unpublished_profile_edited_in_one_agency_leaves_the_others_pool_kept(pools, people):
    profile = profile_of(people["A"], "آرش امیری")
    read_pools, reads = pools
    read_pools()
    with request_of(people["A"]):
        profile_services.profile_save(actor=people["A"], profile=profile, data={"full_name": "آرش امیرخانی"})
    read_pools()
    assert sorted(reads) == ["A", "expert"]


def test_publishing_editing_and_withdrawing_a_pooled_profile_shows_at_once_to_other_agencies(pools, people):
    profile = profile_of(people["A"], "آرش امیری")
    read_pools, reads = pools
    assert read_pools()["B"] == []
    client = signed_in(B=people["B"])["B"]
    pool_page = reverse("managers:pool_list")

    with request_of(people["A"]):
        profile_services.profile_publish(actor=people["A"], profile=profile, published=True)
    assert read_pools()["B"] == ["آرش امیری"]
    assert "آرش امیری" in client.get(pool_page).content.decode()

    with request_of(people["A"]):
        profile_services.profile_save(actor=people["A"], profile=profile, data={"full_name": "آرش امیرخانی"})
    assert read_pools()["B"] == ["آرش امیرخانی"]
    assert "آرش امیرخانی" in client.get(pool_page).content.decode()

    # Withdrawn: shared before the write, not after it.
    stale = ManagerProfile.objects.get(pk=profile.pk)
    with request_of(people["A"]):
        profile_services.profile_publish(actor=people["A"], profile=stale, published=False)
    assert read_pools()["B"] == []
    assert "آرش امیرخانی" not in client.get(pool_page).content.decode()
    # Out of the pool again, its edits are its agency's alone.
    read_pools()
    with request_of(people["A"]):
        profile_services.profile_save(actor=people["A"], profile=stale, data={"full_name": "آرش امیری"})
    read_pools()
    assert sorted(reads) == ["A", "expert"]


def test_an_edit_from_a_stale_copy_of_a_pooled_profile_empties_every_agencys_pool(pools, people):
    """The row as committed says whether it was shared, not the copy the writer holds."""
    profile = profile_of(people["A"], "آرش امیری")
    stale = ManagerProfile.objects.get(pk=profile.pk)
    profile_services.profile_publish(actor=people["A"], profile=profile, published=True)
    read_pools, reads = pools
    assert read_pools()["B"] == ["آرش امیری"]
    with request_of(people["A"]):
        # The copy read before it was published takes it out of the pool as it saves.
        profile_services.profile_save(actor=people["A"], profile=stale, data={"full_name": "آرش امیرخانی"})
    assert read_pools()["B"] == []
    assert sorted(reads) == ["A", "B", "expert"]


def test_profiles_written_with_no_signal_by_an_agencys_hr_empty_every_agencys_pool(pools, people):
    profile = profile_of(people["A"], "آرش امیری")
    read_pools, reads = pools
    read_pools()
    with request_of(people["A"]), transaction.atomic():
        ManagerProfile.objects.filter(pk=profile.pk).update(published_to_pool=True)
    assert read_pools()["B"] == ["آرش امیری"]
    assert sorted(reads) == ["A", "B", "expert"]


def test_a_job_record_of_a_profile_moves_on_only_its_agency(pools, people):
    profile = profile_of(people["A"], "آرش امیری")
    read_pools, reads = pools
    read_pools()
    with request_of(people["A"]):
        profile_services.job_record_add(
            actor=people["A"],
            profile=profile,
            data={
                "title": "رئیس اداره",
                "agency_name": "استانداری",
                "started_on": "2020-01-01",
                "months": 24,
            },
        )
    read_pools()
    assert sorted(reads) == ["A", "expert"]


@pytest.fixture
def desks(head, other_head, org_expert):
    """Each reader's kept view of the appointments and decrees they may see, and whose were read afresh."""
    readers = {"A": head, "B": other_head, "expert": org_expert}
    reads = []

    def shown(name):
        user = readers[name]

        def read():
            reads.append(name)
            cases = Case.objects.visible_to(user).filter(process__startswith="managers.")
            decrees = selectors.decree_list_for_user(user=user, filters={})
            return {
                "cases": sorted(cases.values_list("process", "state")),
                "decrees": sorted(decrees.values_list("status", flat=True)),
            }

        return freshness.kept(("managers-desk", str(user.pk)), read, reader=user)

    def read_all():
        reads.clear()
        return {name: shown(name) for name in readers}

    return read_all, reads


def test_an_appointments_council_and_decree_steps_move_on_only_its_agency(desks, drive, head, secretary):
    case = drive("council")
    nomination = case.nomination
    read_all, reads = desks
    read_all()

    def session():
        council_services.session_record(
            actor=secretary,
            nomination=nomination,
            number="1405-30",
            held_on=case.created_at.date(),
            attendees=[{"name": "رئیس شورا", "position": "رئیس"}],
            superior_invited=False,
        )

    def scores():
        for n, candidate in enumerate(nomination.candidates.all()):
            general = {k: v + n for k, v in managers.GENERAL_SEVENS.items()}
            council_services.candidate_score(
                actor=secretary, candidate=candidate, general=general, specific=[]
            )

    steps = {
        "the council's session": (secretary, session),
        "Form 4's scores": (secretary, scores),
        "the council's decision": (
            secretary,
            lambda: perform(
                Case.objects.get(pk=case.pk), "decide", actor=secretary, reason="شایسته‌ترین نامزد."
            ),
        ),
        "the decree, its document and its lifecycle's case": (
            head,
            lambda: decree_services.decree_issue(actor=head, case=case),
        ),
    }
    for step, (actor, write) in steps.items():
        with request_of(actor):
            write()
        shown = read_all()
        assert sorted(reads) == ["A", "expert"], step
    assert shown["A"]["decrees"] == shown["expert"]["decrees"] == ["active"]
    assert ("managers.appointment", "appointed") in shown["A"]["cases"]
    assert shown["B"] == {"cases": [], "decrees": []}


def test_a_decrees_evaluation_and_its_replacement_with_the_notice_move_on_only_its_agency(desks, drive, head):
    drive("appointed")
    decree = Decree.objects.get()
    read_all, reads = desks
    read_all()

    with request_of(head):
        decree_services.evaluation_record(actor=head, decree=decree, year=1405, score=Decimal("85"))
    read_all()
    assert sorted(reads) == ["A", "expert"]

    # The lifecycle's step: the decree's status follows its case, and the notice to the council is issued.
    with request_of(head):
        decree_services.decree_replace_in_probation(
            actor=head, decree=decree, notice="جابه‌جایی مدیر در شش ماه نخست به دلیل نیاز سازمانی"
        )
    shown = read_all()
    assert sorted(reads) == ["A", "expert"]
    assert shown["A"]["decrees"] == shown["expert"]["decrees"] == ["replaced"]
    assert shown["B"] == {"cases": [], "decrees": []}
