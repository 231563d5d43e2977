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
        fields = {"kind": "complaint", "subject": "service", "service": "training", "text": "دوره بدون اطلاع لغو شد."}
        return complaint_file(actor=actor or agency_officer, **{**fields, **overrides})

    return _file
