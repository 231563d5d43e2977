"""The permission model itself: who a person is to the desk, deny by default, refusals written down."""

from pathlib import Path

import pytest
from django.conf import settings

from apps.accounts import permissions as perms
from apps.accounts.models import SecurityEvent
from apps.accounts.permissions import Principal, Refused
from apps.accounts.roles import Role
from apps.accounts.security import REFUSED_HEADER, REPEATED_REFUSALS
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory


@pytest.fixture
def training_unit(province):
    return OrgUnitFactory(organization=province, code="training", name="گروه آموزش و توانمندسازی")


@pytest.fixture
def admin(province):
    return UserFactory(organization=province, roles=[], is_superuser=True, is_staff=True, username="root")


def test_an_expert_is_to_the_desk_what_their_group_makes_them(province, management_unit, training_unit):
    trainer = UserFactory(organization=province, unit=training_unit, roles=[Role.ORG_EXPERT])
    manager = UserFactory(organization=province, unit=management_unit, roles=[Role.ORG_EXPERT])
    head = UserFactory(organization=province, unit=training_unit, roles=[Role.ORG_GROUP_HEAD])
    assert perms.principals_of(trainer) == {Principal.TRAINING_EXPERT}
    assert perms.principals_of(manager) == {Principal.MANAGEMENT_EXPERT}
    assert perms.principals_of(head) == {Principal.TRAINING_HEAD}


def test_an_expert_of_a_group_without_a_service_gets_nothing(province):
    budget = OrgUnitFactory(organization=province, code="budget", name="گروه بودجه و تشکیلات")
    assert (
        perms.principals_of(UserFactory(organization=province, unit=budget, roles=[Role.ORG_EXPERT])) == set()
    )
    assert (
        perms.principals_of(UserFactory(organization=province, unit=None, roles=[Role.ORG_EXPERT])) == set()
    )


def test_a_learner_of_an_agency_is_its_employee_and_a_deactivated_one_is_nobody(agency):
    learner = UserFactory(organization=agency, roles=[Role.LEARNER])
    assert perms.principals_of(learner) == {Principal.EMPLOYEE}
    learner.is_active = False
    learner._desk_principals = None
    assert perms.principals_of(learner) == set()


def test_an_agency_role_held_in_the_province_gives_nothing(province):
    # A role only counts in the kind of organization it belongs to: no agency officer inside the province.
    misplaced = UserFactory(organization=province, roles=[Role.AGENCY_OFFICER])
    assert perms.principals_of(misplaced) == set()


def test_what_the_table_does_not_grant_is_refused(agency_officer, admin):
    kind = "accounts.security_event"
    assert perms.may(admin, kind, "view")
    assert not perms.may(agency_officer, kind, "view")
    # An action nobody was granted is refused even to the administrator.
    assert not perms.may(admin, kind, "edit")
    assert not perms.visible(SecurityEvent.objects.all(), agency_officer).exists()


def test_every_granted_scope_is_one_its_kind_can_find():
    assert perms.declaration_errors() == []


def test_a_refused_page_answers_403_and_is_written_down(login, agency_officer):
    response = login(agency_officer).get("/accounts/security/")
    assert response.status_code == 403
    assert response[REFUSED_HEADER] == "403"
    event = SecurityEvent.objects.get()
    assert (event.user, event.path, event.status, event.kind) == (
        agency_officer,
        "/accounts/security/",
        403,
        "accounts.security_event",
    )


def test_get_or_refuse_hides_a_row_out_of_reach_as_not_found(agency_officer, admin):
    SecurityEvent.objects.create(username="x", method="GET", path="/", status=403)
    row = SecurityEvent.objects.get()
    assert perms.get_or_refuse(SecurityEvent.objects.all(), admin, pk=row.pk) == row
    with pytest.raises(Refused) as refused:
        perms.get_or_refuse(SecurityEvent.objects.all(), agency_officer, pk=row.pk)
    assert refused.value.status == 404


def test_a_signed_out_visitor_is_sent_to_sign_in_not_refused(db, client):
    response = client.get("/accounts/security/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not SecurityEvent.objects.exists()


def test_the_administrator_sees_an_account_refused_again_and_again(login, client, agency_officer, admin):
    officer_client = login(agency_officer)
    for _ in range(REPEATED_REFUSALS):
        officer_client.get("/accounts/security/")
    client.force_login(admin)
    body = client.get("/accounts/security/").content.decode()
    assert agency_officer.username in body
    assert "۵" in body


def test_an_account_refused_fewer_times_is_not_listed(login, client, agency_officer, admin):
    officer_client = login(agency_officer)
    for _ in range(REPEATED_REFUSALS - 1):
        officer_client.get("/accounts/security/")
    client.force_login(admin)
    response = client.get("/accounts/security/")
    assert "هیچ حسابی بارها رد نشده است" in response.content.decode()


def test_the_administrator_reads_the_whole_table(client, admin):
    client.force_login(admin)
    body = client.get("/accounts/permissions/").content.decode()
    assert 'dir="rtl"' in body
    for entry in perms.matrix():
        assert entry.name in body


def test_the_menu_offers_the_table_to_the_administrator_alone(login, client, agency_officer, admin):
    assert "/accounts/permissions/" not in login(agency_officer).get("/accounts/profile/").content.decode()
    client.force_login(admin)
    assert "/accounts/permissions/" in client.get("/accounts/profile/").content.decode()


def test_docs_permissions_md_is_the_table_as_declared():
    written = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert written == perms.matrix_markdown() + "\n", "run manage.py permissions_docs"


@pytest.mark.urls("apps.accounts.tests.undeclared_urls")
def test_a_page_that_declares_no_rule_is_refused_to_everyone(login, client, admin):
    # Deny by default: the administrator is refused as well, and the refusal is written down.
    client.force_login(admin)
    response = client.get("/undeclared/")
    assert response.status_code == 403
    assert response[REFUSED_HEADER] == "403"
    assert b"secret" not in response.content
    assert SecurityEvent.objects.get().kind == "undeclared"


def test_an_id_of_the_wrong_type_names_no_row(agency_officer, admin):
    # The API checks the row before ninja reads the path's types, so "abc" for an id must be a 404, not a 500.
    with pytest.raises(Refused) as refused:
        perms.get_or_refuse(SecurityEvent.objects.all(), admin, pk="abc")
    assert refused.value.status == 404
