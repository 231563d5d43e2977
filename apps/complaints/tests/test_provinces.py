"""Complaints with two provinces: the list keeps the province filter to whom reads across provinces, and
the reports' PDF is issued by the reader's own province's Organization."""

from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.complaints.models import Complaint

ALL = "همه استان‌ها"


def _ids(response) -> set[int]:
    return {row.pk for row in response.context["page"].object_list}


def test_a_provinces_people_get_no_province_filter_on_complaints_and_cannot_widen(provinces, db):  # noqa: F811
    for here, there in (("khuzestan", "ilam"), ("ilam", "khuzestan")):
        world = provinces[here]
        client = Client()
        client.force_login(world.org_staff[Role.ORG_DEPUTY])
        url = reverse("complaints:complaint_list")
        own = client.get(url)
        assert own.status_code == 200
        assert ALL not in own.content.decode()
        shown = set(
            Complaint.objects.filter(pk__in=_ids(own)).values_list("case__owner__province", flat=True)
        )
        assert shown == {world.province.province_id}
        assert not _ids(client.get(url, {"province": provinces[there].province.province_id}))
        assert _ids(client.get(url, {"province": world.province.province_id})) == _ids(own)
