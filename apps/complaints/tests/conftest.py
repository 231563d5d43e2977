"""Fixtures of the complaint tests: the Organization's deputy and a complaint filed by an agency officer."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.complaints.services import complaint_file


@pytest.fixture
def deputy(province):
    return UserFactory(organization=province, roles=[Role.ORG_DEPUTY], username="deputy")


@pytest.fixture
def file_complaint(agency_officer, org_expert, group_head, deputy):
    """Files a complaint about the training service; the Organization's staff exist to receive it."""

    def _file(actor=None, **overrides):
        fields = {
            "kind": "complaint",
            "subject": "service",
            "service": "training",
            "text": "دوره بدون اطلاع لغو شد.",
        }
        return complaint_file(actor=actor or agency_officer, **{**fields, **overrides})

    return _file


@pytest.fixture
def answered(file_complaint, org_expert):
    """A complaint answered by the Organization's expert."""
    from apps.complaints.services import complaint_assign
    from apps.workflow.services import perform

    def _answered(answer="دوره در هفته آینده برگزار می‌شود.", **overrides):
        case = complaint_assign(case=file_complaint(**overrides), actor=org_expert, assignee=org_expert)
        return perform(case, "answer", actor=org_expert, reason=answer)

    return _answered


@pytest.fixture
def closed_fault(agency_officer, org_expert):
    """A fault report of the agency resolved by the Organization: a closed case of another service."""
    from apps.support.services import fault_report_file
    from apps.workflow.services import perform

    case = fault_report_file(actor=agency_officer, category="page", description="دکمه ثبت کار نمی‌کند.")
    return perform(case, "resolve", actor=org_expert, reason="برطرف شد.")
