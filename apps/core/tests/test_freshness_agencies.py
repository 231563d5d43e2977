"""A write in one agency leaves every other agency's kept lists kept, and nothing kept is shown stale after a
write that could change it: the writer's agency and those who read across read afresh, and a shared
table, a task, a command or a COPY empties everyone's (real Redis, as deployed)."""

import threading
import uuid
from contextlib import contextmanager

import pytest
from auditlog.context import set_actor
from django.db import transaction
from django.test import Client
from django.urls import reverse

from apps.accounts.auth import DeskBackend
from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind, Role
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.core import freshness
from apps.core.spreadsheets import rows_insert
from apps.notifications.services import notify_users
from apps.training.models import Course
from apps.workflow.models import Case
from apps.workflow.services import case_open, perform
from apps.workflow.tests.conftest import REVIEW
from apps.workflow.tests.service_table import test_service_table  # noqa: F401  (the "test" service's rows)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def redis_cache(settings):
    """Redis db 14 under a prefix of this test's own, removed afterwards."""
    prefix = f"test-freshness-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": prefix,
        }
    }
    settings.KHEDMAT_LIST_CACHE = True
    yield
    from django.core.cache import cache

    client = cache._cache.get_client()
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@contextmanager
def request_of(user):
    """What a request by `user` is to the desk's writes: auditlog's context, between request_started and
    request_finished."""
    freshness._request_opens(None)
    try:
        with set_actor(user):
            yield
    finally:
        freshness._request_ends(None)


@pytest.fixture
def people(agency, other_agency, agency_officer, other_officer, org_expert, national):
    return {"A": agency_officer, "B": other_officer, "expert": org_expert}


@pytest.fixture
def lists(people):
    """Each person's kept list of the cases they may see, and whose lists were read from the database."""
    reads = []

    def shown(name):
        user = people[name]

        def read():
            reads.append(name)
            return sorted(Case.objects.visible_to(user).values_list("title", flat=True))

        return freshness.kept(("cases", str(user.pk)), read, reader=user)

    def read_all():
        reads.clear()
        return {name: shown(name) for name in people}

    return read_all, reads


@pytest.fixture
def cases(agency_officer, other_officer):
    return {
        "A": case_open(
            process_name=REVIEW.name, owner=agency_officer.organization, actor=agency_officer, title="الف"
        ),
        "B": case_open(
            process_name=REVIEW.name, owner=other_officer.organization, actor=other_officer, title="ب"
        ),
    }


def test_who_reads_within_an_agency_and_who_reads_across(people, province, national):
    assert freshness.reader_agency(people["A"]) == people["A"].organization_id
    assert freshness.reader_agency(people["B"]) == people["B"].organization_id
    assert freshness.reader_agency(people["expert"]) is None
    assert freshness.reader_agency(UserFactory(organization=national, roles=[Role.NATIONAL_OFFICER])) is None
    assert (
        freshness.reader_agency(UserFactory(organization=people["A"].organization, is_superuser=True)) is None
    )


def test_a_write_to_an_agencys_case_leaves_other_agencies_lists_kept(lists, cases, people):
    read_all, reads = lists
    read_all()
    with request_of(people["A"]), transaction.atomic():
        Case.objects.filter(pk=cases["A"].pk).update(title="الف ویرایش‌شده")
    shown = read_all()
    assert sorted(reads) == ["A", "expert"]
    assert shown["A"] == ["الف ویرایش‌شده"] and shown["B"] == ["ب"]
    assert "الف ویرایش‌شده" in shown["expert"]


def test_a_step_with_its_audit_row_messages_and_index_stays_in_its_agency(lists, cases, people):
    read_all, reads = lists
    perform(cases["A"], "return", actor=people["expert"], reason="مدارک ناقص است")
    read_all()
    with request_of(people["A"]):
        perform(Case.objects.get(pk=cases["A"].pk), "resubmit", actor=people["A"])
    read_all()
    assert sorted(reads) == ["A", "expert"]


def test_a_write_to_a_shared_table_by_an_agencys_person_empties_everyones(lists, people):
    read_all, reads = lists
    read_all()
    with request_of(people["A"]):
        Course.objects.create(
            province=people["A"].organization.province,
            year=1405,
            title="مهارت‌های ارتباطی",
            category="management",
            syllabus="ارتباط مؤثر",
            hours=20,
            tuition=0,
            planned_month=3,
            mode="in_person",
            venue="سالن آموزش",
            capacity=40,
        )
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]


