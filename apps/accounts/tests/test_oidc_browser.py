"""In Chromium: an agency officer signs in through the province's OpenID Connect provider (a real one,
running locally) and lands on their page of the desk."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.servers, pytest.mark.django_db(transaction=True)]


def test_an_agency_officer_signs_in_through_the_provider_and_lands_on_their_page(page, oidc_sign_in, agency):
    oidc_sign_in.people(
        {
            "s.ahmadi": {
                "password": "Ramz-Yekparcheh-1405",
                "claims": {
                    "preferred_username": "s.ahmadi",
                    "given_name": "سارا",
                    "family_name": "احمدی",
                    "national_id": "0012345679",
                    "organization_code": agency.code,
                    "roles": ["agency_officer"],
                },
            }
        }
    )
    page.goto(reverse("accounts:login"))
    page.get_by_role("link", name="ورود با سامانه یکپارچه استان").click()
    # The provider's own page, on its own port.
    page.wait_for_url(f"{oidc_sign_in.url}/login/**")
    page.fill("#id_username", "s.ahmadi")
    page.fill("#id_password", "Ramz-Yekparcheh-1405")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"**{reverse('core:landing')}")
    assert page.get_by_test_id("user-menu").inner_text() == "سارا احمدی"
    page.get_by_test_id("user-menu").click()
    assert agency.name in page.locator(".dropdown-header").inner_text()
    user = User.objects.get(username="s.ahmadi")
    assert (user.organization_id, user.roles) == (agency.pk, [Role.AGENCY_OFFICER])
