"""The demo of service A builds through the real services and shows what issue 21 asks of it."""

import pytest

from apps.accounts.demo import agency_rows, world_build
from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.recruitment import selectors
from apps.recruitment.demo import build
from apps.recruitment.models import Hire

pytestmark = pytest.mark.django_db


def test_the_demo_shows_files_with_their_documents_and_the_supervisors_own_card():
    world = world_build(agencies=agency_rows(2))
    for agency_id in world.agency_users:
        build(world, Organization.objects.get(pk=agency_id))

    # Every file past the draft carries each document its round asks; the draft shows one still missing.
    for hire in Hire.objects.exclude(case__state="draft"):
        assert all(row.attached for row in selectors.hire_document_checklist(hire=hire)), hire
    drafts = Hire.objects.filter(case__state="draft")
    assert drafts.count() == 2
    missing = [
        r.requirement.code for r in selectors.hire_document_checklist(hire=drafts[0]) if not r.attached
    ]
    assert missing == ["degree"]
    assert {"submitted", "returned", "national", "approved"} <= set(
        Hire.objects.values_list("case__state", flat=True)
    )

    # The first agency's supervisor opens a card of their own name and national ID.
    supervisor = world.agency_users[next(iter(world.agency_users))][Role.SUPERVISOR]
    card = selectors.my_card_nomination(user=supervisor)
    assert card.supervisor.national_id == supervisor.national_id
    assert card.card.holder_national_id == supervisor.national_id
