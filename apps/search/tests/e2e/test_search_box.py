"""The search box in Chromium: typed in the top bar at 390 px and at 1,280 px, its results open the row."""

import pytest

from apps.core.digits import to_persian_digits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_on_a_phone_an_officer_types_a_tracking_code_in_persian_digits_and_opens_the_case(
    page, sign_in, world
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(world.ours.officer)
    # The box is in the bar itself, not behind the collapsed menu.
    assert page.is_visible("#desk-search-q")
    assert page.evaluate(NO_OVERFLOW)
    page.fill("#desk-search-q", to_persian_digits(world.ours.case.tracking_code[:7]))
    page.press("#desk-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    results = page.locator("[data-testid=search-results]")
    assert world.ours.case.title in results.inner_text()
    assert world.theirs.case.title not in page.content()
    assert page.evaluate(NO_OVERFLOW)
    page.click(f"text={world.ours.case.title}")
    page.wait_for_url(f"**/cases/{world.ours.case.tracking_code}/")


def test_at_1280_the_bar_stays_one_line_and_a_name_typed_with_arabic_letters_is_found(page, sign_in, world):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(world.deputy)
    assert page.locator(".desk-navbar").bounding_box()["height"] < 80
    # Beside the menu the box opens from the magnifier, and takes the keyboard.
    assert not page.is_visible("#desk-search-q")
    page.click("[data-testid=search-toggle]")
    page.fill("#desk-search-q-wide", "علي كريمي")
    page.click("[data-testid=search-box-wide] button")
    page.wait_for_url("**/search/?q=*")
    assert world.ours.learner.full_name in page.locator("[data-testid=search-results]").inner_text()
    page.fill("#search-page-q", "ا")
    page.press("#search-page-q", "Enter")
    page.wait_for_selector("[data-testid=search-hint]")
    assert page.evaluate(NO_OVERFLOW)
