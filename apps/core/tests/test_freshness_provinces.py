"""A province's Organization reads within its province: a write in one of its agencies moves its staff's kept
lists on, and leaves every other province's staff's kept (real Redis, as deployed); national roles read across."""

import pytest
from django.db import transaction

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core import freshness
from apps.core.tests import test_freshness_agencies as agencies
from apps.core.tests.test_freshness_agencies import redis_cache, request_of  # noqa: F401  (Redis db 14)
from apps.notifications.services import notify_users
from apps.workflow.models import Case
from apps.workflow.services import case_open
from apps.workflow.tests.conftest import REVIEW
from apps.workflow.tests.service_table import test_service_table  # noqa: F401  (the "test" service's rows)

pytestmark = pytest.mark.django_db(transaction=True)

# Each person's kept list of the cases they may see (of this module's `people`), and whose were read afresh.
lists = agencies.lists


@pytest.fixture
def people(agency_officer, org_expert, national_officer, fars):
    return {
        "A": agency_officer,
        "expert": org_expert,
        "national": national_officer,
        "fars expert": fars["expert"],
        "fars officer": fars["officer"],
    }


def test_the_organizations_staff_read_within_their_province_and_national_roles_across(people, province):
    assert freshness.reader_province(people["expert"]) == province.province_id
    assert freshness.reader_province(people["fars expert"]) == people["fars expert"].organization.province_id
    assert freshness.reader_province(people["national"]) is None
    assert freshness.reader_agency(people["national"]) is None
    # An agency's person reads within their agency, not their province.
    assert freshness.reader_province(people["A"]) is None


def test_the_deputy_who_follows_the_outbox_reads_across(province, management_unit):
    # The outbox is read only by those who read across, so whoever is granted it does.
    deputy = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_DEPUTY])
    assert freshness.reader_province(deputy) is None


def test_a_write_in_one_provinces_agency_leaves_the_other_provinces_lists_kept(lists, people):
    read_all, reads = lists
    case = case_open(
        process_name=REVIEW.name, owner=people["A"].organization, actor=people["A"], title="پرونده خوزستان"
    )
    read_all()

    with request_of(people["A"]), transaction.atomic():
        row = Case.objects.get(pk=case.pk)
        row.title = "پرونده خوزستان ویرایش‌شده"
        row.save(update_fields=["title"])
    shown = read_all()

    assert sorted(reads) == ["A", "expert", "national"]
    assert shown["expert"] == ["پرونده خوزستان ویرایش‌شده"]
    assert shown["fars expert"] == []


def test_a_case_filed_in_the_other_province_reaches_its_staff_alone(lists, people):
    read_all, reads = lists
    read_all()
    case_open(
        process_name=REVIEW.name,
        owner=people["fars officer"].organization,
        actor=people["fars officer"],
        title="پرونده فارس",
    )
    shown = read_all()
    assert sorted(reads) == ["fars expert", "fars officer", "national"]
    assert shown["fars expert"] == ["پرونده فارس"] and shown["expert"] == []


def test_a_message_to_a_provinces_staff_moves_on_only_their_province(people):
    reads = []

    def inbox(user):
        def read():
            reads.append(user.username)
            return user.inbox.count()

        return freshness.kept(("inbox", str(user.pk)), read, reader=user)

    inbox(people["expert"]), inbox(people["fars expert"])
    reads.clear()
    with transaction.atomic():
        notify_users(users=[people["fars expert"]], subject="پیام", body="متن")
    assert (inbox(people["expert"]), inbox(people["fars expert"])) == (0, 1)
    assert reads == ["farsexpert"]


def test_a_shared_tables_write_still_empties_every_provinces_lists(lists, people):
    read_all, reads = lists
    read_all()
    UserFactory(username="newcomer")  # a person's account: a shared table
    read_all()
    assert sorted(reads) == sorted(people)
