"""The managers' lists with two provinces: the national body filters the national pool by province; a
province's people are never offered the filter, and naming another province never widens their lists."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.managers.models import Decree, ManagerProfile

ALL = "همه استان‌ها"


def _ids(response) -> set[int]:
    return {row["id"] if isinstance(row, dict) else row.pk for row in response.context["page"].object_list}


def _provinces_of(model, ids) -> set[int]:
    return set(model.objects.filter(pk__in=ids).values_list("organization__province", flat=True))


def test_the_national_officer_filters_the_pool_by_province(provinces, db):  # noqa: F811
    officer = provinces["khuzestan"].national_staff[Role.NATIONAL_OFFICER]
    ilam = provinces["ilam"].province.province_id
    client = Client()
    client.force_login(officer)
    every = client.get(reverse("managers:pool_list"))
    assert every.status_code == 200
    assert ALL in every.content.decode()
    assert _provinces_of(ManagerProfile, _ids(every)) == {w.province.province_id for w in provinces.values()}

    only = client.get(reverse("managers:pool_list"), {"province": ilam})
    page = only.content.decode()
    assert f'<option value="{ilam}" selected>' in page
    assert _ids(only) and _provinces_of(ManagerProfile, _ids(only)) == {ilam}


@pytest.mark.parametrize(
    ("url_name", "model"),
    [
        ("managers:pool_list", ManagerProfile),
        ("managers:profile_list", ManagerProfile),
        ("managers:decree_list", Decree),
    ],
)
def test_a_provinces_people_get_no_province_filter_and_cannot_widen(provinces, db, url_name, model):  # noqa: F811
    khuzestan = provinces["khuzestan"]
    client = Client()
    client.force_login(khuzestan.org_staff[Role.ORG_DEPUTY])
    own = client.get(reverse(url_name))
    assert own.status_code == 200
    assert ALL not in own.content.decode()
    assert _ids(own) and _provinces_of(model, _ids(own)) == {khuzestan.province.province_id}
    # Naming the other province narrows their list to nothing; naming their own keeps it as it was.
    assert not _ids(client.get(reverse(url_name), {"province": provinces["ilam"].province.province_id}))
    assert _ids(client.get(reverse(url_name), {"province": khuzestan.province.province_id})) == _ids(own)
