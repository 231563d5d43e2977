"""Who holds which roles where, read in the database on both engines."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.selectors import users_with_roles
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_people_of_the_roles_in_the_organizations_and_the_group(province, agency):
    training = OrgUnitFactory(organization=province, code="training")
    management = OrgUnitFactory(organization=province, code="management")
    expert = UserFactory(organization=province, unit=training, roles=[Role.ORG_EXPERT])
    other_group = UserFactory(organization=province, unit=management, roles=[Role.ORG_EXPERT])
    deputy = UserFactory(organization=province, roles=[Role.ORG_DEPUTY])
    head = UserFactory(organization=province, unit=training, roles=[Role.ORG_GROUP_HEAD, Role.ORG_EXPERT])
    UserFactory(organization=province, unit=training, roles=[Role.ORG_EXPERT], is_active=False)
    UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])

    found = users_with_roles(
        Role.ORG_EXPERT, Role.ORG_DEPUTY, organization_ids=[province.pk], unit_id=training.pk
    )

    assert set(found) == {expert, deputy, head}
    assert other_group in users_with_roles(Role.ORG_EXPERT, organization_ids=[province.pk])


def test_a_role_is_matched_whole_not_as_part_of_another(province):
    head = UserFactory(organization=province, roles=[Role.ORG_GROUP_HEAD])

    assert head not in users_with_roles(Role.ORG_EXPERT)
    assert list(users_with_roles()) == []
