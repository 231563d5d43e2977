"""An appointment walked in a real browser: the superior nominates, HR checks, the council scores, the decree is issued."""

import pytest

from apps.managers.models import Decree
from apps.workflow.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_nomination_to_a_verified_four_year_decree(
    page, sign_in, sign_out, menu, head, hr, secretary, post, make_profile, tmp_path
):
    make_profile("نسرین آزادی")
    page.on("dialog", lambda dialog: dialog.accept())

    # The post's competent superior opens Form 1 and nominates a candidate from the agency's database.
    sign_in(head)
    menu("انتصاب مدیران", "میز انتصاب مدیران")
    page.click("text=معرفی نامزد (فرم شماره ۱)")
    page.select_option("select[name=post]", str(post.pk))
    page.fill("input[name=proposer_position]", "مدیرکل")
    page.click("button:has-text('گشودن فرم شماره ۱')")
    page.wait_for_selector("[data-testid=tracking-code]")
    case = Case.objects.get(process="managers.appointment")
    page.click("text=افزودن نامزد")
    page.select_option("select[name=profile]", label="نسرین آزادی")
    page.select_option("select[name=source]", "agency")
    page.fill("input[name=priority]", "۱")
    page.click("button:has-text('افزودن نامزد')")
    assert "نسرین آزادی" in page.inner_text("[data-testid=candidates]")
    page.click("button:has-text('ارسال به کارگزینی')")
    assert page.inner_text("[data-testid=case-state]") == "بررسی شرایط در کارگزینی (فرم ۳)"
    sign_out()

    # HR fills Form 3; the conditions show one by one, then the forms go to the council.
    sign_in(hr)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    page.click("text=فرم ۳ کارگزینی")
    for name in ("bachelor_matches", "last_degree_confirmed", "management_course_confirmed"):
        page.select_option(f"select[name={name}]", "1")
    page.select_option("select[name=master_management_confirmed]", "0")
    page.fill("input[name=related_experience_months]", "۷۲")
    page.fill("input[name=management_experience_months]", "۰")
    page.fill("input[name=year_0]", "۱۴۰۴")
    page.fill("input[name=appraisal_0]", "۹۰")
    page.fill("input[name=performance_0]", "۸۰")
    page.click("button:has-text('ثبت فرم شماره ۳')")
    eligibility = page.inner_text("[data-testid=eligibility]")
    assert "۶ سال سابقه مرتبط" in eligibility
    page.click("button:has-text('ارسال فرم‌های ۱ تا ۳ به شورا')")
    assert page.inner_text("[data-testid=case-state]") == "سنجش صلاحیت در شورا / کمیسیون (فرم ۴)"
    sign_out()

    # The council's secretary records the session and Form 4's scores, and the council decides.
    sign_in(secretary)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    page.click("text=ثبت جلسه شورا")
    page.fill("input[name=number]", "۱۴۰۵-۴۱")
    page.fill("input[name=held_on]", "1405/08/01")
    page.fill("textarea[name=attendees]", "مهدی حسینی - رئیس شورا\nزهرا کریمی - دبیر")
    page.click("button:has-text('ثبت جلسه')")
    assert "۱۴۰۵-۴۱" in page.inner_text("[data-testid=session]")
    page.click("text=امتیاز فرم ۴")
    for field in page.locator("input[name^=g_]").all():
        field.fill("۸")
    page.click("button:has-text('ثبت امتیازها')")
    # No specific criteria, so their 0.30 is not counted: (80% × 0.40 + 90% × 0.15 + 80% × 0.15) ÷ 0.70,
    # out of 100 and above the middle level's desired 75.
    assert "۸۲٫۱۴" in page.inner_text("[data-testid=final-score]")
    assert page.locator("[data-testid=below-desired]").count() == 0
    page.click("button:has-text('ثبت نظر شورا و معرفی شایسته‌ترین نامزد')")
    assert page.inner_text("[data-testid=case-state]") == "صدور حکم چهارساله توسط مقام مافوق"
    sign_out()

    # The superior issues the four-year decree; its PDF is verified on the public page.
    sign_in(head)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    page.click("button:has-text('صدور حکم انتصاب')")
    assert "حکم چهارساله صادر شد" in page.inner_text("[data-testid=decree]")
    decree = Decree.objects.get()
    assert decree.minutes_number == "1405-41"
    with page.expect_download() as download_info:
        page.click("text=دریافت PDF حکم")
    pdf_path = tmp_path / "decree.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    page.goto(f"/verify/{decree.document.verification_code}/")
    assert "اصیل" in page.inner_text("[data-testid=verify-genuine]")
