"""A fault report walked end to end in a real browser: filed by an agency, answered by the Organization
with an official letter whose PDF is downloaded and verified on the public page."""

import re

import pytest

from apps.workflow.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_files_and_the_organization_answers_with_a_verified_letter(
    page, sign_in, sign_out, menu, agency_officer, org_expert, tmp_path
):
    # The agency officer files a fault report from the menu.
    sign_in(agency_officer)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    menu("میز خدمت", "گزارش خطا")
    page.select_option("select[name=category]", "page")
    page.fill("textarea[name=description]", "دکمه ثبت در فرم فراگیران پاسخ نمی‌دهد.")
    page.click("button:has-text('ثبت گزارش')")
    page.wait_for_selector("[data-testid=tracking-code]")
    case = Case.objects.get()
    assert "کد رهگیری" in page.inner_text(".alert-success")
    assert page.inner_text("[data-testid=case-state]") == "در انتظار بررسی کارشناس"
    sign_out()

    # The Organization's expert sees it in the cartable and opens it.
    sign_in(org_expert)
    page.goto("/cartable/")
    row = page.locator("[data-testid=case-table] tbody tr", has_text="گزارش خطا")
    assert row.count() == 1
    row.locator("a").first.click()
    page.wait_for_selector("text=دکمه ثبت در فرم فراگیران پاسخ نمی‌دهد.")

    # … issues an official letter: write, preview, confirm.
    page.click("text=صدور نامه رسمی")
    page.fill("input[name=subject]", "پاسخ به گزارش خطای سامانه")
    page.fill("textarea[name=body]", "خطای فرم ثبت فراگیران برطرف شد.\nاز گزارش شما سپاسگزاریم.")
    page.click("button:has-text('پیش‌نمایش')")
    page.click("button:has-text('صدور نهایی')")
    message = page.inner_text(".alert-success")
    code = re.search(r"کد صحت‌سنجی: (\S+)", message).group(1)

    # … downloads the PDF …
    with page.expect_download() as download_info:
        page.click("text=دریافت PDF")
    pdf_path = tmp_path / "letter.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    # … which anyone can verify on the public page.
    page.goto(f"/verify/{code}/")
    assert "اصیل" in page.inner_text("[data-testid=verify-genuine]")

    # … and answers the report, which closes the case.
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    page.fill("textarea[name=reason]", "خطا برطرف شد؛ نامه رسمی پیوست پرونده است.")
    page.click("button:has-text('پاسخ و بستن')")
    page.wait_for_selector("text=اقدام ثبت شد")
    assert page.inner_text("[data-testid=case-state]") == "پاسخ داده شد"
    sign_out()

    # The agency reads the answer under its case.
    sign_in(agency_officer)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    assert "خطا برطرف شد" in page.inner_text("[data-testid=fault-answer]")


def test_a_phone_sized_screen_gets_the_collapsed_menu(page, sign_in, agency_officer):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(agency_officer)
    assert page.is_visible(".navbar-toggler")
    assert not page.is_visible("nav >> text=گزارش خطا")
    page.click(".navbar-toggler")
    page.click("#mainnav .dropdown-toggle:text-is('میز خدمت')")
    page.wait_for_selector("nav >> text=گزارش خطا", state="visible")
