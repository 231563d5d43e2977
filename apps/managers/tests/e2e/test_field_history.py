"""The field history in Chromium: folded under its title, opened from the keyboard, no sideways scroll at 390 px."""

import pytest

from apps.core.field_history import recorded_as
from apps.managers.services import profiles as profile_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_history_opens_from_the_keyboard_and_fits_the_screen(
    page, sign_in, head, hr, make_profile, width
):
    profile = make_profile()
    with recorded_as(hr):
        # A long unbroken value (an address pasted without spaces) must wrap, not widen the page.
        profile_services.profile_save(
            actor=hr, profile=profile, data={"address": "اهواز-" * 40, "children": 3}
        )
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    sign_in(head)
    page.goto(f"/managers/profiles/{profile.pk}/")
    history = page.locator("[data-testid=field-history]")
    assert not history.locator("[data-testid=field-change]").first.is_visible()  # folded
    history.locator("summary").focus()
    page.keyboard.press("Enter")
    change = history.locator("[data-testid=field-change]", has_text="تعداد فرزندان")
    assert change.is_visible()
    assert change.locator("[data-testid=field-change-new]").inner_text() == "۳"
    assert hr.get_full_name() in change.inner_text()
    assert page.evaluate(NO_OVERFLOW)
