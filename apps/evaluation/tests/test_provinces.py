"""A cycle is its province's: every page and call about one cycle reaches it only for that province's people
and the nation's, whatever the kind its own rule names (indices, nominations, bands…)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOMINATION = {"team_name": "تیم برتر", "achievement": "دستاورد", "members": "الف، ب"}


def test_another_provinces_people_find_no_page_of_the_cycle(login, cycle, fars):
    for person in fars.values():
        client = login(person)
        for name in ("index_list", "evaluation_list", "objection_list", "festival"):
            assert client.get(reverse(f"evaluation:{name}", args=[cycle.pk])).status_code == 404, name
        assert client.get(f"/api/evaluation/cycles/{cycle.pk}/indices").status_code == 404
    # The other province's group may set bands and ranks, but on their own province's cycles only.
    for name in ("cycle_bands", "cycle_rank"):
        response = login(fars["expert"]).post(reverse(f"evaluation:{name}", args=[cycle.pk]), {})
        assert response.status_code == 404, name


def test_another_provinces_agency_cannot_nominate_a_team_to_the_cycles_festival(login, cycle, fars):
    response = login(fars["officer"]).post(reverse("evaluation:festival", args=[cycle.pk]), NOMINATION)
    assert response.status_code == 404
    assert not cycle.nominations.exists()


def test_the_cycles_own_province_still_reaches_it(login, cycle, agency_officer, org_expert):
    login(agency_officer).post(reverse("evaluation:festival", args=[cycle.pk]), NOMINATION)
    assert cycle.nominations.count() == 1
    assert login(org_expert).get(reverse("evaluation:index_list", args=[cycle.pk])).status_code == 200
