"""The demo builder: two cycles, each with its circular's attachments, built through the services."""

import pytest

from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.evaluation.demo import CIRCULAR_ATTACHMENTS, build
from apps.evaluation.models import CircularAttachment, Cycle

pytestmark = pytest.mark.django_db


def test_each_demo_cycle_has_its_circulars_attachments_once():
    world = world_build(
        agencies=[
            {"code": "901", "name": "دستگاه نمونه", "kind": "directorate"},
            {"code": "902", "name": "دستگاه نمونه دوم", "kind": "directorate"},
        ],
        suffix="-e",
    )
    for agency_id in world.agency_users:
        build(world, Organization.objects.get(pk=agency_id))
    titles = [title for title, _name in CIRCULAR_ATTACHMENTS]
    for cycle in Cycle.objects.all():
        attachments = list(cycle.circular_attachments.order_by("id"))
        # The second agency's build finds the cycles made and adds nothing twice.
        assert [a.title for a in attachments] == titles
        assert all(a.file.read().startswith(b"%PDF-") for a in attachments)
    assert Cycle.objects.count() == 2
    assert len(set(CircularAttachment.objects.values_list("sha256", flat=True))) == len(titles)
