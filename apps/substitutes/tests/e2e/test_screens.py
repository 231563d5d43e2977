"""The substitutes' pages on a phone (390 × 844) and on a desk (1,280 × 900): nothing wider than the
screen, and axe-core finds no serious or critical violation, as the desk's other pages (core's test_screens)."""

import pytest
from django.urls import reverse

from apps.core.tests.e2e.test_screens import AXE, AXE_JS, DESK, OVERFLOW_JS, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_list_the_form_and_the_confirmation_fit_and_pass_axe(
    browser, live_server, password, head, expert, name_substitute
):
    substitution = name_substitute(expert)
    substitution.reason = "مرخصی استحقاقی برای شرکت در دوره آموزشی بلندمدت در شهری دیگر"
    substitution.save()
    # axe is injected by the test alone, past the desk's content security policy.
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", head.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/desk/")
    findings = []
    for url in (
        reverse("substitutes:list"),
        reverse("substitutes:new"),
        reverse("substitutes:cancel", args=[substitution.pk]),
    ):
        assert page.goto(url).status == 200, url
        for size in (PHONE, DESK):
            page.set_viewport_size(size)
            box = page.evaluate(OVERFLOW_JS)
            if box["scroll"] > box["width"]:
                findings.append(f"{url} at {size['width']} px: {box['scroll']} px wide; {box['found']}")
        page.add_script_tag(path=str(AXE))
        findings += [f"{url}: {violation}" for violation in page.evaluate(AXE_JS)]
        page.set_viewport_size(PHONE)
    context.close()
    assert not findings, "\n".join(findings)
