"""Steps 7–10 of seed 000 in a real browser: the Deputy allocates, the agency registers a draft, attaches its
documents and sends it, the Deputy returns with a reason, the agency resends, the Deputy forwards, the
national org approves with an employee number."""

import pytest

from apps.recruitment.models import Hire, JobQuota

from ..conftest import candidate, pdf_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_final_accepted_person_goes_from_quota_to_employee_number(
    page, sign_in, sign_out, menu, interviewed_round, org_expert, agency_officer, national_officer
):
    page.on("dialog", lambda dialog: dialog.accept())
    round_url = f"/recruitment/rounds/{interviewed_round.pk}/"

    # Step 7: the Deputy's expert allocates two seats of the job-location to the agency.
    sign_in(org_expert)
    page.goto(round_url + "ledger/")
    page.locator("[data-testid=ledger-table] tr", has_text="کارشناس اداری").locator("text=تخصیص").click()
    page.fill("input[name=allocated]", "۲")
    page.click("button:has-text('تخصیص')")
    assert "دستگاه آگاه شد" in page.inner_text(".alert-success")
    assert JobQuota.objects.get(job_code="J1").allocated == 2
    sign_out()

    # Step 8: the agency officer registers a person from its final list.
    sign_in(agency_officer)
    assert page.locator("html").get_attribute("dir") == "rtl"
    menu("نظارت بر استخدام", "دوره‌های استخدام")
    page.click(f"text={interviewed_round.title}")
    page.click("[data-testid=register-hire]")
    person = candidate(interviewed_round, 0)
    page.select_option("select[name=candidate]", str(person.pk))
    page.fill("input[name=father_name]", "محمود")
    page.fill("input[name=birth_date]", "۱۳۷۵/۰۱/۱۵")
    page.fill("input[name=mobile]", "۰۹۱۶۱۲۳۴۵۶۷")
    page.select_option("select[name=education]", "bachelor")
    page.fill("input[name=field_of_study]", "مدیریت دولتی")
    page.check("input[name=is_native]")
    page.click("button:has-text('ثبت پیش‌نویس')")
    page.wait_for_selector("[data-testid=tracking-code]")
    assert "کد رهگیری" in page.inner_text(".alert-success")
    assert "پیش‌نویس" in page.inner_text("[data-testid=case-state]")
    # The draft lists its required documents; each is attached from its own row, then the file is sent.
    assert page.locator("button:has-text('ارسال به معاونت')").count() == 0
    content = pdf_upload().read()
    for code in ("degree", "national_card"):
        row = page.locator(f"[data-testid=hire-document][data-requirement={code}]")
        row.locator("input[type=file]").set_input_files(
            {"name": f"{code}.pdf", "mimeType": "application/pdf", "buffer": content}
        )
        with page.expect_navigation():
            row.locator("button").click()
        assert "مدرک پیوست شد" in page.inner_text(".alert-success")
    page.click("button:has-text('ارسال به معاونت')")
    page.wait_for_selector("text=در انتظار بررسی معاونت")
    hire = Hire.objects.get()
    case_url = f"/cartable/cases/{hire.case.tracking_code}/"
    sign_out()

    # Step 9: the Deputy's expert returns it with a reason …
    sign_in(org_expert)
    page.goto("/cartable/")
    page.locator("[data-testid=case-table] tbody tr", has_text=hire.last_name).locator("a").first.click()
    page.wait_for_selector("[data-testid=hire-details]")
    page.fill("textarea[name=reason]", "تصویر دانشنامه پیوست نشده است.")
    page.click("button:has-text('بازگرداندن به دستگاه با ذکر دلیل')")
    page.wait_for_selector("text=بازگشت به دستگاه برای اصلاح")
    sign_out()

    # … the agency sees the reason under its file and resends it …
    sign_in(agency_officer)
    page.goto(case_url)
    assert "تصویر دانشنامه پیوست نشده است." in page.inner_text("[data-testid=return-reason]")
    page.click("button:has-text('ارسال دوباره پس از اصلاح')")
    page.wait_for_selector("text=در انتظار بررسی معاونت")
    sign_out()

    # … and the expert approves and forwards it to the national org.
    sign_in(org_expert)
    page.goto(case_url)
    page.click("button:has-text('تأیید و ارسال به سازمان اداری و استخدامی')")
    page.wait_for_selector("text=در انتظار تأیید نهایی سازمان اداری و استخدامی کشور")
    sign_out()

    # Step 10: the national officer gives final approval with the employee number.
    sign_in(national_officer)
    page.goto(case_url)
    page.fill("input[name=employee_number]", "۷۷۷۰۰۰۱")
    page.click("[data-testid=finalize-form] button")
    assert "شماره مستخدم" in page.inner_text(".alert-success")
    row = page.inner_text("[data-testid=hire-table] tbody tr")
    assert "تأیید نهایی؛ شماره مستخدم صادر شد" in row and "۷۷۷۰۰۰۱" in row
    sign_out()

    # The agency sees the closed file with its employee number and the whole history.
    sign_in(agency_officer)
    page.goto(case_url)
    assert page.inner_text("[data-testid=employee-number]") == "۷۷۷۰۰۰۱"
    assert "تصویر دانشنامه پیوست نشده است." in page.inner_text("[data-testid=case-history]")
    hire.refresh_from_db()
    quota = JobQuota.objects.get(job_code="J1")
    assert (hire.employee_number, quota.registered, quota.approved) == ("7770001", 1, 1)
