"""Signing in and out, throttling, two-step sign-in, passwords and API tokens, as a user meets them."""

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import ApiToken
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory


def _a_page_request(client):
    """A signed-in page's request, its user forgotten: `get_user` reads it again as the next request would."""
    request = client.get(reverse("workflow:cartable")).wsgi_request
    request.user = None
    return request


def _login(client, username, password, **extra):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def test_a_user_signs_in_lands_on_their_desk_and_signs_out(client, agency_officer, password):
    response = _login(client, agency_officer.username, password)
    # The front door sends each signed-in person to their landing page, with their cartable a click away.
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home"))["Location"] == reverse("core:landing")
    assert client.get(reverse("core:landing")).status_code == 200
    assert client.get(reverse("workflow:cartable")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("workflow:cartable")).status_code == 302


def test_a_wrong_password_gets_a_persian_error(client, agency_officer):
    response = _login(client, agency_officer.username, "not-the-password")
    assert response.status_code == 200
    assert "نام کاربری یا گذرواژه درست نیست" in response.content.decode()


def test_passwords_are_hashed_with_argon2(settings, agency_officer, password):
    from khedmat import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS
    agency_officer.set_password(password)
    agency_officer.save()
    agency_officer.refresh_from_db()
    assert agency_officer.password.startswith("argon2")
    assert agency_officer.check_password(password)


def test_five_failures_lock_the_account_out(client, agency_officer, password):
    for _ in range(5):
        _login(client, agency_officer.username, "wrong-password")
    response = _login(client, agency_officer.username, password)
    assert "ورود با این نام کاربری برای مدتی بسته شد" in response.content.decode()
    assert client.get(reverse("workflow:cartable")).status_code == 302


def test_staff_turn_on_two_step_sign_in_and_then_need_the_code(client, org_expert, password):
    client.force_login(org_expert)
    client.post(reverse("accounts:totp_start"))
    device = TOTPDevice.objects.get(user=org_expert)
    assert "<svg" in client.get(reverse("accounts:profile")).content.decode()
    code = _current_code(device)
    client.post(reverse("accounts:totp_confirm"), {"token": code})
    device.refresh_from_db()
    assert device.confirmed
    client.post(reverse("accounts:logout"))

    without = _login(client, org_expert.username, password)
    assert "کد تأیید دومرحله‌ای درست نیست" in without.content.decode()
    device.refresh_from_db()
    device.last_t = -1  # a fresh step, as the next code the user types would be
    device.save()
    persian_code = _current_code(device).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    with_code = _login(client, org_expert.username, password, otp_token=persian_code)
    assert with_code.status_code == 302


def test_a_wrong_code_does_not_turn_two_step_sign_in_on(client, org_expert):
    client.force_login(org_expert)
    client.post(reverse("accounts:totp_start"))
    wrong = client.post(reverse("accounts:totp_confirm"), {"token": "000000"}, follow=True)
    assert "درست نیست" in wrong.content.decode()
    assert not TOTPDevice.objects.get(user=org_expert).confirmed


def _current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_agency_users_are_not_offered_two_step_sign_in(client, agency_officer):
    client.force_login(agency_officer)
    response = client.post(reverse("accounts:totp_start"), follow=True)
    assert "کارکنان سازمان" in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_a_user_changes_the_password(client, agency_officer, password):
    client.force_login(agency_officer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": "Tazeh-Ramz-1405!", "new_password2": "Tazeh-Ramz-1405!"},
        follow=True,
    )
    assert "گذرواژه شما تغییر کرد" in response.content.decode()
    agency_officer.refresh_from_db()
    assert agency_officer.check_password("Tazeh-Ramz-1405!")


