"""The generator's national flag: every province's agencies on one desk, each with the same share of data."""

import pytest
from django.db.models import F

from apps.accounts.models import Organization, Province, User
from apps.accounts.roles import OrgKind, Role
from apps.training.models import Course, TrainingRequest
from apps.workflow.models import Case
from bench import generate

pytestmark = pytest.mark.django_db


def test_the_national_flag_writes_each_agency_once_per_province_with_its_own_cases():
    timings = generate.run(agencies=2, provinces=3, cases_per_agency=5, only=["platform"])

    agencies = Organization.objects.filter(kind=OrgKind.AGENCY)
    assert sorted(agencies.values_list("code", flat=True)) == [
        "101",
        "101-02",
        "101-03",
        "102",
        "102-02",
        "102-03",
    ]
    assert timings["platform"][0] == 6 * 5
    for agency in agencies:
        assert Case.objects.filter(owner=agency).count() == 5


def test_each_province_of_the_national_flag_has_its_organization_and_its_own_agencies_cases_and_calendar():
    generate.run(agencies=2, provinces=3, cases_per_agency=4, scale=0.001, only=["platform", "training"])

    provinces = Province.objects.order_by("tracking_prefix")
    assert [(p.code, p.tracking_prefix) for p in provinces] == [
        ("khuzestan", "11"),
        ("ilam", "12"),
        ("tehran", "14"),
    ]
    for province in provinces:
        organization = Organization.objects.get(kind=OrgKind.PROVINCE, province=province)
        agencies = Organization.objects.filter(kind=OrgKind.AGENCY, province=province)
        assert agencies.count() == 2
        assert any(user.has_role(Role.ORG_EXPERT) for user in User.objects.filter(organization=organization))
        # The province's open fault reports wait at its own Organization, never at another province's.
        waiting = Case.objects.filter(owner__in=agencies, current_org__kind=OrgKind.PROVINCE)
        assert waiting.exists()
        assert set(waiting.values_list("current_org", flat=True)) == {organization.pk}
        assert Course.objects.filter(province=province).exists()
    assert Organization.objects.get(code="101-03").name.endswith("(تهران)")
    # Cases are written in bulk, past Case.save(): each still carries its owner's province, which the
    # province scope reads (the services' cases and the records' own: sessions, rounds…).
    assert Case.objects.filter(province__isnull=False).count() == Case.objects.count() > 0
    assert not Case.objects.exclude(province=F("owner__province")).exists()
    # So do the training requests, written in bulk past TrainingRequest.save().
    requests = TrainingRequest.objects.all()
    assert requests.filter(province__isnull=False).count() == requests.count() > 0
    assert not requests.exclude(province=F("organization__province")).exists()


def test_a_share_is_one_agencys_part_of_a_province_figure_at_any_number_of_provinces():
    province = generate.Context(world=None, agencies=list(range(75)), cases_per_agency=0, now=None)
    nation = generate.Context(
        world=None, agencies=list(range(75 * 31)), cases_per_agency=0, now=None, provinces=31
    )
    assert province.share(150_000) == nation.share(150_000) == 2000
    assert (
        generate.Context(world=None, agencies=[1], cases_per_agency=0, now=None, scale=0.000001).share(10)
        == 1
    )


def test_the_generated_decrees_have_the_appointments_shape():
    from apps.managers.models import Decree
    from apps.managers.rules import FOUR_YEARS, add_months

    generate.run(agencies=1, cases_per_agency=5, scale=0.005, only=["platform", "managers"])

    decrees = Decree.objects.select_related("nomination__session", "nomination__selected", "case")
    assert decrees.exists()
    for decree in decrees:
        nomination = decree.nomination
        assert decree.organization_id == nomination.organization_id and decree.post_id == nomination.post_id
        assert decree.profile_id == nomination.selected.profile_id
        assert decree.final_score == nomination.selected.final_score
        assert (decree.minutes_number, decree.minutes_date) == (
            nomination.session.number,
            nomination.session.held_on,
        )
        assert decree.valid_until == add_months(decree.issued_on, FOUR_YEARS * 12)
        # Its lifecycle's case stands where its status says, open while the decree is in force.
        assert (decree.case.process, decree.case.state) == ("managers.decree", decree.status)
        assert decree.case.is_closed == (decree.status != Decree.Status.ACTIVE)
