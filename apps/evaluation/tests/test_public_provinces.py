"""The public evaluation results with two provinces: a year has one final cycle per province; a citizen
picks the province by its Persian name, a province's reader opens their own, nothing of one province's
results is shown under another's."""

from django.test import Client
from django.urls import reverse

from apps.accounts.models import Organization
from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.core.tests.xlsx import read_rows
from apps.evaluation.models import Cycle


def _shared_year(provinces) -> int:  # noqa: F811
    years = [
        set(
            Cycle.objects.filter(province=w.province.province, phase=Cycle.Phase.FINAL).values_list(
                "year", flat=True
            )
        )
        for w in provinces.values()
    ]
    shared = set.intersection(*years)
    assert shared, "the demo gave the two provinces no final results of one year"
    return max(shared)


def _agency_names(world) -> set[str]:
    return set(Organization.objects.filter(pk__in=list(world.agency_users)).values_list("name", flat=True))


def _shown(response) -> set[str]:
    return {s.organization for s in response.context["standings"]}


def test_a_citizen_picks_the_province_whose_results_to_read(provinces, db):  # noqa: F811
    year = _shared_year(provinces)
    khuzestan, ilam = provinces["khuzestan"], provinces["ilam"]
    url = reverse("evaluation:public_results", args=[year])
    client = Client()

    both = client.get(url)
    assert both.status_code == 200
    page = both.content.decode()
    # Not one province's results picked for the citizen: each province offered by its Persian name.
    assert both.context["cycle"] is None and not both.context["standings"]
    assert (
        f"استان {ilam.province.province.name}" in page and f"استان {khuzestan.province.province.name}" in page
    )

    only = client.get(url, {"province": ilam.province.province_id})
    assert only.context["cycle"].province_id == ilam.province.province_id
    assert _shown(only) and _shown(only) <= _agency_names(ilam)
    assert f"استان {ilam.province.province.name}" in only.content.decode()
    sheet = read_rows(client.get(url, {"province": ilam.province.province_id, "export": "xlsx"}).content)
    assert {row[2] for row in sheet[1:]} <= _agency_names(ilam)


def test_a_provinces_reader_opens_their_own_provinces_results(provinces, db):  # noqa: F811
    year = _shared_year(provinces)
    ilam = provinces["ilam"]
    client = Client()
    client.force_login(ilam.org_staff[Role.ORG_EXPERT])
    response = client.get(reverse("evaluation:public_results", args=[year]))
    assert response.context["cycle"].province_id == ilam.province.province_id
    assert _shown(response) <= _agency_names(ilam)


def test_a_province_without_that_years_results_answers_not_found(provinces, db):  # noqa: F811
    year = _shared_year(provinces)
    url = reverse("evaluation:public_results", args=[year])
    assert Client().get(url, {"province": 999_999}).status_code == 404
    assert Client().get(reverse("evaluation:public_results", args=[1300])).status_code == 404