def test_a_write_with_no_request_behind_it_empties_everyones(lists, cases, people):
    read_all, reads = lists
    # A request has ended on this thread, leaving auditlog's context behind it: the task after it is nobody's.
    with request_of(people["A"]):
        pass
    with set_actor(people["A"]):
        read_all()
        Case.objects.filter(pk=cases["A"].pk).update(title="الف از کار زمان‌بندی‌شده")
        read_all()
    assert sorted(reads) == ["A", "B", "expert"]
    # A worker's thread has no request at all.
    read_all()
    worker = threading.Thread(target=lambda: Case.objects.filter(pk=cases["B"].pk).update(title="ب از کارگر"))
    worker.start()
    worker.join()
    shown = read_all()
    assert sorted(reads) == ["A", "B", "expert"]
    assert shown["B"] == ["ب از کارگر"]


def test_a_rolled_back_write_moves_nothing_on(lists, cases, people):
    read_all, reads = lists
    read_all()
    with pytest.raises(RuntimeError), request_of(people["A"]), transaction.atomic():
        Case.objects.filter(pk=cases["A"].pk).update(title="برگشت‌خورده")
        Course.objects.filter(pk=0).update(title="برگشت‌خورده")
        raise RuntimeError("rolled back")
    shown = read_all()
    assert reads == []
    assert shown["A"] == ["الف"]


def test_rows_copied_in_by_an_agencys_person_empty_everyones(lists, people):
    read_all, reads = lists
    read_all()
    with request_of(people["A"]), transaction.atomic():
        rows_insert(Organization, ["kind", "code", "name"], [(OrgKind.AGENCY, "903", "دستگاه واردشده")])
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]


def test_a_message_moves_on_its_recipients_agency_and_to_the_province_only_those_who_read_across(
    lists, people
):
    read_all, reads = lists
    read_all()
    with request_of(people["A"]):
        notify_users(users=[people["expert"]], subject="پرونده ارسال شد", body="")
    read_all()
    assert sorted(reads) == ["expert"]
    with request_of(people["A"]):
        notify_users(users=[people["B"]], subject="به دستگاه دیگر", body="")
    read_all()
    assert sorted(reads) == ["B", "expert"]


def test_a_person_moved_to_another_agency_reads_their_old_agencys_writes_afresh(people, other_agency):
    moved, reads = people["B"], []

    def filed():
        # Their own cases, which they keep seeing wherever they go.
        def read():
            reads.append(1)
            return sorted(Case.objects.filter(created_by=moved).values_list("title", flat=True))

        return freshness.kept(("filed", str(moved.pk)), read, reader=moved)

    own = case_open(process_name=REVIEW.name, owner=other_agency, actor=moved, title="پرونده پیش از انتقال")
    colleague = UserFactory(organization=other_agency, roles=[Role.AGENCY_OFFICER])
    moved.organization = OrganizationFactory(code="104", name="دستگاه تازه")
    moved.save()
    assert filed() == filed() == ["پرونده پیش از انتقال"]
    with request_of(colleague):
        Case.objects.filter(pk=own.pk).update(title="ویرایش‌شده در دستگاه پیشین")
    assert filed() == ["ویرایش‌شده در دستگاه پیشین"]
    assert len(reads) == 2


def test_what_a_moved_person_writes_empties_everyones(lists, cases, people):
    read_all, reads = lists
    moved = people["B"]
    moved.organization = people["A"].organization
    moved.save()
    read_all()
    with request_of(moved):
        Case.objects.filter(pk=cases["B"].pk).update(title="ویرایش فرد منتقل‌شده")
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]


