"""The Jalali calendar under a date field, used with the keyboard alone in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_day_is_picked_from_the_calendar_with_the_keyboard(page, org_expert, password):
    _sign_in(page, org_expert, password)
    page.goto("/complaints/satisfaction/")
    field = page.locator("#id_start")
    calendar = page.locator("jdp-container")

    # Typing still works, and the calendar opens with ↓ on the typed month, in Persian.
    field.focus()
    page.keyboard.type("1405/01/15")
    page.keyboard.press("ArrowDown")
    assert calendar.is_visible()
    assert "فروردین" in calendar.locator(".jdp-month select option:checked").inner_text()
    assert calendar.locator(".jdp-kbd-active").inner_text() == "۱۵"

    # Escape closes it and the focus stays in the field.
    page.keyboard.press("Escape")
    assert not calendar.is_visible()
    assert page.evaluate("document.activeElement.id") == "id_start"

    # ↓ opens it again; ← is the next day (right to left), ↓ a week on, PageDown the next month.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    assert calendar.locator(".jdp-kbd-active").inner_text() == "۲۳"
    page.keyboard.press("PageDown")
    assert "اردیبهشت" in calendar.locator(".jdp-month select option:checked").inner_text()
    page.keyboard.press("Enter")

    assert field.input_value() == "۱۴۰۵/۰۲/۲۳"
    assert not calendar.is_visible()
    assert page.evaluate("document.activeElement.id") == "id_start"
    # The field keeps its label and the server takes the picked date.
    assert page.locator("label[for=id_start]").inner_text().strip() == "از تاریخ"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "start=" in page.url
    assert page.locator("#id_start").input_value() == "۱۴۰۵/۰۲/۲۳"
