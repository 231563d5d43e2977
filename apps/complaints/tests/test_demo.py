"""The demo builder: complaints of an agency in every state, surveys, a week of health samples; safe to rerun."""

import pytest

from apps.accounts.demo import world_build
from apps.accounts.roles import Role
from apps.audit.models import AuditEntry
from apps.complaints.demo import HEALTH_DEMO_HOURS, build
from apps.complaints.models import Complaint, HealthSample, SatisfactionResponse
from apps.complaints.workflow import COMPLAINT
from apps.notifications.models import Message
from apps.support.demo import build as support_build
from apps.workflow.actors import SYSTEM_LABEL

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_state_once():
    world = world_build(agencies=[{"code": "901", "name": "دستگاه نمایشی"}], suffix="-demo")
    agency_id = next(iter(world.agency_users))
    agency = world.agency_users[agency_id]["agency_officer"].organization
    support_build(world, agency)
    build(world, agency)
    build(world, agency)
    states = set(Complaint.objects.values_list("case__state", flat=True))
    assert states == {s.state for s in COMPLAINT.steps}
    assert Complaint.objects.filter(reopen_count=1).exists() and Complaint.objects.filter(rating=4).exists()
    assert SatisfactionResponse.objects.count() == 2
    assert HealthSample.objects.count() == HEALTH_DEMO_HOURS
    # The two escalations are the desk's, as the timer makes them, and reach the group head and the deputy.
    escalations = AuditEntry.objects.filter(action="complaints.complaint.escalate")
    assert escalations.count() == 3
    assert set(escalations.values_list("actor_id", "actor_name")) == {(None, SYSTEM_LABEL)}
    for role, what in ((Role.ORG_GROUP_HEAD, "ارجاع به رئیس گروه"), (Role.ORG_DEPUTY, "ارجاع به معاون")):
        assert Message.objects.filter(recipient=world.org_staff[role], subject__contains=what).exists()
