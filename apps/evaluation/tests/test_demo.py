"""The demo builder: two cycles, each with its circular's attachments, built through the services."""

import pytest

from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.evaluation.demo import CIRCULAR_ATTACHMENTS, build
from apps.evaluation.models import CircularAttachment, Cycle
from apps.notifications.models import Message

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


def test_each_demo_agency_is_told_last_years_final_results_and_the_provinces_rank_once(
    django_capture_on_commit_callbacks,
):
    world = world_build(
        agencies=[
            {"code": "901", "name": "دستگاه نمونه", "kind": "directorate"},
            {"code": "902", "name": "دستگاه نمونه دوم", "kind": "directorate"},
        ],
        suffix="-e",
    )
    with django_capture_on_commit_callbacks(execute=True):
        for agency_id in world.agency_users:
            build(world, Organization.objects.get(pk=agency_id))
    past = Cycle.objects.get(year=1403)
    assert (past.phase, past.national_rank, past.provinces_ranked) == (Cycle.Phase.FINAL, 4, 31)
    for people in world.agency_users.values():
        for role in (Role.AGENCY_OFFICER, Role.AGENCY_HEAD, Role.AGENCY_COUNCIL_SECRETARY):
            inbox = Message.objects.filter(recipient=people[role])
            assert inbox.filter(subject="ابلاغ نتایج نهایی ارزیابی عملکرد ۱۴۰۳").count() == 1
            rank = inbox.get(subject="ابلاغ سطح‌بندی و رتبه استان در ارزیابی عملکرد ۱۴۰۳")
            assert "رتبه ۴ از ۳۱ استان" in rank.body
    national = world.national_staff[Role.NATIONAL_OFFICER]
    assert Message.objects.filter(recipient=national, subject__startswith="نتایج نهایی").count() == 1
