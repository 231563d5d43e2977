"""The messages API: my messages, marking one read, the unread count."""

from django.utils import timezone

from apps.notifications.models import Message

from .factories import MessageFactory


def test_it_lists_my_messages_newest_first_with_an_unread_flag(login, agency_officer, other_officer):
    read = MessageFactory(recipient=agency_officer, read_at=timezone.now())
    unread = MessageFactory(recipient=agency_officer)
    MessageFactory(recipient=other_officer)

    response = login(agency_officer).get("/api/messages")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [(m["id"], m["unread"]) for m in data["items"]] == [(unread.pk, True), (read.pk, False)]
    assert data["items"][0]["created_at_jalali"]


def test_it_pages_with_limit_and_offset(login, agency_officer):
    messages = MessageFactory.create_batch(5, recipient=agency_officer)

    data = login(agency_officer).get("/api/messages", {"limit": 2, "offset": 2}).json()

    assert data["count"] == 5
    assert [m["id"] for m in data["items"]] == [messages[2].pk, messages[1].pk]


def test_it_marks_one_of_my_messages_read(login, agency_officer):
    message = MessageFactory(recipient=agency_officer)
    client = login(agency_officer)

    response = client.post(f"/api/messages/{message.pk}/read")

    assert response.status_code == 200
    assert response.json()["unread"] is False
    message.refresh_from_db()
    assert message.read_at is not None
    assert client.get("/api/messages/unread-count").json() == {"unread": 0}


def test_another_users_message_answers_404(login, agency_officer, other_officer):
    message = MessageFactory(recipient=other_officer)

    response = login(agency_officer).post(f"/api/messages/{message.pk}/read")

    assert response.status_code == 404
    assert Message.objects.get(pk=message.pk).read_at is None


def test_it_counts_my_unread_messages(login, agency_officer, other_officer):
    MessageFactory.create_batch(3, recipient=agency_officer)
    MessageFactory(recipient=agency_officer, read_at=timezone.now())
    MessageFactory(recipient=other_officer)

    assert login(agency_officer).get("/api/messages/unread-count").json() == {"unread": 3}


def test_it_refuses_an_anonymous_caller(client, db):
    assert client.get("/api/messages").status_code == 401
    assert client.get("/api/messages/unread-count").status_code == 401
