"""The complaints app's rows of the permission table at their boundaries: a complaint is its filer's and
their agency's officer's and head's, handled by the management group; the reports area shows each group
its own services' dashboards; satisfaction scores are the province staff's."""

import re

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory
from apps.complaints.services import complaint_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(agency):
    return UserFactory(organization=agency, roles=[Role.LEARNER], username="learner")


@pytest.fixture
def colleague(agency):
    return UserFactory(organization=agency, roles=[Role.LEARNER], username="colleague")


@pytest.fixture
def trainer(province):
    unit = OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    return UserFactory(organization=province, unit=unit, roles=[Role.ORG_EXPERT], username="trainer")


def _learners_complaint(learner):
    return complaint_file(
        actor=learner, kind="complaint", subject="service", service="training", text="گواهی من صادر نشده است."
    )


def _refused(response) -> int:
    return int(response[REFUSED_HEADER]) if response.has_header(REFUSED_HEADER) else 0


def test_a_learner_cannot_read_a_colleagues_complaint_but_their_officer_can(
    login, learner, colleague, agency_officer, org_expert
):
    case = _learners_complaint(learner)
    api = f"/api/complaints/complaints/{case.tracking_code}"
    assert login(learner).get(api).status_code == 200
    client = login(colleague)
    assert _refused(client.get(api)) == 404
    assert _refused(client.get(reverse("workflow:case_detail", args=[case.tracking_code]))) == 404
    assert client.get("/api/complaints/complaints").json()["items"] == []
    # The agency's officer follows what is filed from the agency, but the answer is the filer's to rate.
    officer = login(agency_officer)
    assert officer.get(api).status_code == 200
    rated = officer.post(f"{api}/rate", {"rating": 5}, content_type="application/json")
    assert rated.status_code == 403 and _refused(rated) == 403


def test_the_training_group_reaches_no_complaint(login, learner, trainer, org_expert):
    case = _learners_complaint(learner)
    client = login(trainer)
    assert _refused(client.get(reverse("complaints:complaint_list"))) == 403
    assert _refused(client.get(f"/api/complaints/complaints/{case.tracking_code}")) == 404
    # The management group handles it.
    assert login(org_expert).get(f"/api/complaints/complaints/{case.tracking_code}").status_code == 200


def test_the_training_group_sees_only_the_training_dashboard_in_the_reports_area(login, trainer):
    body = login(trainer).get(reverse("complaints:reports")).content.decode()
    assert set(re.findall(r'data-testid="dashboard-([\w-]+)"', body)) == {"training"}


def test_the_reports_area_is_not_an_employees(login, learner):
    response = login(learner).get(reverse("complaints:reports"))
    assert _refused(response) == 403
    assert (
        reverse("complaints:reports")
        not in login(learner).get(reverse("complaints:complaint_list")).content.decode()
    )


def test_an_agency_officer_cannot_see_the_satisfaction_page(login, agency_officer, org_expert):
    client = login(agency_officer)
    response = client.get(reverse("complaints:satisfaction"))
    assert response.status_code == 403 and _refused(response) == 403
    assert _refused(client.get(reverse("complaints:satisfaction"), {"format": "xlsx"})) == 403
    # Nor in the menu, nor as a table of their agency's dashboard.
    reports = client.get(reverse("complaints:reports")).content.decode()
    assert reverse("complaints:satisfaction") not in reports and "رضایت خدمت‌گیرندگان" not in reports
    assert login(org_expert).get(reverse("complaints:satisfaction")).status_code == 200


def test_the_organization_does_not_file_complaints(login, org_expert):
    client = login(org_expert)
    assert _refused(client.get(reverse("complaints:complaint_new"))) == 403
    filed = client.post(
        "/api/complaints/complaints",
        {"kind": "complaint", "subject": "service", "service": "training", "text": "متن شکایت آزمایشی"},
        content_type="application/json",
    )
    assert _refused(filed) == 403


def test_tracking_and_service_levels_are_public(client):
    assert client.get(reverse("complaints:complaint_track")).status_code == 200
    assert client.get(reverse("complaints:service_level_index")).status_code == 200
    assert client.get(reverse("complaints:availability")).status_code == 200
    assert client.get(reverse("complaints:complaint_list")).status_code == 302
