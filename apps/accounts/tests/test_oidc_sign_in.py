"""Signing in through the province's OpenID Connect provider, against a real provider (django-oauth-toolkit in
its own process): the button, the round trip, the user made of the claims, and the refusals a person reads."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User
from apps.accounts.permissions import Principal, principals_of
from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.servers

SSO_PASSWORD = "Ramz-Yekparcheh-1405"


def _person(claims: dict) -> dict:
    return {"password": SSO_PASSWORD, "claims": claims}


OFFICER_CLAIMS = {
    "preferred_username": "s.ahmadi",
    "given_name": "سارا",
    "family_name": "احمدی",
    "email": "s.ahmadi@ostandari.example.ir",
    "national_id": "۰۰۱۲۳۴۵۶۷۹",
    "phone_number": "+98 916 765 4321",
    "organization_code": "101",
    "roles": ["agency_officer"],
}


@pytest.fixture
def desk():
    # The desk as the browser reaches it on this machine: the provider accepts loopback callbacks on any port.
    return Client(HTTP_HOST="127.0.0.1")


def _sign_in_through_the_provider(desk, provider, username="s.ahmadi", password=SSO_PASSWORD, next_url=""):
    start = desk.get(reverse("accounts:oidc_start") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.endpoint("authorize"))
    back = provider.sign_in(start["Location"], username, password)
    assert back.startswith("http://127.0.0.1/accounts/oidc/callback/?")
    return desk.get(urlsplit(back).path + "?" + urlsplit(back).query)


def test_the_sign_in_page_offers_the_provider_only_when_it_is_on(desk, settings, db):
    assert "ورود با سامانه یکپارچه" not in desk.get(reverse("accounts:login")).content.decode()
    assert desk.get(reverse("accounts:oidc_start")).status_code == 404
    settings.KHEDMAT_OIDC = True
    settings.KHEDMAT_OIDC_LABEL = "ورود با سامانه یکپارچه استان"
    assert "ورود با سامانه یکپارچه استان" in desk.get(reverse("accounts:login")).content.decode()


def test_an_agency_officer_signs_in_through_the_provider_and_lands_on_the_cartable(
    desk, oidc_sign_in, agency
):
    oidc_sign_in.people({"s.ahmadi": _person(OFFICER_CLAIMS)})
    response = _sign_in_through_the_provider(desk, oidc_sign_in)
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    page = desk.get(reverse("workflow:cartable"))
    assert page.status_code == 200 and "سارا احمدی" in page.content.decode()

    user = User.objects.get(username="s.ahmadi")
    assert (user.organization, user.roles, user.unit) == (agency, [Role.AGENCY_OFFICER], None)
    assert (user.national_id, user.mobile) == ("0012345679", "09167654321")
    assert not user.has_usable_password()
    assert principals_of(user) == {Principal.AGENCY_OFFICER}


def test_the_provider_sends_the_person_back_to_the_page_they_asked_for(desk, oidc_sign_in, agency):
    oidc_sign_in.people({"s.ahmadi": _person(OFFICER_CLAIMS)})
    response = _sign_in_through_the_provider(desk, oidc_sign_in, next_url=reverse("accounts:profile"))
    assert response["Location"] == reverse("accounts:profile")


def test_the_provider_s_role_names_map_to_the_desk_s_roles_and_its_unit_to_the_group(
    desk, oidc_sign_in, province, settings
):
    OrgUnitFactory(organization=province, code="training", name="گروه آموزش")
    settings.KHEDMAT_OIDC_ROLES = {"Khedmat-Training-Head": Role.ORG_GROUP_HEAD.value}
    oidc_sign_in.people(
        {
            "m.rostami": _person(
                {
                    "preferred_username": "m.rostami",
                    "given_name": "مهدی",
                    "family_name": "رستمی",
                    "organization_code": "P",
                    "unit": "training",
                    # Names the desk does not know (another system's roles) are left out.
                    "roles": "Khedmat-Training-Head mail-users",
                }
            )
        }
    )
    assert _sign_in_through_the_provider(desk, oidc_sign_in, "m.rostami").status_code == 302
    user = User.objects.get(username="m.rostami")
    assert (user.roles, user.unit.code) == ([Role.ORG_GROUP_HEAD], "training")
    assert principals_of(user) == {Principal.TRAINING_HEAD}


def test_a_second_sign_in_updates_the_person_from_the_claims(desk, oidc_sign_in, agency, other_agency):
    existing = UserFactory(username="s.ahmadi", organization=agency, roles=[Role.AGENCY_HR])
    oidc_sign_in.people({"s.ahmadi": _person({**OFFICER_CLAIMS, "organization_code": "102"})})
    _sign_in_through_the_provider(desk, oidc_sign_in)
    existing.refresh_from_db()
    assert (existing.organization, existing.roles, existing.first_name) == (
        other_agency,
        [Role.AGENCY_OFFICER],
        "سارا",
    )
    assert User.objects.filter(username="s.ahmadi").count() == 1


def test_an_unknown_organization_is_refused_with_its_reason_on_the_sign_in_page(desk, oidc_sign_in, agency):
    oidc_sign_in.people({"s.ahmadi": _person({**OFFICER_CLAIMS, "organization_code": "999"})})
    response = _sign_in_through_the_provider(desk, oidc_sign_in)
    assert response["Location"] == reverse("accounts:login")
    page = desk.get(response["Location"]).content.decode()
    assert "سازمان شما (کد ۹۹۹) در میز خدمت شناخته نیست" in page
    assert not User.objects.filter(username="s.ahmadi").exists()
    assert desk.get(reverse("workflow:cartable")).status_code == 302


def test_a_role_of_another_kind_of_organization_is_no_role_here(desk, oidc_sign_in, agency):
    oidc_sign_in.people({"s.ahmadi": _person({**OFFICER_CLAIMS, "roles": ["org_deputy"]})})
    response = _sign_in_through_the_provider(desk, oidc_sign_in)
    assert "برای شما در میز خدمت نقشی تعریف نشده است" in desk.get(response["Location"]).content.decode()


def test_a_desk_with_the_wrong_client_secret_signs_nobody_in(desk, oidc_sign_in, agency, settings, caplog):
    settings.OIDC_RP_CLIENT_SECRET = "not-the-secret"
    oidc_sign_in.people({"s.ahmadi": _person(OFFICER_CLAIMS)})
    response = _sign_in_through_the_provider(desk, oidc_sign_in)
    assert response["Location"] == reverse("accounts:login")
    assert "ورود با سامانه یکپارچه انجام نشد" in desk.get(reverse("accounts:login")).content.decode()
    # The administrators read the provider's refusal of the token request in the log.
    assert "invalid_client" in caplog.text
    assert not User.objects.filter(username="s.ahmadi").exists()


def test_a_forged_callback_signs_nobody_in(desk, oidc_sign_in, agency):
    oidc_sign_in.people({"s.ahmadi": _person(OFFICER_CLAIMS)})
    start = desk.get(reverse("accounts:oidc_start"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = desk.get(reverse("accounts:oidc_callback"), {"code": "made-up", "state": state})
    assert response["Location"] == reverse("accounts:login")
    assert "ورود با سامانه یکپارچه انجام نشد" in desk.get(reverse("accounts:login")).content.decode()


def test_someone_with_two_step_sign_in_is_asked_the_code_after_the_provider(desk, oidc_sign_in, province):
    deputy = UserFactory(
        username="s.ahmadi", organization=province, roles=[Role.ORG_DEPUTY], national_id="0012345679"
    )
    device = TOTPDevice.objects.create(user=deputy, name="app", confirmed=True)
    oidc_sign_in.people(
        {"s.ahmadi": _person({**OFFICER_CLAIMS, "organization_code": "P", "roles": ["org_deputy"]})}
    )

    assert _sign_in_through_the_provider(desk, oidc_sign_in).status_code == 302
    held = desk.get(reverse("workflow:cartable"))
    assert held["Location"] == reverse("accounts:second_factor_verify")
    wrong = desk.post(held["Location"], {"token": "123456"})
    assert "کد تأیید دومرحله‌ای درست نیست" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong one
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    right = desk.post(held["Location"], {"token": f"{totp.token():06d}"})
    assert right.status_code == 302 and right["Location"] == reverse("core:home")
    assert desk.get(reverse("workflow:cartable")).status_code == 200
