"""What is kept for list pages is computed again after every committed write, whoever made it, and never
holds what a transaction wrote and then rolled back."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from apps.accounts.models import ApiToken, Organization, SecurityEvent
from apps.accounts.roles import OrgKind
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.core import freshness
from apps.core.spreadsheets import rows_insert

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def list_cache(settings):
    settings.KHEDMAT_LIST_CACHE = True


def agency_names():
    """What a list of agencies shows, kept, and how many times it was read from the database."""
    reads = []

    def read():
        reads.append(1)
        return sorted(Organization.objects.values_list("name", flat=True))

    def shown():
        return freshness.kept(("agencies",), read)

    return shown, reads


def test_a_kept_value_is_read_once_until_something_is_written():
    OrganizationFactory(name="استانداری")
    shown, reads = agency_names()
    assert shown() == shown() == ["استانداری"]
    assert len(reads) == 1
    OrganizationFactory(name="آموزش و پرورش")
    assert shown() == ["آموزش و پرورش", "استانداری"]
    assert len(reads) == 2


def test_an_update_that_sends_no_signal_is_seen_too():
    agency = OrganizationFactory(name="استانداری")
    shown, _ = agency_names()
    assert shown() == ["استانداری"]
    Organization.objects.filter(pk=agency.pk).update(name="استانداری خوزستان")
    assert shown() == ["استانداری خوزستان"]
    Organization.objects.all().delete()
    assert shown() == []


def test_a_transaction_that_wrote_neither_keeps_nor_reads_kept_values_and_its_rollback_leaves_nothing():
    shown, reads = agency_names()
    assert shown() == []
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganizationFactory(name="دستگاه موقت")
        assert shown() == shown() == ["دستگاه موقت"]
        assert len(reads) == 3
        raise RuntimeError("rolled back")
    assert shown() == []


def test_a_transactions_writes_are_seen_once_it_commits():
    shown, _ = agency_names()
    assert shown() == []
    with transaction.atomic():
        OrganizationFactory(name="دستگاه تازه")
    assert shown() == ["دستگاه تازه"]


def test_a_savepoint_rolled_back_does_not_hide_the_write_before_it():
    shown, _ = agency_names()
    assert shown() == []
    with transaction.atomic():
        OrganizationFactory(name="پیش از نقطه بازگشت")
        with pytest.raises(RuntimeError), transaction.atomic():
            OrganizationFactory(name="در نقطه بازگشت")
            raise RuntimeError("rolled back")
        assert freshness.uncommitted_writes(connection)
    assert shown() == ["پیش از نقطه بازگشت"]


def test_rows_copied_in_by_an_import_are_seen():
    shown, _ = agency_names()
    assert shown() == []
    with transaction.atomic():
        rows_insert(Organization, ["kind", "code", "name"], [(OrgKind.AGENCY, "901", "دستگاه واردشده")])
    assert shown() == ["دستگاه واردشده"]


def test_saving_a_session_keeps_what_was_kept():
    shown, reads = agency_names()
    shown()
    session = SessionStore()
    session["seen"] = True
    session.save()
    shown()
    assert len(reads) == 1


def test_a_program_calling_the_api_with_a_token_keeps_what_was_kept(client):
    # Each call notes when the token was last used: a write no list shows.
    key = ApiToken.new_key()
    user = UserFactory()
    ApiToken.objects.create(user=user, name="سامانه دستگاه", key_hash=ApiToken.hash_key(key), prefix=key[:8])
    shown, reads = agency_names()
    shown()
    for _ in range(2):
        assert client.get("/api/me", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    shown()
    assert len(reads) == 1
    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.KHEDMAT_LIST_CACHE = False
    shown, reads = agency_names()
    shown()
    shown()
    assert len(reads) == 2


def test_a_cache_that_cannot_be_reached_costs_the_keeping_not_the_answer(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    shown, reads = agency_names()
    OrganizationFactory(name="استانداری")
    assert shown() == shown() == ["استانداری"]
    assert len(reads) == 2


def test_a_refused_request_keeps_what_was_kept(client, agency_officer):
    # A refusal writes a security event, which only the administrators' page reads: someone opening pages
    # they may not see must not empty every kept list with each try.
    client.force_login(agency_officer)
    shown, reads = agency_names()
    shown()
    assert client.get(reverse("accounts:security_events")).status_code == 403
    assert SecurityEvent.objects.count() == 1
    shown()
    assert len(reads) == 1


class _RoundTrips:
    """Counts the reads of the shared cache (each one a round trip to Redis in production)."""

    def __init__(self, monkeypatch):
        self.count = 0
        self.depth = 0
        for name in ("get", "get_many"):
            real = getattr(freshness.cache, name)
            monkeypatch.setattr(freshness.cache, name, self._counted(real))

    def _counted(self, real):
        def read(*args, **kwargs):
            # The test's cache answers get_many with a get per key: one read all the same.
            self.count += self.depth == 0
            self.depth += 1
            try:
                return real(*args, **kwargs)
            finally:
                self.depth -= 1

        return read


def _in_a_request(*reads):
    """The reads in one request's span, as the desk's handler opens and closes it."""
    request_started.send(sender=None, environ=RequestFactory().get("/").environ)
    try:
        return [read() for read in reads]
    finally:
        request_finished.send(sender=None)


def test_a_request_reads_the_generations_once_and_the_process_copy_of_each_value(monkeypatch):
    OrganizationFactory(name="استانداری")
    shown, reads = agency_names()
    counted = lambda: freshness.kept(("agency count",), Organization.objects.count)  # noqa: E731
    _in_a_request(shown, counted)
    trips = _RoundTrips(monkeypatch)
    assert _in_a_request(shown, counted, shown) == [["استانداری"], 1, ["استانداری"]]
    assert len(reads) == 1
    assert trips.count == 1  # the generations, once for the three values


def test_a_request_that_wrote_reads_what_it_wrote():
    shown, reads = agency_names()
    _in_a_request(shown)
    assert _in_a_request(shown, lambda: OrganizationFactory(name="استانداری"), shown)[2] == ["استانداری"]
    assert len(reads) == 2


def test_a_request_that_wrote_only_the_search_index_reads_the_index_again():
    # The index moves a generation of its own, not the global one: the request's next read must see it.
    from apps.search.models import SearchEntry

    def entries():
        return freshness.kept(("index size",), SearchEntry.objects.count)

    def written():
        return SearchEntry.objects.create(source="case", object_id=1, title="چاپگر", url="/", text="چاپگر")

    assert _in_a_request(entries, written, entries)[::2] == [0, 1]


def test_the_process_copy_gives_way_to_a_write_or_a_value_kept_by_another_process(monkeypatch):
    shown, reads = agency_names()
    _in_a_request(shown)
    # Another process wrote (its generation moved) and kept the list anew.
    Organization.objects.bulk_create([Organization(kind=OrgKind.AGENCY, code="951", name="شهرداری")])
    freshness._LOCAL.clear()
    assert _in_a_request(shown) == [["شهرداری"]]
    freshness._LOCAL.clear()
    _in_a_request(shown)
    assert len(reads) == 2  # the other process's value, read from the shared cache
    Organization.objects.filter(code="951").update(name="شهرداری اهواز")
    assert _in_a_request(shown) == [["شهرداری اهواز"]]
    assert len(reads) == 3


def test_a_request_changing_what_it_was_given_changes_no_other_request():
    shown, _ = agency_names()
    first = _in_a_request(shown)[0]
    first.append("دستکاری")
    assert _in_a_request(shown) == [[]]


def test_the_process_holds_only_its_most_recently_used_copies(monkeypatch):
    monkeypatch.setattr(freshness, "LOCAL_ENTRIES", 2)
    copies = freshness._LocalCopies()
    for name in ("a", "b", "c"):
        copies.put(name, ("g", "s"), (), [name])
    assert copies.get("a") is None
    assert [copies.get(name)[2] is not None for name in ("b", "c")] == [True, True]
    monkeypatch.setattr(freshness, "LOCAL_BYTES", 1)
    copies.put("d", ("g", "s"), (), ["d"])
    assert list(copies.entries) == []
