"""People of one province and one agency, a fault report waiting on the management group's head, and a
helper that names substitutes as the desk's own service does."""

import datetime as dt

import pytest

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.core.jalali import today
from apps.substitutes.models import Substitution
from apps.substitutes.services import substitution_name
from apps.support.services import fault_report_file
from apps.workflow.services import perform


@pytest.fixture
def budget_unit(province):
    return OrgUnitFactory(organization=province, code="budget", name="گروه بودجه")


@pytest.fixture
def head(province, management_unit):
    """The management group's head: the absent person of most tests."""
    return UserFactory(
        organization=province,
        unit=management_unit,
        roles=[Role.ORG_GROUP_HEAD],
        username="grouphead",
        first_name="مریم",
        last_name="احمدی",
    )


@pytest.fixture
def expert(province, management_unit):
    """An expert of the same group: the head's substitute in most tests."""
    return UserFactory(
        organization=province,
        unit=management_unit,
        roles=[Role.ORG_EXPERT],
        username="expert",
        first_name="علی",
        last_name="رضایی",
    )


@pytest.fixture
def budget_expert(province, budget_unit):
    """An expert of the budget group, which has no service on the desk: the table gives them nothing."""
    return UserFactory(organization=province, unit=budget_unit, roles=[Role.ORG_EXPERT], username="budget")


@pytest.fixture
def escalated(agency_officer, expert):
    """A fault report at the step only a group head acts on: the head's work, not the expert's."""
    case = fault_report_file(actor=agency_officer, category="page", description="دکمه ثبت کار نمی‌کند.")
    return perform(case, "escalate", actor=expert)


@pytest.fixture
def name_substitute(head):
    """Names `substitute` for `absent` (the head by default) from `start` days from today for `days` days."""

    def _name(substitute, *, absent=None, start=0, days=3, actor=None):
        absent = absent or head
        first = today() + dt.timedelta(days=start)
        return substitution_name(
            actor=actor or absent,
            absent=absent,
            substitute=substitute,
            starts_on=first,
            ends_on=first + dt.timedelta(days=days - 1),
        )

    return _name


@pytest.fixture
def ended(head):
    """Ends a substitution yesterday, as the calendar would have (the service names none in the past)."""

    def _end(substitution: Substitution) -> None:
        yesterday = today() - dt.timedelta(days=1)
        Substitution.objects.filter(pk=substitution.pk).update(
            starts_on=yesterday - dt.timedelta(days=2), ends_on=yesterday
        )

    return _end


def fresh(user) -> User:
    """The person as a new request sees them: nothing kept on the object from an earlier question."""
    return User.objects.select_related("organization", "unit").get(pk=user.pk)
