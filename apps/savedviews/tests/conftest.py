"""Fixtures of the saved-views tests: colleagues in the same group or agency, and people outside them."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.savedviews.services import saved_view_create
from apps.support.services import fault_report_file


@pytest.fixture
def trainer(province):
    """An expert of the Organization's other group (training), not the management group's colleague."""
    unit = OrgUnitFactory(organization=province, code="training", name="گروه آموزش و توانمندسازی")
    return UserFactory(organization=province, unit=unit, roles=[Role.ORG_EXPERT], username="trainer")


@pytest.fixture
def agency_head(agency):
    """The officer's colleague in the same agency, which has no groups on the desk."""
    return UserFactory(organization=agency, roles=[Role.AGENCY_HEAD], username="agencyhead")


@pytest.fixture
def deputy(province):
    """The Deputy, who reads every service's lists."""
    return UserFactory(organization=province, roles=[Role.ORG_DEPUTY], username="deputy")


@pytest.fixture
def save_view():
    def _save(actor, name="دیرکرددارها", query="overdue=1", list_key="workflow:cartable", **flags):
        return saved_view_create(actor=actor, list_key=list_key, name=name, query=query, **flags)

    return _save


@pytest.fixture
def faults(agency_officer, org_expert):
    """Fault reports of every category, waiting in the Organization's experts' cartables."""
    return [
        fault_report_file(actor=agency_officer, category=category, description="شرح خطا برای آزمون نماها.")
        for category in ("login", "page", "document")
    ]
