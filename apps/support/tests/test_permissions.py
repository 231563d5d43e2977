"""Fault reports answer as apps/support/permissions.py declares: any of an agency's people files one for
their agency; the Organization's groups answer; a filer reads their own and the agency's officer all."""

import pytest
from django.urls import reverse

from apps.accounts import permissions as perms
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.core.errors import ForbiddenError, ServiceError
from apps.support.services import fault_report_file
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db

DESCRIPTION = "دکمه ثبت در فرم کار نمی‌کند."


@pytest.mark.parametrize("role", [Role.LEARNER, Role.COUNCIL_MEMBER, Role.AGENCY_HR, Role.AGENCY_HEAD])
def test_any_of_an_agency_s_people_files_a_report(login, agency, role):
    person = UserFactory(organization=agency, roles=[role])
    assert login(person).get(reverse("support:fault_report_new")).status_code == 200
    case = fault_report_file(actor=person, category="page", description=DESCRIPTION)
    assert case in Case.objects.visible_to(person)


@pytest.mark.parametrize("role", [Role.ORG_DEPUTY, Role.EVALUATOR])
def test_the_organization_does_not_file_reports(login, province, role):
    person = UserFactory(organization=province, roles=[role])
    assert login(person).get(reverse("support:fault_report_new")).status_code == 403
    with pytest.raises(ServiceError) as refused:
        fault_report_file(actor=person, category="page", description=DESCRIPTION)
    assert isinstance(refused.value, ForbiddenError)


def test_an_employee_s_report_is_theirs_and_their_agency_officer_s(agency, agency_officer, other_officer):
    employee = UserFactory(organization=agency, roles=[Role.LEARNER])
    colleague = UserFactory(organization=agency, roles=[Role.LEARNER])
    case = fault_report_file(actor=employee, category="page", description=DESCRIPTION)
    assert case in Case.objects.visible_to(agency_officer)
    assert case not in Case.objects.visible_to(colleague)
    assert case not in Case.objects.visible_to(other_officer)


def test_the_groups_answer_and_the_evaluator_sees_no_report(province, org_expert, agency_officer):
    case = fault_report_file(actor=agency_officer, category="page", description=DESCRIPTION)
    assert perms.may(org_expert, "support.case", "act", case)
    evaluator = UserFactory(organization=province, roles=[Role.EVALUATOR])
    assert case not in Case.objects.visible_to(evaluator)
