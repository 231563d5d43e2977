"""A substitute's day in a real browser: the group's head names one, who finds the head's case in their
cartable marked as such, answers it, and the history says they did it standing in for the head."""

import datetime as dt

import pytest

from apps.core.jalali import format_date, today
from apps.substitutes.models import Substitution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_substitute_finds_acts_on_and_is_recorded_for_the_absent_persons_case(
    page, sign_in, sign_out, menu, head, expert, escalated
):
    # The head, going on leave, names the expert from the menu.
    sign_in(head)
    menu("میز خدمت", "جانشین‌ها")
    page.click("text=تعیین جانشین")
    page.select_option("select[name=substitute]", str(expert.pk))
    page.fill("input[name=starts_on]", format_date(today()))
    page.fill("input[name=ends_on]", format_date(today() + dt.timedelta(days=2)))
    page.keyboard.press("Escape")
    page.fill("input[name=reason]", "مرخصی استحقاقی")
    page.click("button:has-text('ثبت جانشین')")
    page.wait_for_selector("text=جانشین تعیین شد.")
    row = page.locator("[data-testid=substitution-table] tbody tr").first
    assert "علی رضایی" in row.inner_text() and "فعال" in row.inner_text()
    assert Substitution.objects.get().substitute_id == expert.pk
    sign_out()

    # The expert's cartable holds the head's case, marked as the head's.
    sign_in(expert)
    page.goto("/cartable/")
    row = page.locator("[data-testid=case-table] tbody tr", has_text="گزارش خطا")
    assert row.count() == 1
    assert row.locator("[data-testid=on-behalf]").inner_text() == "به جانشینی از مریم احمدی"
    row.locator("a").first.click()

    # … answers it …
    page.fill("textarea[name=reason]", "خطا برطرف شد.")
    page.click("button:has-text('پاسخ و بستن')")
    page.wait_for_selector("text=اقدام ثبت شد")
    assert page.inner_text("[data-testid=case-state]") == "پاسخ داده شد"

    # … and the history names both.
    history = page.inner_text("body")
    assert "علی رضایی" in history and "به جانشینی از مریم احمدی" in history
