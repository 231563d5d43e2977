"""Service B with two provinces: the requests' list keeps the province filter to the national body; the public
calendar, its PDF and its spreadsheet name the province they are of."""

from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.training.models import TrainingRequest

ALL = "همه استان‌ها"


def _ids(response) -> set[int]:
    return {row.pk for row in response.context["page"].object_list}


def _provinces_of(ids) -> set[int]:
    return set(TrainingRequest.objects.filter(pk__in=ids).values_list("organization__province", flat=True))


def test_a_provinces_people_get_no_province_filter_on_requests_and_cannot_widen(provinces, db):  # noqa: F811
    khuzestan = provinces["khuzestan"]
    client = Client()
    client.force_login(khuzestan.org_staff[Role.ORG_DEPUTY])
    url = reverse("training:request_list")
    own = client.get(url)
    assert own.status_code == 200
    assert ALL not in own.content.decode()
    assert _ids(own) and _provinces_of(_ids(own)) == {khuzestan.province.province_id}
    assert not _ids(client.get(url, {"province": provinces["ilam"].province.province_id}))
    assert _ids(client.get(url, {"province": khuzestan.province.province_id})) == _ids(own)
