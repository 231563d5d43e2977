"""Messages answer as the permission table declares: everyone's inbox is their own, and the outbox (every
person's messages on their way) is the deputy's and the administrators' alone."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.notifications.models import OutboxMessage
from apps.notifications.services import outbox_retry

from .factories import MessageFactory, OutboxMessageFactory

pytestmark = pytest.mark.django_db


def test_a_person_opens_their_own_message_but_not_a_colleagues(login, agency_officer, agency):
    colleague = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])
    mine = MessageFactory(recipient=agency_officer)
    theirs = MessageFactory(recipient=colleague)
    client = login(agency_officer)
    assert client.get(reverse("notifications:message_detail", args=[mine.pk])).status_code == 200
    response = client.get(reverse("notifications:message_detail", args=[theirs.pk]))
    assert response.status_code == 404 and response[REFUSED_HEADER] == "404"
    assert client.post(f"/api/messages/{theirs.pk}/read").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_even_the_deputy_and_an_administrator_read_only_their_own_messages(login, province, agency_officer):
    message = MessageFactory(recipient=agency_officer)
    for person in (
        UserFactory(organization=province, roles=[Role.ORG_DEPUTY]),
        UserFactory(is_superuser=True, roles=[]),
    ):
        assert (
            login(person).get(reverse("notifications:message_detail", args=[message.pk])).status_code == 404
        )


@pytest.mark.parametrize("roles", [[Role.AGENCY_OFFICER], [Role.AGENCY_HEAD]])
def test_the_outbox_is_refused_to_an_agency_s_people(login, agency, roles):
    person = UserFactory(organization=agency, roles=roles)
    response = login(person).get(reverse("notifications:outbox"))
    assert response.status_code == 403 and response[REFUSED_HEADER] == "403"


def test_the_head_of_the_organization_and_the_groups_do_not_retry(province, org_expert):
    row = OutboxMessageFactory(status=OutboxMessage.Status.FAILED)
    head = UserFactory(organization=province, roles=[Role.ORG_HEAD])
    for person in (head, org_expert):
        with pytest.raises(ServiceError) as refused:
            outbox_retry(outbox_id=row.pk, actor=person)
        assert isinstance(refused.value, ForbiddenError)


def test_the_deputy_and_an_administrator_open_the_outbox(login, province):
    for person in (
        UserFactory(organization=province, roles=[Role.ORG_DEPUTY]),
        UserFactory(is_superuser=True, roles=[]),
    ):
        assert login(person).get(reverse("notifications:outbox")).status_code == 200


def test_the_outbox_menu_entry_follows_the_page_s_rule(login, province, agency_officer):
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    url = reverse("notifications:outbox")
    assert url in login(deputy).get(reverse("notifications:inbox")).content.decode()
    assert url not in login(agency_officer).get(reverse("notifications:inbox")).content.decode()
