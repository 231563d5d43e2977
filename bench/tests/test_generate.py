"""The generator's national flag: every province's agencies on one desk, each with the same share of data."""

import pytest

from apps.accounts.models import Organization
from apps.accounts.roles import OrgKind
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

    decrees = Decree.objects.select_related("nomination__session", "nomination__selected")
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
