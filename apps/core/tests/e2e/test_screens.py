"""Every role's main pages in a real browser, on a phone (390 × 844) and on a desk (1,280 × 900): nothing
wider than the screen, and axe-core (npm, injected here only: the desk never serves it) finds no serious or
critical violation (issue 22, items 6 and 8).

The pages are the lists of each service and one row of each detail page that the person may open, found
through the permission table, so each role is checked on exactly what its menu and links lead to. The demo
world is built once for all roles (browser tests see the database only through committed transactions, and
each test flushes it afterwards), and each finding is named with the role and the address."""

import re
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import get_resolver, reverse

from apps.accounts import permissions as perms
from apps.accounts.demo import AGENCY_STAFF, ORG_STAFF, world_build
from apps.accounts.models import Organization, User
from apps.accounts.tests.factories import PASSWORD
from apps.core import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SUFFIX = "-sc"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}

# The main list pages of the platform and of each service; a person is taken to those the table opens to them.
LISTS = (
    "workflow:cartable",
    "workflow:case_list",
    "notifications:inbox",
    "documents:list",
    "recruitment:round_list",
    "training:calendar",
    "training:request_list",
    "training:planning",
    "training:session_list",
    "training:history",
    "managers:home",
    "managers:profile_list",
    "managers:decree_list",
    "evaluation:cycle_list",
    "evaluation:vault",
    "complaints:complaint_list",
    "complaints:reports",
)
# The main detail pages: each opened on the first row of its kind the person may see.
DETAILS = (
    "workflow:case_detail",
    "notifications:message_detail",
    "recruitment:round_detail",
    "recruitment:hire_list",
    "recruitment:hire_edit",
    "training:course_detail",
    "training:session_detail",
    "managers:profile_detail",
    "managers:decree_detail",
    "evaluation:cycle_detail",
    "evaluation:evaluation_detail",
)
SERVICE_CASES = ("recruitment", "training", "managers", "evaluation", "complaints")

# Elements reaching past the screen's edges, to say where an overflow comes from.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || (box.left >= -1 && box.right <= width + 1)) continue;
    if (el.closest('.table-responsive, .overflow-auto, pre') && !el.matches('.table-responsive, .overflow-auto, pre')) continue;
    const parent = el.parentElement && el.parentElement.getBoundingClientRect();
    if (parent && (parent.left < -1 || parent.right > width + 1)) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    found.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    if (found.length > 4) break;
  }
  return {scroll: document.documentElement.scrollWidth, width, found};
}"""
AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


def _world_build():
    built = world_build(
        agencies=[{"code": "941", "name": "دستگاه آزمایش صفحه‌ها", "kind": "directorate"}],
        password=PASSWORD,
        suffix=SUFFIX,
    )
    for agency in Organization.objects.filter(pk__in=list(built.agency_users)):
        for _name, build in demo.builders():
            build(built, agency)


@pytest.fixture
def world():
    # Built in a thread of its own: Playwright's sync API keeps an event loop running in this one, and the
    # documents' signing (pyHanko) calls asyncio.run, which refuses to run inside a running loop.
    failed = []

    def run():
        try:
            _world_build()
        except BaseException as exc:  # raised again in the test's thread
            failed.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def _people():
    """Everyone of the demo world: each role of the province (the training group's expert and the management
    group's both), the national officer, and each role of the agency."""
    return list(User.objects.filter(username__endswith=SUFFIX).select_related("organization").order_by("pk"))


def _detail_url(person, url_name: str, **filters) -> str | None:
    """The address of `url_name` for the first row the person may open there, or None."""
    rule = perms.rule_for(_view_of(url_name), "GET")
    if rule is None or not rule.lookup:
        return None
    rows = perms.visible(
        rule.model_class()._default_manager.filter(**filters),
        person,
        rule.action,
        kind_name=rule.kind or None,
    )
    value = rows.order_by("pk").values_list(rule.field_name(), flat=True).first()
    return reverse(url_name, kwargs={rule.lookup: value}) if value is not None else None


def _view_of(url_name: str):
    namespace, name = url_name.split(":")
    resolver = get_resolver().namespace_dict[namespace][1]
    return next(p.callback for p in resolver.url_patterns if getattr(p, "name", None) == name)


def _pages_for(person) -> list[str]:
    pages = [reverse(name) for name in LISTS if perms.route_open_to(person, name)]
    for name in DETAILS:
        if name == "workflow:case_detail":
            # One case of each service the person may see: each service adds its own panel to the case page.
            for app in SERVICE_CASES:
                url = _detail_url(person, name, process__startswith=app)
                if url:
                    pages.append(url)
        else:
            url = _detail_url(person, name)
            if url:
                pages.append(url)
    return list(dict.fromkeys(pages))


def test_every_role_s_main_pages_fit_a_phone_and_a_desk_and_pass_axe(browser, live_server, world):
    assert AXE.exists(), "axe-core is a devDependency: npm ci installs it (scripts/install.sh)"
    findings: list[str] = []
    axed: set[tuple[str, str]] = set()
    people = _people()
    # Every demo role signs in: the province's six posts, the national officer and the agency's people.
    assert len(people) == len(ORG_STAFF) + 1 + len(AGENCY_STAFF), [p.username for p in people]
    for person in people:
        context = browser.new_context(
            base_url=live_server.url, locale="fa-IR", viewport=PHONE, bypass_csp=True
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto("/accounts/login/")
        page.fill("input[name=username]", person.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        pages = _pages_for(person)
        assert reverse("workflow:cartable") in pages, person.username
        for url in pages:
            where = f"{person.username} {url}"
            response = page.goto(url)
            if response is None or response.status != 200:
                findings.append(f"{where}: answered {response and response.status}")
                continue
            for size in (PHONE, DESK):
                page.set_viewport_size(size)
                box = page.evaluate(OVERFLOW_JS)
                if box["scroll"] > box["width"]:
                    findings.append(f"{where} at {size['width']} px: {box['scroll']} px wide; {box['found']}")
            # axe once per page of a kind for the people of an organization's kind (the template and the
            # controls it offers are the same for them, and axe is the slow part); each service's case page.
            seen = (person.organization.kind, url if "/cases/" in url else re.sub(r"\d+", "N", url))
            if seen not in axed:
                axed.add(seen)
                page.add_script_tag(path=str(AXE))
                findings += [f"{where}: {violation}" for violation in page.evaluate(AXE_JS)]
            page.set_viewport_size(PHONE)
        context.close()
    assert not findings, "\n".join(findings)
