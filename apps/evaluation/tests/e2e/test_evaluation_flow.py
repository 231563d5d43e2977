"""An agency's yearly evaluation in a real browser: self-assessment, objection, re-scoring, final results."""

import datetime as dt

import pytest

from apps.core.jalali import today
from apps.evaluation.models import Cycle
from apps.workflow.services import perform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_self_assessment_objection_rescoring_and_final_results(
    page,
    sign_in,
    sign_out,
    menu,
    published,
    evaluation,
    other_evaluation,
    agency_officer,
    other_officer,
    org_expert,
    evaluator,
    head,
    walk,
):
    page.on("dialog", lambda dialog: dialog.accept())
    # The other agency goes through the same services, so the council has two agencies to level.
    walk(
        other_evaluation,
        other_officer,
        claims={"G-01": 60, "G-02": 40},
        given={"G-01": 51, "G-02": 34},
        stop="scored",
    )
    sheet = f"/evaluation/evaluations/{evaluation.pk}/"

    # The agency registers its self-assessment: a claimed score, and an actual figure against the standard.
    sign_in(agency_officer)
    menu("ارزیابی عملکرد", "دوره‌های ارزیابی")
    page.click(f"text={published.title}")
    page.click("text=برگه ارزیابی")
    row = page.locator("[data-testid=score-G-01]")
    row.locator("input[name=claimed]").fill("۶۰")
    row.locator("button:has-text('ثبت')").first.click()
    page.wait_for_selector("text=خودارزیابی شاخص ثبت شد")
    row = page.locator("[data-testid=score-G-02]")
    row.locator("input[name=actual]").fill("40")
    row.locator("button:has-text('ثبت')").first.click()
    page.wait_for_selector("text=خودارزیابی شاخص ثبت شد")
    assert page.inner_text("[data-testid=score-G-02] [data-testid=self-score]").startswith("۴۰")
    page.click("button:has-text('ارسال خودارزیابی')")
    page.wait_for_selector("text=اقدام ثبت شد")
    sign_out()

    # The Organization confirms; the evaluator team scores each index.
    sign_in(org_expert)
    page.goto(sheet)
    page.click("button:has-text('تأیید خودارزیابی')")
    page.wait_for_selector("text=اقدام ثبت شد")
    sign_out()
    sign_in(evaluator)
    page.goto(sheet)
    for code, value in (("G-01", "45"), ("G-02", "38")):
        row = page.locator(f"[data-testid=score-{code}]")
        row.locator("input[name=value]").fill(value)
        row.locator("input[name=comment]").fill("مستندات بررسی شد.")
        row.locator("button:has-text('ثبت امتیاز')").click()
        page.wait_for_selector("text=امتیاز ارزیاب ثبت شد")
    page.click("button:has-text('پایان امتیازدهی')")
    page.wait_for_selector("text=اقدام ثبت شد")
    sign_out()

    # The initial results go out to both agencies.
    sign_in(org_expert)
    page.goto(f"/evaluation/cycles/{published.pk}/")
    page.click("button:has-text('اعلام نتایج اولیه')")
    page.wait_for_selector("text=نتایج اولیه اعلام و مهلت اعتراض آغاز شد")
    sign_out()

    # The agency objects to G-01 within the window.
    sign_in(agency_officer)
    page.goto(sheet)
    assert page.inner_text("[data-testid=initial-percent]").startswith("۸۰")
    row = page.locator("[data-testid=score-G-01]")
    row.locator("textarea[name=reason]").fill(
        "مستندات استقرار سامانه‌های الکترونیک در امتیازدهی دیده نشده است."
    )
    row.locator("button:has-text('ثبت اعتراض')").click()
    page.wait_for_selector("text=اعتراض ثبت شد")
    sign_out()
    # The window closes; the other agency did not object.
    Cycle.objects.filter(pk=published.pk).update(objection_deadline=today() - dt.timedelta(days=1))
    perform(other_evaluation.case, "close_window", actor=org_expert)

    # The objection goes to re-scoring; the evaluator answers it on the workbench.
    sign_in(org_expert)
    page.goto(sheet)
    page.click("button:has-text('ارجاع اعتراض‌ها به بازبینی')")
    page.wait_for_selector("text=اقدام ثبت شد")
    sign_out()
    sign_in(evaluator)
    page.goto(sheet)
    row = page.locator("[data-testid=score-G-01]")
    row.locator("input[name=value]").fill("58")
    row.locator("input[name=answer]").fill("مستندات پذیرفته شد و امتیاز اصلاح شد.")
    row.locator("button:has-text('ثبت پاسخ و امتیاز')").click()
    page.wait_for_selector("text=پاسخ اعتراض و امتیاز بازبینی ثبت شد")
    row = page.locator("[data-testid=score-G-01]")
    assert row.locator("[data-testid=rescore]").inner_text() == "۵۸"
    page.click("button:has-text('پایان بازبینی')")
    page.wait_for_selector("text=اقدام ثبت شد")
    sign_out()

    # The council approves the final results.
    sign_in(head)
    page.goto(f"/evaluation/cycles/{published.pk}/")
    page.click("button:has-text('تصویب نتایج نهایی')")
    page.wait_for_selector("text=نتایج نهایی تصویب و به دستگاه‌ها و سازمان کشور ابلاغ شد")
    sign_out()

    # The agency reads its final level; the old score stays in the history; the public page shows the results.
    sign_in(agency_officer)
    page.goto(sheet)
    assert page.inner_text("[data-testid=final-level]") == "عالی"
    page.click("[data-testid=score-G-01] summary")
    history = page.inner_text("[data-testid=score-G-01] details")
    assert "تیم ارزیاب: ۴۵" in history and "بازبینی پس از اعتراض: ۵۸" in history
    page.goto(f"/evaluation/public/{published.year}/")
    assert evaluation.organization.name in page.inner_text("[data-testid=public-results]")
