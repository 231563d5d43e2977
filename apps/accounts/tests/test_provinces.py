"""Provinces as a scope: a province's people reach their province's rows only; the national body reaches
every province and filters its lists by one."""

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from apps.accounts.demo import ILAM, KHUZESTAN, world_build
from apps.accounts.models import Organization
from apps.accounts.permissions import Principal, principals_of, visible
from apps.accounts.provinces import province_choices
from apps.accounts.roles import OrgKind, Role
from apps.complaints.models import Complaint
from apps.core import demo
from apps.evaluation.models import Cycle
from apps.recruitment.models import Round
from apps.training.models import Course
from apps.workflow.models import Case
from apps.workflow.selectors import case_list_for_user

# What each model's row is in a province by: the boundary the brief names (agencies, cases, courses,
# rounds, cycles).
PROVINCE_OF = {
    Organization: "province",
    Case: "owner__province",
    Course: "province",
    Round: "province",
    Cycle: "province",
    # A model no kind names yet: the organization-only scoping reads the province too.
    Complaint: "case__owner__province",
}


@pytest.fixture(scope="module")
def provinces(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two provinces of one agency each, with every app's demo rows; rolled back after the module."""
    media = tmp_path_factory.mktemp("provinces")
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=media):
        worlds = {}
        for province, code in ((KHUZESTAN, "801"), (ILAM, "851")):
            world = world_build(
                agencies=[{"code": code, "name": f"دستگاه آزمایشی {code}"}], suffix="-pv", province=province
            )
            for agency in Organization.objects.filter(pk__in=list(world.agency_users)):
                for _name, build in demo.builders():
                    build(world, agency)
            worlds[province.code] = world
        yield worlds
        transaction.set_rollback(True)


def _people(world):
    """Everyone of the province: the Organization's staff and the agency's people."""
    people = list(world.org_staff.values())
    for users in world.agency_users.values():
        people += list(users.values())
    return people


def _visible_ids(model, user) -> set[int]:
    scoped = model in (Case, Complaint)
    rows = model.objects.visible_to(user) if scoped else visible(model.objects.all(), user)
    return set(rows.values_list("pk", flat=True))


def _ids_in(model, province) -> set[int]:
    return set(model.objects.filter(**{PROVINCE_OF[model]: province}).values_list("pk", flat=True))


@pytest.mark.parametrize("model", list(PROVINCE_OF), ids=lambda m: m.__name__)
def test_a_provinces_people_never_see_another_provinces_rows(provinces, db, model):
    first, second = provinces["khuzestan"], provinces["ilam"]
    for here, there in ((first, second), (second, first)):
        theirs = _ids_in(model, there.province.province)
        assert theirs, f"the demo gave the other province no {model.__name__}"
        seen_own = set()
        for person in _people(here):
            seen = _visible_ids(model, person)
            assert not seen & theirs, f"{person.username} sees another province's {model.__name__}"
            seen_own |= seen
        # The boundary is not an empty list: the province's own rows are there for its people.
        assert seen_own & _ids_in(model, here.province.province)


@pytest.mark.parametrize("model", [Course, Round, Cycle, Case], ids=lambda m: m.__name__)
def test_the_national_officer_sees_every_provinces_rows(provinces, db, model):
    officer = provinces["khuzestan"].national_staff[Role.NATIONAL_OFFICER]
    assert Principal.NATIONAL_OFFICER in principals_of(officer)
    seen = _visible_ids(model, officer)
    for world in provinces.values():
        assert seen & _ids_in(model, world.province.province)


def test_the_national_officer_filters_the_case_list_by_province(provinces, db):
    officer = provinces["khuzestan"].national_staff[Role.NATIONAL_OFFICER]
    ilam = provinces["ilam"].province.province
    every = case_list_for_user(user=officer)
    only = case_list_for_user(user=officer, filters={"province": str(ilam.pk)})
    assert set(only.values_list("owner__province", flat=True)) == {ilam.pk}
    assert only.count() < every.count()
    # Something that is not a province's id filters nothing out, and breaks nothing.
    assert case_list_for_user(user=officer, filters={"province": "x"}).count() == every.count()

    client = Client()
    client.force_login(officer)
    response = client.get(reverse("workflow:case_list"), {"province": ilam.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "همه استان‌ها" in page
    assert f'<option value="{ilam.pk}" selected>' in page
    codes = [case.tracking_code for case in response.context["page"].object_list]
    assert codes and all(code.startswith(ilam.tracking_prefix) for code in codes)


def test_a_provinces_people_are_offered_no_province_filter(provinces, db):
    expert = provinces["khuzestan"].org_staff[Role.ORG_EXPERT]
    assert province_choices(expert) == []
    client = Client()
    client.force_login(expert)
    response = client.get(reverse("workflow:case_list"))
    assert response.status_code == 200
    assert "همه استان‌ها" not in response.content.decode()


def test_a_province_filter_never_widens_a_provinces_list(provinces, db):
    expert = provinces["khuzestan"].org_staff[Role.ORG_EXPERT]
    ilam = provinces["ilam"].province.province
    assert not case_list_for_user(user=expert, filters={"province": str(ilam.pk)}).exists()


def test_cases_go_to_their_own_provinces_organization(provinces, db):
    for world in provinces.values():
        at_province = Case.objects.filter(
            owner__province=world.province.province, current_org__kind=OrgKind.PROVINCE
        )
        assert at_province.exists()
        assert set(at_province.values_list("current_org", flat=True)) == {world.province.pk}


@pytest.mark.parametrize(
    ("url_name", "model"), [("evaluation:cycle_list", Cycle), ("recruitment:round_list", Round)]
)
def test_the_national_officer_filters_cycles_and_rounds_by_province(provinces, db, url_name, model):
    officer = provinces["khuzestan"].national_staff[Role.NATIONAL_OFFICER]
    client = Client()
    client.force_login(officer)
    every = client.get(reverse(url_name))
    assert every.status_code == 200
    assert {row.province_id for row in every.context["page"].object_list} == {
        world.province.province_id for world in provinces.values()
    }
    ilam = provinces["ilam"].province.province
    only = client.get(reverse(url_name), {"province": ilam.pk})
    assert only.context["page"].object_list
    assert {row.province_id for row in only.context["page"].object_list} == {ilam.pk}
    assert "همه استان‌ها" in only.content.decode()


@pytest.mark.parametrize("url_name", ["evaluation:cycle_list", "recruitment:round_list"])
def test_a_provinces_list_pages_show_only_its_cycles_and_rounds(provinces, db, url_name):
    khuzestan = provinces["khuzestan"]
    client = Client()
    client.force_login(khuzestan.org_staff[Role.ORG_EXPERT])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    shown = {row.province_id for row in response.context["page"].object_list}
    assert shown == {khuzestan.province.province_id}
    assert "همه استان‌ها" not in response.content.decode()
    # Naming the other province in the address narrows their list to nothing; it never widens it.
    other = client.get(reverse(url_name), {"province": provinces["ilam"].province.province_id})
    assert not other.context["page"].object_list
