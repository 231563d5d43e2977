"""The second factor as people meet it: required for the deputy, the head, the national officer and the
administrators when KHEDMAT_REQUIRE_2FA says so, set up before anything else, asked at sign-in; and the
ten recovery codes, shown once, each signing in once in place of the app's code."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import services
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture
def deputy(province):
    return UserFactory(organization=province, roles=[Role.ORG_DEPUTY], username="deputy")


@pytest.fixture
def national_officer(national):
    return UserFactory(organization=national, roles=[Role.NATIONAL_OFFICER], username="national")


def _login(client, username, password, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def _code(device) -> str:
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_a_deputy_without_a_device_is_sent_to_set_one_up_before_anything_else(
    client, deputy, password, settings
):
    settings.KHEDMAT_REQUIRE_2FA = True
    assert _login(client, deputy.username, password).status_code == 302
    setup = reverse("accounts:second_factor_setup")
    for page in (reverse("workflow:cartable"), reverse("accounts:profile"), "/admin/"):
        assert client.get(page)["Location"] == setup
    api = client.get("/api/me")
    assert api.status_code == 403 and "ورود دومرحله‌ای" in api.json()["detail"]
    # Public pages stay open, and the person may sign out.
    assert client.get(reverse("accounts:login")).status_code in (200, 302)

    page = client.get(setup).content.decode()
    assert "برای نقش شما ورود دومرحله‌ای الزامی است" in page
    client.post(setup, {"step": "start"})
    assert "<svg" in client.get(setup).content.decode()
    device = TOTPDevice.objects.get(user=deputy, confirmed=False)
    wrong = client.post(setup, {"step": "confirm", "token": "000000"}, follow=True)
    assert "کد واردشده درست نیست" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong one
    done = client.post(setup, {"step": "confirm", "token": _code(device).translate(PERSIAN)}, follow=True)
    assert "ورود دومرحله‌ای فعال شد" in done.content.decode()
    assert client.get(reverse("workflow:cartable")).status_code == 200


def test_with_a_device_the_deputy_s_sign_in_asks_the_code(client, deputy, password, settings):
    settings.KHEDMAT_REQUIRE_2FA = True
    device = _confirmed_device(deputy)
    without = _login(client, deputy.username, password)
    assert "کد تأیید دومرحله‌ای درست نیست" in without.content.decode()
    assert client.get(reverse("workflow:cartable")).status_code == 302
    with_code = _login(client, deputy.username, password, otp_token=_code(device))
    assert with_code.status_code == 302
    assert client.get(reverse("workflow:cartable")).status_code == 200


@pytest.mark.parametrize("who", ["national_officer", "admin"])
def test_the_national_officer_and_administrators_are_held_too(
    client, who, national_officer, province, password, settings
):
    settings.KHEDMAT_REQUIRE_2FA = True
    user = (
        national_officer
        if who == "national_officer"
        else UserFactory(organization=province, is_superuser=True)
    )
    _login(client, user.username, password)
    assert client.get(reverse("workflow:cartable"))["Location"] == reverse("accounts:second_factor_setup")
    # The national officer, not one of the province's staff, may still set one up.
    client.post(reverse("accounts:second_factor_setup"), {"step": "start"})
    assert TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_an_agency_officer_is_not_held(client, agency_officer, password, settings):
    settings.KHEDMAT_REQUIRE_2FA = True
    _login(client, agency_officer.username, password)
    assert client.get(reverse("workflow:cartable")).status_code == 200


def test_without_the_setting_a_deputy_works_without_a_second_factor(client, deputy, password, settings):
    settings.KHEDMAT_REQUIRE_2FA = False
    _login(client, deputy.username, password)
    assert client.get(reverse("workflow:cartable")).status_code == 200


def test_a_session_begun_before_the_setting_is_held_at_its_next_page(client, deputy, settings):
    client.force_login(deputy)
    settings.KHEDMAT_REQUIRE_2FA = True
    assert client.get(reverse("workflow:cartable"))["Location"] == reverse("accounts:second_factor_setup")


def test_ten_recovery_codes_are_shown_once_on_the_profile(client, org_expert):
    _confirmed_device(org_expert)
    client.force_login(org_expert)
    page = client.post(reverse("accounts:recovery_codes_create"), follow=True).content.decode()
    shown = page.split('data-testid="recovery-codes"')[1].split("</ol>")[0]
    codes = [c.replace("-", "") for c in shown.split("<code>")[1:]]
    codes = [c.split("</code>")[0] for c in codes]
    assert len(codes) == 10 and all(len(c) == 10 and c.isdigit() for c in codes)
    assert sorted(
        StaticToken.objects.filter(device__user=org_expert).values_list("token", flat=True)
    ) == sorted(codes)
    assert "۱۰ کد بازیابی استفاده‌نشده دارید" in page
    again = client.get(reverse("accounts:profile")).content.decode()
    assert 'data-testid="recovery-codes"' not in again and codes[0] not in again


def test_new_recovery_codes_void_the_old_ones(org_expert):
    _confirmed_device(org_expert)
    first = services.recovery_codes_create(user=org_expert)
    second = services.recovery_codes_create(user=org_expert)
    tokens = set(StaticToken.objects.filter(device__user=org_expert).values_list("token", flat=True))
    assert tokens == set(second) and not tokens & (set(first) - set(second))


def test_a_recovery_code_signs_in_once_in_place_of_the_app_s_code(client, org_expert, password):
    _confirmed_device(org_expert)
    code = services.recovery_codes_create(user=org_expert)[0]
    typed = f"{code[:5]}-{code[5:]}".translate(PERSIAN)  # as a person copies it, on a Persian keyboard
    assert _login(client, org_expert.username, password, otp_token=typed).status_code == 302
    assert client.get(reverse("workflow:cartable")).status_code == 200
    assert "۹ کد بازیابی استفاده‌نشده دارید" in client.get(reverse("accounts:profile")).content.decode()
    client.post(reverse("accounts:logout"))
    reused = _login(client, org_expert.username, password, otp_token=code)
    assert "کد تأیید دومرحله‌ای درست نیست" in reused.content.decode()


def test_recovery_codes_need_two_step_sign_in_first(client, org_expert):
    client.force_login(org_expert)
    page = client.post(reverse("accounts:recovery_codes_create"), follow=True).content.decode()
    assert "پس از فعال‌سازی ورود دومرحله‌ای" in page
    assert not StaticToken.objects.exists()


def test_a_recovery_code_answers_the_code_page_after_single_sign_on(client, deputy, settings):
    """The page the province's single sign-on sends a person with a device to (test_oidc_sign_in walks the
    whole trip through a real provider)."""
    settings.KHEDMAT_REQUIRE_2FA = True
    _confirmed_device(deputy)
    code = services.recovery_codes_create(user=deputy)[3]
    client.force_login(deputy)
    verify = reverse("accounts:second_factor_verify")
    assert client.get(reverse("workflow:cartable"))["Location"] == verify
    assert "یکی از کدهای بازیابی" in client.get(verify).content.decode()
    assert client.post(verify, {"token": code})["Location"] == reverse("core:home")
    assert client.get(reverse("workflow:cartable")).status_code == 200
