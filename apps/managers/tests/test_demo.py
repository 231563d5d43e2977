"""The demo builder: an agency's database, posts and appointments in every state, built through the services."""

import pytest

from apps.accounts.demo import world_build
from apps.managers.demo import build
from apps.managers.models import Decree, ManagerProfile
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
