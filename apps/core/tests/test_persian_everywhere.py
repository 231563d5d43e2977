"""What a person reads is Persian: every page a crawl reaches as every role, the messages and SMS the desk
sends, the PDFs it issues and the case histories, over the demo world built once for the module.

The rule for digits: a word a person reads that holds digits holds Persian ones (۱۴۰۵، ۸۸۱۴۵۱۸۹۴۱). A
tracking code, a national ID or a verification code is read aloud and typed back, and every input takes
both (apps/core/digits.py), so they are Persian too. What stays Latin is what is not Persian text: a word
with Latin letters in it (a URL, an e-mail address, a username, an index code such as G12, a file name),
and what sits in <input>, <textarea>, <code>, <pre>, <script> and <style>. Latin-only words in an element
marked dir="ltr" or class="ltr" follow the same rule: its digits are Persian unless it holds Latin letters.
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from apps.accounts.demo import world_build
from apps.accounts.models import Organization
from apps.accounts.permissions import Principal
from apps.accounts.tests.test_permission_walk import ANONYMOUS, _person_for
from apps.audit.models import AuditEntry
from apps.core import demo
from apps.documents import render as pdf_render
from apps.notifications.models import Message, OutboxMessage
from apps.workflow.history import describe, undeclared

# Pages each role's crawl opens at most: enough to reach every page of the menu and one of each detail.
PAGES_PER_ROLE = 50
# Pages of one shape a crawl opens (/messages/<id>/, /cartable/cases/<code>/): one message is like the next.
PER_SHAPE = 2
# Where each crawl starts: the front door, the cartable and the landing page; the rest is followed.
STARTS = ("/", "/cartable/", "/notifications/", "/reports/")
# Not pages a person reads: signing out ends the crawl, the API and files are walked elsewhere.
SKIP = re.compile(r"^/(accounts/logout|admin/|api/|static/|media/)|\.(xlsx|csv|zip)$|/(export|download)")

# A word with a Latin digit and no Latin letter: a number in Persian text.
_WORD = re.compile(r"\S+")
_LATIN_DIGIT = re.compile(r"[0-9]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_SKIPPED = {"script", "style", "code", "pre", "textarea", "input", "noscript", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def latin_numbers(text: str) -> list[str]:
    """The words of `text` that show a number with Latin digits to a person."""
    return [w for w in _WORD.findall(text) if _LATIN_DIGIT.search(w) and not _LATIN_LETTER.search(w)]


class _Page(HTMLParser):
    """A page's text nodes a person reads (outside the skipped elements) and its same-site links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []
        self.links: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in _VOID:
            return
        self.stack.append((tag, self._skipping() or tag in _SKIPPED))

    def handle_startendtag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self._skipping():
            self.found += [f"{w} ← «{data.strip()[:80]}»" for w in latin_numbers(data)]


def read_page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One agency with every app's demo data, its PDFs' HTML kept as they are rendered; rolled back after."""
    rendered: list[tuple[str, str]] = []
    original = pdf_render.render_to_string

    def keep(template_name, context=None, *args, **kwargs):
        html = original(template_name, context, *args, **kwargs)
        rendered.append((template_name, html))
        return html

    pdf_render.render_to_string = keep
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            built = world_build(
                agencies=[{"code": "901", "name": "دستگاه نخست آزمایشی", "kind": "directorate"}],
                suffix="-pw",
            )
            for agency in Organization.objects.filter(pk__in=list(built.agency_users)):
                for _name, build in demo.builders():
                    build(built, agency)
            built.pdfs = rendered
            yield built
            transaction.set_rollback(True)
    finally:
        pdf_render.render_to_string = original


def _crawl(client: Client) -> tuple[dict[str, list[str]], Counter]:
    """Breadth-first over same-site links from STARTS, up to PAGES_PER_ROLE pages: Latin numbers per page."""
    queue = deque(STARTS)
    seen = set(STARTS)
    shapes: Counter = Counter()
    found: dict[str, list[str]] = {}
    statuses: Counter = Counter()
    opened = 0
    while queue and opened < PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        statuses[response.status_code] += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        opened += 1
        page = read_page(response.content.decode())
        if page.found:
            found[url] = page.found
        for href in page.links:
            path = urlsplit(urldefrag(href)[0])
            if path.scheme or path.netloc or not path.path.startswith("/") or SKIP.search(path.path):
                continue
            shape = re.sub(r"[0-9A-Z]*[0-9][0-9A-Z]*", "#", path.path)
            if path.path not in seen and shapes[shape] < PER_SHAPE:
                seen.add(path.path)
                shapes[shape] += 1
                queue.append(path.path)
    return found, statuses


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}: {len(words)} — " + " | ".join(words[:4]) for url, words in found.items())


@pytest.mark.django_db
@pytest.mark.parametrize("principal", [ANONYMOUS, *Principal])
def test_every_page_a_role_reaches_shows_persian_digits(world, principal):
    client = Client(raise_request_exception=False)
    person = _person_for(principal, world)
    if person is not None:
        client.force_login(person)
    found, statuses = _crawl(client)
    assert statuses[200] > 1, f"the crawl as {principal} opened no page: {statuses}"
    assert not found, f"Latin digits as {principal}:\n{_report(found)}"


@pytest.mark.django_db
def test_the_messages_sms_and_emails_the_desk_sends_show_persian_digits(world):
    found = []
    for model in (Message, OutboxMessage):
        for subject, body in model.objects.values_list("subject", "body"):
            found += [f"{model.__name__}: {w} ← «{subject[:60]}»" for w in latin_numbers(f"{subject} {body}")]
    assert not found, "\n".join(sorted(set(found))[:40])


@pytest.mark.django_db
def test_the_pdfs_the_desk_issues_show_persian_digits(world):
    assert world.pdfs, "the demo issued no PDF"
    found = {name: read_page(html).found for name, html in world.pdfs}
    found = {name: words for name, words in found.items() if words}
    assert not found, _report(found)


@pytest.mark.django_db
def test_every_audit_entry_of_the_demo_reads_as_a_persian_sentence(world):
    entries = list(AuditEntry.objects.select_related("case", "actor", "organization"))
    assert not undeclared(entries), (
        "audit actions without a sentence: register_label() them in the app's history.py"
    )
    for entry in entries:
        sentence = describe(entry).sentence
        assert entry.action not in sentence and not latin_numbers(sentence), sentence
