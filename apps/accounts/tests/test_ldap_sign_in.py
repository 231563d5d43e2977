"""Signing in with the province's LDAP directory, against a real slapd: what the person sees, and the user the
desk makes of their entry and groups."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.permissions import Principal, principals_of
from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory

from .conftest import DIRECTORY_PASSWORD

pytestmark = pytest.mark.servers


def _login(client, username, password=DIRECTORY_PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def test_an_agency_officer_signs_in_with_the_directory_password_and_lands_on_the_cartable(
    client, ldap_sign_in, agency
):
    response = _login(client, "rahimi")
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    page = client.get(reverse("workflow:cartable"))
    assert page.status_code == 200
    assert "علی رحیمی" in page.content.decode()

    user = User.objects.get(username="rahimi")
    assert (user.organization, user.roles, user.unit) == (agency, [Role.AGENCY_OFFICER], None)
    assert (user.national_id, user.mobile, user.email) == (
        "0012345679",
        "09161234567",
        "rahimi@khuzestan.example.ir",
    )
    # The directory keeps the password: the desk holds none that could sign in.
    assert not user.has_usable_password()
    assert principals_of(user) == {Principal.AGENCY_OFFICER}


def test_a_wrong_directory_password_is_refused_in_persian(client, ldap_sign_in, agency):
    response = _login(client, "rahimi", "not-the-password")
    assert response.status_code == 200
    assert "نام کاربری یا گذرواژه درست نیست" in response.content.decode()
    assert not User.objects.filter(username="rahimi").exists()


def test_a_province_expert_gets_the_organization_group_and_role_of_their_groups(
    client, ldap_sign_in, province
):
    training = OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    assert _login(client, "nazari").status_code == 302
    user = User.objects.get(username="nazari")
    assert (user.organization, user.unit, user.roles) == (province, training, [Role.ORG_EXPERT])
    assert principals_of(user) == {Principal.TRAINING_EXPERT}


def test_the_directory_updates_the_person_the_desk_already_knows_by_national_id(
    client, ldap_sign_in, agency, province
):
    known = UserFactory(
        username="karimi.m", organization=agency, roles=[Role.AGENCY_HR], national_id="0499370899", mobile=""
    )
    assert _login(client, "karimi").status_code == 302
    known.refresh_from_db()
    assert (known.username, known.organization, known.roles) == ("karimi.m", province, [Role.ORG_DEPUTY])
    assert (known.first_name, known.last_name, known.mobile) == ("مریم", "کریمی", "09161112233")
    assert User.objects.filter(national_id="0499370899").count() == 1
    # The desk's own password still signs them in where the embedded login is used.
    assert known.has_usable_password()


def test_a_person_in_no_group_of_the_desk_is_told_they_have_no_role(client, ldap_sign_in, agency):
    response = _login(client, "stranger")
    assert response.status_code == 200
    assert "برای شما در میز خدمت نقشی تعریف نشده است" in response.content.decode()
    assert client.get(reverse("workflow:cartable")).status_code == 302
    assert not User.objects.filter(username="stranger").exists()


def test_groups_naming_two_agencies_are_refused(client, ldap_sign_in, agency, other_agency):
    response = _login(client, "twohats")
    assert "بیش از یک سازمان" in response.content.decode()
    assert not User.objects.filter(username="twohats").exists()


def test_an_organization_the_desk_does_not_know_is_named_in_the_refusal(client, ldap_sign_in, db):
    response = _login(client, "rahimi")
    assert "سازمان شما (کد ۱۰۱) در میز خدمت شناخته نیست" in response.content.decode()


def test_a_deactivated_user_is_not_let_back_in_by_the_directory(client, ldap_sign_in, agency):
    UserFactory(username="rahimi", organization=agency, roles=[Role.AGENCY_OFFICER], is_active=False)
    response = _login(client, "rahimi")
    assert "این حساب در میز خدمت غیرفعال است" in response.content.decode()
    assert client.get(reverse("workflow:cartable")).status_code == 302


def test_the_desks_own_accounts_still_sign_in_beside_the_directory(
    client, ldap_sign_in, agency_officer, password
):
    assert _login(client, agency_officer.username, password).status_code == 302
    assert client.get(reverse("workflow:cartable")).status_code == 200


def test_a_deputy_from_the_directory_must_set_up_a_second_factor_first(
    client, ldap_sign_in, province, settings
):
    settings.KHEDMAT_REQUIRE_2FA = True
    assert _login(client, "karimi").status_code == 302
    held = client.get(reverse("workflow:cartable"))
    assert held.status_code == 302 and held["Location"] == reverse("accounts:second_factor_setup")
    page = client.get(held["Location"]).content.decode()
    assert "برای نقش شما ورود دومرحله‌ای الزامی است" in page
