"""A complaint walked end to end in a real browser: filed by an agency officer from the menu, assigned
and answered by the Organization's expert, and the answer read on the public tracking page."""

import pytest

from apps.complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_complaint_is_filed_answered_and_tracked(page, sign_in, sign_out, menu, agency_officer, org_expert):
    # The officer files a complaint about the training service from the menu.
    sign_in(agency_officer)
    menu("شکایات", "شکایات و پیشنهادها")
    page.click("text=ثبت شکایت یا پیشنهاد")
    page.select_option("select[name=kind]", "complaint")
    page.select_option("select[name=subject]", "service")
    page.select_option("select[name=service]", "training")
    page.fill("textarea[name=text]", "دوره آموزشی بدون اطلاع قبلی لغو شد.")
    assert page.input_value("input[name=mobile]") == agency_officer.mobile
    page.click("button:has-text('ثبت')")
    page.wait_for_selector("[data-testid=tracking-code]")
    assert "کد رهگیری" in page.inner_text(".alert-success")
    assert page.inner_text("[data-testid=case-state]") == "در انتظار ارجاع"
    code = page.inner_text("[data-testid=tracking-code]")
    sign_out()

    # The Organization's expert finds it in the cartable, assigns it and answers.
    sign_in(org_expert)
    page.goto("/cartable/")
    page.locator("[data-testid=case-table] tbody tr", has_text="شکایت").locator("a").first.click()
    page.wait_for_selector("[data-testid=complaint-panel]")
    page.select_option("select[name=assignee]", str(org_expert.pk))
    page.click("button:has-text('ارجاع')")
    page.wait_for_selector("text=شکایت ارجاع شد.")
    assert page.inner_text("[data-testid=case-state]") == "در حال بررسی"
    page.on("dialog", lambda dialog: dialog.accept())
    page.fill("textarea[name=reason]", "دوره در هفته آینده با همان فراگیران برگزار می‌شود.")
    page.click("button:has-text('ارسال پاسخ به شاکی')")
    page.wait_for_selector("[data-testid=complaint-answer]")
    assert page.inner_text("[data-testid=case-state]") == "پاسخ داده شد"
    sign_out()

    # Anyone with the code and the complainant's mobile reads the answer on the public page.
    page.goto("/complaints/track/")
    page.fill("input[name=tracking_code]", code)
    page.fill("input[name=mobile]", agency_officer.mobile)
    page.click("button:has-text('پیگیری')")
    answer = page.inner_text("[data-testid=complaint-track-answer]")
    assert "دوره در هفته آینده با همان فراگیران برگزار می‌شود." in answer
    assert page.inner_text("[data-testid=complaint-track-state]") == "پاسخ داده شد"
    assert Complaint.objects.get().answer.startswith("دوره در هفته آینده")
