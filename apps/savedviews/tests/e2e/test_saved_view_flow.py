"""A saved view in a real browser: the expert filters the cartable, saves it as the default, signs out, and
the cartable opens filtered the next time they sign in."""

import pytest

from apps.savedviews.models import SavedView
from apps.support.models import FaultReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cartable_opens_on_the_view_saved_as_default(page, sign_in, sign_out, org_expert, faults):
    login_label, page_label = FaultReport.Category.LOGIN.label, FaultReport.Category.PAGE.label
    sign_in(org_expert)
    page.goto("/cartable/")
    assert page_label in page.inner_text("[data-testid=case-table]")
    # The cartable's own filters (the top bar has a search box of its own).
    filters = page.locator("form:has(#f-overdue)")
    filters.locator("input[name=q]").fill(login_label)
    filters.locator("button:has-text('جستجو')").click()
    page.wait_for_url("**/cartable/?q=*")

    page.click("summary:has-text('ذخیرهٔ این نما')")
    page.fill("input[name=name]", "خطاهای ورود")
    page.check("text=پیش‌فرض این فهرست")
    page.click("[data-testid=saved-views-form] button[type=submit]")
    page.wait_for_selector("text=نمای «خطاهای ورود» ذخیره شد.")
    assert SavedView.objects.get().is_default
    sign_out()

    sign_in(org_expert)
    page.click("#mainnav a:text-is('کارتابل')")
    page.wait_for_url("**/cartable/?q=*")
    assert page.inner_text("[data-testid=saved-views-active]") == "خطاهای ورود"
    rows = page.inner_text("[data-testid=case-table]")
    assert login_label in rows and page_label not in rows

    # The menu's «بدون فیلتر» shows the whole cartable again; at a phone's width nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("[data-testid=saved-views-menu]")
    page.click("text=بدون فیلتر")
    page.wait_for_url("**/cartable/?view=all")
    assert page_label in page.inner_text("[data-testid=case-table]")
    page.click("summary:has-text('ذخیرهٔ این نما')")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
