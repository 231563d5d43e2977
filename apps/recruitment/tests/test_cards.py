"""A supervisor's card is their own (issue 21, item 7): the roster entry of their own national ID, never
another person's, and a clear Persian 404 when they have none."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.errors import ServiceError
from apps.recruitment.models import Supervisor
from apps.recruitment.services import supervisors

from .conftest import national_id, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cards(announced_round, org_expert, roster_person, agency):
    """Two supervisors nominated for the venue: A (roster_person, with an account) and B."""
    venue = announced_round.venues.get()
    other = supervisors.supervisor_add(
        actor=org_expert, full_name="محمد رضایی", national_id=national_id(901), photo=png_upload()
    )
    mine = supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=roster_person)
    theirs = supervisors.supervisor_nominate(actor=org_expert, venue=venue, supervisor=other)
    return mine, theirs


def test_my_card_is_my_own_and_never_another_supervisors(two_cards, supervisor_user, login):
    mine, theirs = two_cards
    # Linked wrongly, as the demo linked supervisor101 to زهرا کریمی's entry: B's entry to A's account.
    Supervisor.objects.filter(pk=mine.supervisor_id).update(user=None)
    Supervisor.objects.filter(pk=theirs.supervisor_id).update(user=supervisor_user)
    client = login(supervisor_user)

    card = client.get(reverse("recruitment:my_card"))
    assert card.status_code == 200 and card["Content-Type"] == "application/pdf"
    assert card.content == mine.card.file.read()
    assert mine.card.holder_national_id == supervisor_user.national_id

    listed = client.get(reverse("recruitment:my_venues")).content.decode()
    assert reverse("recruitment:nomination_card", kwargs={"pk": mine.pk}) in listed
    assert reverse("recruitment:nomination_card", kwargs={"pk": theirs.pk}) not in listed
    assert client.get(reverse("recruitment:nomination_card", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(reverse("recruitment:nomination_card", kwargs={"pk": mine.pk})).status_code == 200


def test_a_supervisor_with_no_card_gets_a_persian_404(two_cards, agency, login):
    stranger = UserFactory(organization=agency, roles=[Role.SUPERVISOR], username="supervisor2")
    response = login(stranger).get(reverse("recruitment:my_card"))
    assert response.status_code == 404
    assert "برای شما کارت ناظری صادر نشده است" in response.content.decode()


def test_an_account_joins_only_the_roster_entry_of_its_own_national_id(org_expert, supervisor_user):
    with pytest.raises(ServiceError, match="کد ملی حساب کاربری"):
        supervisors.supervisor_add(
            actor=org_expert,
            full_name="کس دیگر",
            national_id=national_id(902),
            photo=png_upload(),
            user=supervisor_user,
        )
    assert not Supervisor.objects.exists()


def test_a_card_whose_file_is_lost_from_the_disk_is_not_found_not_a_server_error(
    two_cards, supervisor_user, login
):
    mine, _theirs = two_cards
    mine.card.file.storage.delete(mine.card.file.name)

    card = login(supervisor_user).get(reverse("recruitment:my_card"))

    assert card.status_code == 404