def test_another_agencys_cartable_stays_kept_while_the_writers_and_the_provinces_show_the_step(
    people, cases, monkeypatch
):
    reads = []
    real = freshness.kept

    def counted(parts, compute, reader=None, **options):
        def compute_counted():
            if "cartable" in parts[0]:
                reads.append(reader.username)
            return compute()

        return real(parts, compute_counted, reader=reader, **options)

    monkeypatch.setattr(freshness, "kept", counted)
    for case in cases.values():
        perform(case, "return", actor=people["expert"], reason="مدارک ناقص است")
    clients = {name: Client() for name in people}
    for name, user in people.items():
        clients[name].force_login(user)
    cartable = reverse("workflow:cartable")
    bodies = {name: client.get(cartable).content.decode() for name, client in clients.items()}
    assert cases["A"].tracking_code in bodies["A"] and cases["B"].tracking_code in bodies["B"]
    reads.clear()
    response = clients["A"].post(
        reverse("workflow:case_act", kwargs={"tracking_code": cases["A"].tracking_code}),
        {"action": "resubmit", "reason": "", "expected_state": ""},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=cases["A"].pk).state == "submitted"
    bodies = {name: client.get(cartable).content.decode() for name, client in clients.items()}
    # The page's lists (the cartable and its panels) are read afresh for the writer and the province alone.
    assert set(reads) == {"expert", "officer"}
    assert cases["A"].tracking_code not in bodies["A"]
    assert cases["A"].tracking_code in bodies["expert"]
    assert cases["B"].tracking_code in bodies["B"]


def test_the_provinces_step_on_an_agencys_case_moves_on_only_that_agency(lists, cases, people):
    # Every row the step writes names its agency (the case's owner), so it does not matter who wrote them.
    read_all, reads = lists
    read_all()
    with request_of(people["expert"]):
        perform(cases["A"], "return", actor=people["expert"], reason="مدارک ناقص است")
    read_all()
    assert sorted(reads) == ["A", "expert"]


def test_a_task_saving_an_agencys_case_moves_on_only_that_agency(lists, cases, people):
    read_all, reads = lists
    read_all()

    def task():
        with transaction.atomic():
            case = Case.objects.get(pk=cases["B"].pk)
            case.title = "ب از کارگر"
            case.save(update_fields=["title"])

    worker = threading.Thread(target=task)
    worker.start()
    worker.join()
    shown = read_all()
    assert sorted(reads) == ["B", "expert"]
    assert shown["B"] == ["ب از کارگر"] and shown["A"] == ["الف"]


def test_rows_no_signal_names_written_by_someone_who_reads_across_empty_everyones(lists, cases, people):
    read_all, reads = lists
    read_all()
    with request_of(people["expert"]), transaction.atomic():
        # A queryset's update names no row: its agency is not known.
        Case.objects.filter(pk=cases["A"].pk).update(title="الف به‌روزشده")
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]


def test_a_write_to_a_case_the_organization_owns_empties_everyones(lists, people, province):
    # A record's own case (a cycle's timeline, a session's) is the Organization's, which people of every
    # agency may see.
    read_all, reads = lists
    own = case_open(process_name=REVIEW.name, owner=province, actor=people["expert"], title="پرونده سازمان")
    read_all()
    with transaction.atomic():
        case = Case.objects.get(pk=own.pk)
        case.title = "پرونده سازمان ویرایش‌شده"
        case.save(update_fields=["title"])
    read_all()
    assert sorted(reads) == ["A", "B", "expert"]


def test_a_shared_value_stays_kept_through_every_agencys_writes_until_a_shared_table_is_written(
    cases, people
):
    reads = []

    def usernames():
        reads.append(1)
        return sorted(User.objects.values_list("username", flat=True))

    freshness.kept(("people",), usernames, shared=True)
    with request_of(people["A"]), transaction.atomic():
        case = Case.objects.get(pk=cases["A"].pk)
        case.title = "الف ویرایش‌شده"
        case.save(update_fields=["title"])
    freshness.kept(("people",), usernames, shared=True)
    assert len(reads) == 1

    UserFactory(username="newcomer")
    assert "newcomer" in freshness.kept(("people",), usernames, shared=True)
    assert len(reads) == 2


def test_a_value_kept_as_shared_that_reads_an_agency_table_is_not_kept(cases, caplog):
    reads = []

    def titles():
        reads.append(1)
        return Case.objects.count()

    freshness.kept(("titles",), titles, shared=True)
    freshness.kept(("titles",), titles, shared=True)
    assert len(reads) == 2
    assert "workflow_case" in caplog.text


def test_the_signed_in_person_is_not_read_again_for_another_agencys_write(
    cases, people, django_assert_num_queries
):
    backend = DeskBackend()
    assert backend.get_user(people["B"].pk) == people["B"]
    with request_of(people["A"]), transaction.atomic():
        case = Case.objects.get(pk=cases["A"].pk)
        case.title = "الف ویرایش‌شده"
        case.save(update_fields=["title"])
    with django_assert_num_queries(0):
        assert backend.get_user(people["B"].pk) == people["B"]
