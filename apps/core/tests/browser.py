"""Browser-test fixtures for every app: Debian's Chromium driven by Playwright against the live test server
(never `playwright install`). Loaded by the root conftest, so `page`, `sign_in` and `sign_out` work anywhere."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # As deployed with Redis: lists are kept between writes, so every flow also shows none is left stale.
    settings.KHEDMAT_LIST_CACHE = True
    context = browser.new_context(base_url=live_server.url, locale="fa-IR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, password):
    def _sign_in(user):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        # Everyone starts at their landing page (core:landing), whatever their role.
        page.wait_for_url("**/desk/")

    return _sign_in


@pytest.fixture
def menu(page):
    """Opens a service's dropdown in the top bar (the collapsed menu first, on a phone) and follows an entry."""

    def _menu(group: str, entry: str):
        if page.is_visible(".navbar-toggler"):
            page.click(".navbar-toggler")
        page.click(f"#mainnav .dropdown-toggle:text-is('{group}')")
        page.click(f"#mainnav .dropdown-item:text-is('{entry}')")

    return _menu


@pytest.fixture
def sign_out(page):
    def _sign_out():
        page.click("[data-testid=user-menu]")
        page.click("[data-testid=sign-out]")
        # Signing out lands on the front door (LOGOUT_REDIRECT_URL is core:home), open to anyone.
        page.wait_for_selector("[data-testid=public-actions]")

    return _sign_out