def test_a_forgotten_password_is_reset_through_the_emailed_link(client, agency_officer):
    client.post(reverse("accounts:password_reset"), {"email": agency_officer.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Yek-Ramz-Tazeh-99", "new_password2": "Yek-Ramz-Tazeh-99"},
    )
    assert response.status_code == 302
    agency_officer.refresh_from_db()
    assert agency_officer.check_password("Yek-Ramz-Tazeh-99")


def test_an_api_token_is_shown_once_and_stored_hashed(client, agency_officer):
    client.force_login(agency_officer)
    page = client.post(
        reverse("accounts:token_create"), {"name": "سامانه دستگاه"}, follow=True
    ).content.decode()
    token = ApiToken.objects.get(user=agency_officer)
    key = page.split('data-testid="new-token">')[1].split("<")[0]
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert 'data-testid="new-token"' not in client.get(reverse("accounts:profile")).content.decode()
    assert (
        client.get("/api/me", headers={"Authorization": f"Bearer {key}"}).json()["username"]
        == agency_officer.username
    )


@pytest.mark.parametrize("national_id", ["0000000000", "1234567890", "12345", "۰۰۱۲۳"])
def test_a_user_with_an_invalid_national_id_is_refused(national_id, agency):
    user = UserFactory.build(organization=agency, national_id=national_id)
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert "کد ملی معتبر نیست" in str(refused.value)


def test_roles_must_belong_to_the_users_kind_of_organization(agency):
    user = UserFactory.build(organization=agency, roles=["org_deputy"])
    with pytest.raises(ValidationError):
        user.full_clean()


def test_a_signed_in_request_reads_the_user_and_their_organization_in_one_query(
    client, agency_officer, password, django_assert_num_queries
):
    _login(client, agency_officer.username, password)
    request = _a_page_request(client)
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user == agency_officer
        assert user.organization.name == agency_officer.organization.name


def test_a_deactivated_user_is_signed_out_on_their_next_request(client, agency_officer, password):
    _login(client, agency_officer.username, password)
    agency_officer.is_active = False
    agency_officer.save(update_fields=["is_active"])
    assert client.get(reverse("workflow:cartable")).status_code == 302


@pytest.fixture
def kept_users(settings):
    """As deployed with Redis: the signed-in user's row is kept until the next write to the database."""
    settings.KHEDMAT_LIST_CACHE = True


@pytest.mark.django_db(transaction=True)
def test_a_kept_user_is_read_again_only_after_a_write(
    client, agency_officer, password, kept_users, django_assert_num_queries
):
    _login(client, agency_officer.username, password)
    request = _a_page_request(client)
    with django_assert_num_queries(0):
        assert get_user(request) == agency_officer
    agency_officer.first_name = "نام تازه"
    agency_officer.save(update_fields=["first_name"])
    request.user = None
    with django_assert_num_queries(1):
        assert get_user(request).first_name == "نام تازه"


@pytest.mark.django_db(transaction=True)
def test_a_kept_user_deactivated_or_given_a_new_password_is_signed_out(
    client, agency_officer, password, kept_users
):
    _login(client, agency_officer.username, password)
    assert get_user(_a_page_request(client)) == agency_officer
    agency_officer.is_active = False
    agency_officer.save(update_fields=["is_active"])
    assert client.get(reverse("workflow:cartable")).status_code == 302

    agency_officer.is_active = True
    agency_officer.save(update_fields=["is_active"])
    _login(client, agency_officer.username, password)
    assert get_user(_a_page_request(client)) == agency_officer
    agency_officer.set_password("Another-Password-1405")
    agency_officer.save(update_fields=["password"])
    assert client.get(reverse("workflow:cartable")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_kept_user_given_other_roles_works_with_them_from_the_next_request(
    client, agency_officer, password, kept_users
):
    """What a person is to the desk is kept with their row (`DeskBackend`), and read afresh with it."""
    _login(client, agency_officer.username, password)
    fault = "/support/faults/new/"
    assert client.get(fault).status_code == 200
    assert f'href="{fault}"' in client.get(reverse("core:landing")).content.decode()
    agency_officer.roles = []
    agency_officer.save(update_fields=["roles"])
    refused = client.get(fault)
    assert refused.status_code == 403 and refused["X-Khedmat-Refused"] == "403"
    assert f'href="{fault}"' not in client.get(reverse("core:landing")).content.decode()
    agency_officer.roles = [Role.AGENCY_OFFICER]
    agency_officer.save(update_fields=["roles"])
    assert client.get(fault).status_code == 200
