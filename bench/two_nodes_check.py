"""Signs in on one node and works on the other: session, upload/download and a queued message cross over.

Run by bench/two_nodes.sh with the nodes' base URLs; prints one line per check and exits 1 on a failure.
"""

import re
import sys
import time

import requests

from bench.djangosetup import setup

PASSWORD = "Khedmat@1405"
USERNAME = "officer101"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MESSAGE_WAIT_SECONDS = 30


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def main(node_a: str, node_b: str) -> int:
    setup()
    from apps.notifications.models import OutboxMessage
    from apps.workflow.models import Case, CaseAttachment

    browser = requests.Session()  # one cookie jar, as one browser whose requests land on either node
    checks = []

    token = _csrf(browser, f"{node_a}/accounts/login/")
    browser.post(
        f"{node_a}/accounts/login/",
        data={"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
        timeout=30,
    )
    cartable = browser.get(f"{node_b}/cartable/", allow_redirects=False, timeout=30)
    checks.append(("signed in on A, the cartable opens on B", cartable.status_code == 200))

    case = Case.objects.filter(owner__code="101", process="support.fault", state="returned").first()
    detail = f"/cartable/cases/{case.tracking_code}/"
    token = _csrf(browser, f"{node_a}{detail}")
    browser.post(
        f"{node_a}{detail}attachments/",
        data={"title": "نامه دو گره", "csrfmiddlewaretoken": token},
        files={"file": ("letter.pdf", PDF, "application/pdf")},
        timeout=30,
    )
    attachment = CaseAttachment.objects.filter(case=case).order_by("-pk").first()
    download = (
        browser.get(f"{node_b}/cartable/attachments/{attachment.pk}/", timeout=30) if attachment else None
    )
    checks.append(
        ("uploaded on A, the same bytes download from B", bool(download) and download.content == PDF)
    )

    sent_before = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count()
    token = _csrf(browser, f"{node_b}{detail}")
    browser.post(
        f"{node_b}{detail}act/",
        data={"action": "resubmit", "expected_state": "returned", "csrfmiddlewaretoken": token},
        timeout=30,
    )
    case.refresh_from_db()
    checks.append(("acted on B, the case moved", case.state == "submitted"))
    deadline = time.monotonic() + MESSAGE_WAIT_SECONDS
    while time.monotonic() < deadline:
        queued = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        sent = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count()
        if sent > sent_before and queued == 0:
            break
        time.sleep(0.5)
    checks.append(("the step's messages were sent by a Celery worker", sent > sent_before and queued == 0))

    for label, passed in checks:
        print(f"{'ok  ' if passed else 'FAIL'} {label}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
