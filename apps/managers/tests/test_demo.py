"""The demo builder: an agency's database, posts and appointments in every state, built through the services."""

import pytest

from apps.accounts.demo import world_build
from apps.managers import selectors
from apps.managers.demo import build
from apps.managers.models import Candidate, Decree, ManagerProfile, Nomination
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_has_cases_in_every_state():
    world = world_build(
        agencies=[{"code": "901", "name": "دستگاه نمونه", "kind": "directorate"}], suffix="-m"
    )
    agency_id = next(iter(world.agency_users))
    agency = Case._meta.get_field("owner").related_model.objects.get(pk=agency_id)
    build(world, agency)
    states = set(Case.objects.filter(process="managers.appointment").values_list("state", flat=True))
    assert states == {"nomination", "hr_check", "council", "decree", "appointed", "rejected"}
    assert Case.objects.filter(process="managers.change", state="council").exists()
    assert Decree.objects.get().document.file.name.endswith(".pdf")
    assert ManagerProfile.objects.filter(published_to_pool=True).count() == 1


def test_the_demos_case_at_the_decree_step_shows_a_pick_below_the_desired_score_and_a_perfect_scale():
    world = world_build(
        agencies=[{"code": "901", "name": "دستگاه نمونه", "kind": "directorate"}], suffix="-m"
    )
    agency_id = next(iter(world.agency_users))
    agency = Case._meta.get_field("owner").related_model.objects.get(pk=agency_id)
    build(world, agency)
    nomination = Nomination.objects.get(case__process="managers.appointment", case__state="decree")
    rows = selectors.nomination_candidates(nomination=nomination)
    assert selectors.nomination_selected_shortfall(rows=rows, nomination=nomination)
    # Every scored nominee's clauses carry their maximum and share, and the final is out of 100.
    scored = Candidate.objects.filter(final_score__isnull=False)
    assert scored.exists() and all(0 < c.final_score <= 100 for c in scored)
    assert all(c.weighted["specific"]["maximum"] == "20" for c in scored)
