"""The inbox pages and the outbox page, as their users see them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.audit.models import AuditEntry
from apps.core.http import PAGE_SIZE
from apps.notifications.models import Message, OutboxMessage

from .factories import MessageFactory, OutboxMessageFactory

Status = OutboxMessage.Status


@pytest.fixture
def deputy(province):
    # The outbox is the deputy's and the administrators' (apps/notifications/permissions.py).
    return UserFactory(organization=province, roles=[Role.ORG_DEPUTY], username="deputy")


def test_the_inbox_shows_my_messages_newest_first_with_unread_ones_bold(login, agency_officer, other_officer):
    old = MessageFactory(recipient=agency_officer, subject="پیام قدیمی", read_at=timezone.now())
    new = MessageFactory(recipient=agency_officer, subject="پیام تازه")
    MessageFactory(recipient=other_officer, subject="پیام دیگری")

    response = login(agency_officer).get(reverse("notifications:inbox"))

    assert response.status_code == 200
    page = list(response.context["page"].object_list)
    assert page == [new, old]
    html = response.content.decode()
    assert html.index("پیام تازه") < html.index("پیام قدیمی")
    assert "پیام دیگری" not in html
    assert html.count('data-unread="1"') == 1
    assert 'data-testid="unread-count">۱<' in html


def test_the_inbox_takes_the_same_queries_for_a_few_messages_or_many(login, agency_officer):
    client = login(agency_officer)
    client.get(reverse("notifications:inbox"))  # warms the layout's cached maintenance notice
    MessageFactory.create_batch(3, recipient=agency_officer)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("notifications:inbox")).status_code == 200

    MessageFactory.create_batch(PAGE_SIZE * 2, recipient=agency_officer)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("notifications:inbox"), {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == PAGE_SIZE
    assert len(many) == len(few)


def test_the_inbox_page_stays_within_its_query_budget(login, agency_officer, django_assert_max_num_queries):
    client = login(agency_officer)
    MessageFactory.create_batch(PAGE_SIZE + 5, recipient=agency_officer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("notifications:inbox")).status_code == 200


def test_opening_a_message_marks_it_read(login, agency_officer):
    message = MessageFactory(recipient=agency_officer, body="سطر اول\nسطر دوم", url="/cartable/")

    response = login(agency_officer).get(reverse("notifications:message_detail", args=[message.pk]))

    assert response.status_code == 200
    assert "سطر اول<br>سطر دوم" in response.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None


def test_another_users_message_answers_404_and_stays_unread(login, agency_officer, other_officer):
    message = MessageFactory(recipient=other_officer)

    response = login(agency_officer).get(reverse("notifications:message_detail", args=[message.pk]))

    assert response.status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_mark_all_read_reads_only_my_messages(login, agency_officer, other_officer):
    MessageFactory.create_batch(3, recipient=agency_officer)
    theirs = MessageFactory(recipient=other_officer)
    client = login(agency_officer)

    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))

    assert response.status_code == 302
    assert not Message.objects.filter(recipient=agency_officer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_deputy_sees_failed_and_stuck_rows_but_not_fresh_or_sent_ones(login, deputy, agency_officer):
    to = {"recipient": agency_officer}
    failed = OutboxMessageFactory(**to, status=Status.FAILED, attempts=8, last_error="HTTP 500")
    retrying = OutboxMessageFactory(**to, attempts=2)
    fresh = OutboxMessageFactory(**to)
    OutboxMessageFactory(**to, status=Status.SENT)
    waited = OutboxMessageFactory(**to)
    OutboxMessage.objects.filter(pk=waited.pk).update(created_at=timezone.now() - timedelta(hours=1))

    response = login(deputy).get(reverse("notifications:outbox"))

    assert response.status_code == 200
    shown = set(response.context["page"].object_list)
    assert shown == {failed, retrying, OutboxMessage.objects.get(pk=waited.pk)}
    assert fresh not in shown
    assert "HTTP 500" in response.content.decode()
    assert reverse("notifications:outbox") in response.content.decode()  # its menu entry


def test_the_outbox_page_stays_within_its_query_budget(
    login, deputy, agency_officer, other_officer, django_assert_max_num_queries
):
    client = login(deputy)
    for recipient in (agency_officer, other_officer):
        OutboxMessageFactory.create_batch(PAGE_SIZE, recipient=recipient, status=Status.FAILED)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("notifications:outbox")).status_code == 200


@pytest.mark.parametrize("who", ["org_expert", "agency_officer", "org_head"])
def test_it_refuses_the_outbox_page_to_anyone_but_the_deputy(request, login, who, province):
    people = {"org_head": lambda: UserFactory(organization=province, roles=[Role.ORG_HEAD])}
    client = login(people[who]() if who in people else request.getfixturevalue(who))
    row = OutboxMessageFactory(status=Status.FAILED)
    assert client.get(reverse("notifications:outbox")).status_code == 403
    # The row itself is out of their reach: 404, as for a row that does not exist.
    assert client.post(reverse("notifications:outbox_retry", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.status == Status.FAILED


def test_retry_now_sends_a_failed_sms(settings, login, deputy, django_capture_on_commit_callbacks, tmp_path):
    settings.KHEDMAT_SMS_BACKEND = "apps.notifications.backends.FileSmsBackend"
    row = OutboxMessageFactory(status=Status.FAILED, attempts=8)
    client = login(deputy)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:outbox_retry", args=[row.pk]))

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 9)
    assert row.address in (tmp_path / "sms.log").read_text(encoding="utf-8")
    assert AuditEntry.objects.filter(action="notifications.outbox.retried", actor=deputy).count() == 1


def test_a_superuser_without_a_role_may_open_the_outbox(login, db):
    admin = UserFactory(is_superuser=True, roles=[])
    assert login(admin).get(reverse("notifications:outbox")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_kept_unread_count_moves_with_each_message_and_each_reading(settings, login, agency_officer):
    settings.KHEDMAT_LIST_CACHE = True
    client = login(agency_officer)
    assert 'data-testid="unread-count"' not in client.get(reverse("workflow:cartable")).content.decode()
    message = MessageFactory(recipient=agency_officer, subject="پیام تازه")
    assert 'data-testid="unread-count">۱<' in client.get(reverse("workflow:cartable")).content.decode()
    assert 'data-testid="unread-count">۱<' in client.get(reverse("workflow:case_list")).content.decode()
    Message.objects.filter(pk=message.pk).update(read_at=timezone.now())
    assert 'data-testid="unread-count"' not in client.get(reverse("workflow:cartable")).content.decode()
