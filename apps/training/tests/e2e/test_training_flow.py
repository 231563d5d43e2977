"""Steps 2–9 of seed 002 in a real browser: an agency registers twenty learners, the training group reviews,
plans, announces, takes attendance, records the exam and issues certificates, and the agency fills both
forms before it can download them."""

import zipfile

import pytest

from apps.core.tests.xlsx import workbook_bytes
from apps.training.models import Learner
from apps.training.rules import QUORUM
from apps.workflow.models import Case

from ..conftest import HEADERS, PDF, learner_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_registers_and_downloads_certificates_after_the_two_forms(
    page, sign_in, sign_out, menu, agency_officer, training_expert, course, tmp_path
):
    page.on("dialog", lambda dialog: dialog.accept())
    learners_file = tmp_path / "learners.xlsx"
    learners_file.write_bytes(workbook_bytes([HEADERS, *learner_rows(0, QUORUM)]))
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)

    # Steps 2–3: the agency picks the course from the calendar and files its request.
    sign_in(agency_officer)
    menu("آموزش", "تقویم آموزشی")
    page.locator("[data-testid=calendar-table] tr", has_text=course.title).locator("text=ثبت‌نام").click()
    page.set_input_files("input[name=learner_file]", str(learners_file))
    page.set_input_files("input[name=letter_file]", str(letter))
    page.set_input_files("input[name=receipt_file]", str(letter))
    page.fill("input[name=receipt_number]", "۴۴۵۵۶۶")
    page.fill("input[name=receipt_amount]", "۲۰٬۰۰۰٬۰۰۰")
    page.fill("input[name=receipt_date]", "۱۴۰۵/۰۲/۰۱")
    page.click("button:has-text('ثبت درخواست')")
    page.wait_for_selector("[data-testid=tracking-code]")
    case = Case.objects.get()
    assert page.inner_text("[data-testid=case-state]") == "بررسی مدارک و فیش واریزی شهریه"
    assert "۱۴ الی ۲۰ روز کاری" in page.inner_text("[data-testid=promise]")
    sign_out()

    # Step 4: the training expert approves the documents from the cartable.
    sign_in(training_expert)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    page.click("button:has-text('تأیید مدارک')")
    page.wait_for_selector("text=اقدام ثبت شد")

    # Step 5: the twenty people reach the quorum; the session is planned.
    page.goto("/training/planning/")
    row = page.locator("[data-testid=planning-table] tr", has_text=course.title)
    assert "به حد نصاب رسیده" in row.inner_text()
    row.locator("text=برنامه‌ریزی اجرا").click()
    page.check("input[name=requests]")
    page.fill("input[name=starts_on]", "۱۴۰۵/۰۳/۰۱")
    page.fill("input[name=ends_on]", "۱۴۰۵/۰۳/۰۲")
    page.fill("input[name=place]", "سالن آموزش سازمان")
    page.fill("input[name=instructor]", "دکتر نرگس کاظمی")
    page.fill("input[name=meetings]", "۱۰")
    page.click("button:has-text('ثبت برنامه اجرا')")

    # Step 6: the system message to the agency.
    page.click("button:has-text('ارسال پیام زمان، مکان و نحوه اجرا')")
    page.wait_for_selector("text=برنامه دوره به دستگاه‌ها اعلام شد")

    # Step 7: attendance — one learner misses two of ten meetings (4 of 20 hours, above a tenth).
    first, second = Learner.objects.order_by("pk")[:2]
    page.click("text=ثبت حضور و غیاب")
    page.check(f"input[name=absent-{first.pk}-1]")
    page.check(f"input[name=absent-{first.pk}-2]")
    page.click("button:has-text('ثبت حضور و غیاب')")
    page.click("button:has-text('پایان دوره و رفتن به آزمون')")

    # Step 8: the exam's scores, typed with Persian digits.
    page.click("text=ثبت نمره‌های آزمون")
    for learner in Learner.objects.order_by("pk"):
        page.fill(f"input[name=score-{learner.pk}]", "۳۰")
    page.fill(f"input[name=score-{first.pk}]", "۹۵")
    page.fill(f"input[name=score-{second.pk}]", "۶۰")
    page.click("button:has-text('ثبت نمره‌ها')")
    page.click("button:has-text('ثبت نهایی نتایج آزمون')")

    # Step 9: certificates for those with 60% and allowed attendance.
    page.click("button:has-text('صدور گواهی‌نامه‌ها')")
    page.wait_for_selector("text=گواهی‌نامه‌ها صادر شد")
    assert Learner.objects.exclude(certificate=None).count() == 1
    sign_out()

    # The agency finds the certificates locked until it fills both forms, then downloads them.
    sign_in(agency_officer)
    page.goto(f"/cartable/cases/{case.tracking_code}/")
    assert "پس از تکمیل هر دو فرم" in page.inner_text("[data-testid=forms-status]")
    page.click("text=تکمیل فرم ارزشیابی دوره")
    for field in ("syllabus", "instructor", "venue", "usefulness"):
        page.check(f"input[name={field}][value='5']")
    page.click("button:has-text('ثبت فرم ارزشیابی دوره')")
    page.click("text=تکمیل فرم نظرسنجی")
    for field in ("satisfaction", "timeliness", "desk"):
        page.check(f"input[name={field}][value='4']")
    page.click("button:has-text('ثبت فرم نظرسنجی')")
    assert page.inner_text("[data-testid=case-state]") == "پایان: گواهی‌نامه‌ها در دسترس است"
    with page.expect_download() as download_info:
        page.click("[data-testid=certificates-zip]")
    archive_path = tmp_path / "certificates.zip"
    download_info.value.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        assert archive.namelist() == [f"certificate-{second.national_id}.pdf"]
