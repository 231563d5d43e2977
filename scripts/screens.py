"""Screenshots of each role's landing page at 1,280 px and 390 px, for docs/screens/ (issue 22).

Run against a desk serving the demo data (scripts/screens.sh starts one on a throw-away database):
    .venv/bin/python scripts/screens.py http://127.0.0.1:8765
Drives Debian's Chromium through Playwright (never `playwright install`).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "Khedmat@1405"
ROLES = [
    ("employee", "learner101"),
    ("officer", "officer101"),
    ("expert", "expert"),
    ("deputy", "deputy"),
    ("head", "head"),
]
WIDTHS = [(1280, 900), (390, 844)]
OUT = Path(__file__).resolve().parent.parent / "docs" / "screens"


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width, height in WIDTHS:
            context = browser.new_context(
                base_url=base, viewport={"width": width, "height": height}, locale="fa-IR"
            )
            page = context.new_page()
            page.goto("/")
            page.screenshot(path=OUT / f"public-{width}.png", full_page=width < 1000)
            for name, username in ROLES:
                page.goto("/accounts/login/")
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url("**/desk/")
                page.wait_for_timeout(800)  # the charts' animation
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                print(f"{name} {width}px: horizontal overflow {overflow}px")
                page.screenshot(path=OUT / f"{name}-{width}.png", full_page=True)
                page.context.clear_cookies()
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765")
