"""The top bar in Chromium: at 390 px the name, the messages and sign-out stay reachable, the menu collapses,
and the landing page fits the width; at 1,280 px the bar is one line."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_on_a_phone_the_name_messages_and_sign_out_are_reachable_without_overflow(
    page, sign_in, sign_out, menu, agency_officer
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(agency_officer)
    assert page.evaluate(NO_OVERFLOW)
    assert page.is_visible("[data-testid=inbox-link]")
    assert page.is_visible("[data-testid=user-menu]")
    assert not page.is_visible("#mainnav")
    # The service menu opens from the toggler, and a service's dropdown with the keyboard.
    page.click(".navbar-toggler")
    page.focus("#mainnav .dropdown-toggle:text-is('میز خدمت')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#mainnav .dropdown-item:text-is('گزارش خطا')", state="visible")
    assert page.evaluate(NO_OVERFLOW)
    page.click(".navbar-toggler")
    page.click("[data-testid=inbox-link]")
    page.wait_for_url("**/messages/**")
    assert page.evaluate(NO_OVERFLOW)
    sign_out()


def test_at_1280_the_bar_is_one_line_with_the_name_and_sign_out(page, sign_in, head_of_organization):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(head_of_organization)
    assert page.evaluate(NO_OVERFLOW)
    bar = page.locator(".desk-navbar").bounding_box()
    assert bar["height"] < 80
    name = page.locator("[data-testid=user-menu]").bounding_box()
    assert name["x"] >= 0 and name["x"] + name["width"] <= 1280
    page.click("[data-testid=user-menu]")
    assert page.is_visible("[data-testid=sign-out]")


@pytest.fixture
def head_of_organization(province):
    from apps.accounts.roles import Role
    from apps.accounts.tests.factories import UserFactory

    return UserFactory(organization=province, roles=[Role.ORG_HEAD], username="head")
