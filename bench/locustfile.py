"""Issue 8 item 5: agency staff and the Organization's experts working the desk at the same time.

Run by bench/load_test.sh (headless, one process). It reads signed-in sessions from $LOAD_SESSIONS
(`username sessionid` lines from `python -m bench.load_check sessions`) and appends one JSON line per acknowledged
write to $LOAD_LEDGER — every case it filed, every row it created, every transition the desk confirmed —
which bench/load_check.py then looks for in the database.

A refusal the desk is meant to give under contention (409: somebody acted on the case first) is a
correct answer, not a failure; any other 4xx and every 5xx is a failure.
"""

import json
import os
import random
import time
from collections import defaultdict

from locust import HttpUser, between, events, task

CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # bench.sessions.BENCH_CSRF; importing it would load Django
FAULT = "support.fault"

SESSIONS: dict[str, list[tuple[str, str]]] = defaultdict(list)
with open(os.environ["LOAD_SESSIONS"], encoding="utf-8") as handle:
    for line in handle:
        username, session = line.split()
        role = username.rstrip("0123456789-")
        SESSIONS[role].append((username, session))

_ledger = open(os.environ["LOAD_LEDGER"], "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run)


def record(kind: str, **fields) -> None:
    _ledger.write(json.dumps({"kind": kind, "at": time.time(), **fields}, ensure_ascii=False) + "\n")
    _ledger.flush()


@events.quitting.add_listener
def _close_ledger(environment, **_kwargs):
    _ledger.close()


class DeskUser(HttpUser):
    abstract = True
    role = ""
    # An office worker reads a page before the next click; 1–4 s keeps 100 users at roughly 40 requests a
    # second offered, more than a province's staff make, without turning the test into a saturation run.
    wait_time = between(1, 4)

    def on_start(self):
        self.username, session = random.choice(SESSIONS[self.role])
        self.client.cookies.set("sessionid", session)
        self.client.cookies.set("csrftoken", CSRF)

    def page(self, url: str, name: str | None = None):
        self.client.get(url, name=name or url)

    def api_post(self, url: str, body: dict, name: str, expected: int = 200):
        """Posts JSON; the parsed answer when the desk gave `expected`, else None (a 409 counts as right)."""
        with self.client.post(
            url, json=body, headers={"X-CSRFToken": CSRF}, name=name, catch_response=True
        ) as response:
            if response.status_code == expected:
                response.success()
                return response.json()
            if response.status_code == 409:
                response.success()
                return None
            response.failure(f"{response.status_code}: {response.text[:200]}")
            return None

    def cases_waiting(self, state: str) -> list[dict]:
        response = self.client.get(
            f"/api/cartable?process={FAULT}&state={state}&limit=50", name="/api/cartable?state=[state]"
        )
        return response.json().get("items", []) if response.ok else []

    def act(self, case: dict, action: str) -> None:
        """One transition with the state the user saw, recorded only once the desk confirmed it."""
        answer = self.api_post(
            f"/api/cases/{case['tracking_code']}/actions",
            {"action": action, "reason": "بررسی شد؛ پاسخ در بار آزمایشی.", "expected_state": case["state"]},
            name="/api/cases/[code]/actions",
        )
        if answer is not None:
            record(
                "transition",
                code=case["tracking_code"],
                action=f"{FAULT}.{action}",
                from_state=case["state"],
                to_state=answer["state"],
                user=self.username,
            )


class AgencyOfficer(DeskUser):
    """The agency's liaison: reads its cartable and every service's lists, files fault reports and
    complaints, and sends back the reports the Organization returned."""

    role = "officer"
    weight = 6

    @task(4)
    def cartable(self):
        self.page("/cartable/")

    @task(2)
    def case_list(self):
        self.page("/cartable/cases/")

    @task(2)
    def service_lists(self):
        self.page(random.choice(["/recruitment/", "/training/requests/", "/training/", "/evaluation/"]))

    @task(2)
    def file_fault(self):
        answer = self.api_post(
            "/api/faults",
            {
                "category": random.choice(["login", "page", "document", "data", "other"]),
                "description": "در بار آزمایشی: فهرست پرونده‌ها پس از ثبت به‌روز نمی‌شود.",
                "page_url": "/cartable/",
            },
            name="/api/faults",
            expected=201,
        )
        if answer is not None:
            record("case", code=answer["tracking_code"], process=FAULT, user=self.username)

    @task(1)
    def file_complaint(self):
        mine = self.client.get(f"/api/cases?process={FAULT}&limit=10", name="/api/cases?process=[p]")
        items = mine.json().get("items", []) if mine.ok else []
        if not items:
            return
        answer = self.api_post(
            "/api/complaints/complaints",
            {
                "kind": "complaint",
                "subject": "case",
                "case_code": random.choice(items)["tracking_code"],
                "text": "پاسخ این گزارش خطا دیر رسید و کار دستگاه متوقف ماند.",
            },
            name="/api/complaints/complaints",
            expected=201,
        )
        if answer is not None:
            record("case", code=answer["tracking_code"], process="complaints", user=self.username)

    @task(1)
    def resubmit_returned(self):
        returned = self.cases_waiting("returned")
        if returned:
            self.act(random.choice(returned), "resubmit")


class AgencyHR(DeskUser):
    """The agency's personnel officer: the managers' database (service C) and recruitment's lists."""

    role = "hr"
    weight = 2

    @task(3)
    def lists(self):
        self.page(random.choice(["/managers/profiles/", "/managers/decrees/", "/recruitment/", "/cartable/"]))

    @task(1)
    def add_profile(self):
        n = random.randrange(10**6)
        answer = self.api_post(
            "/api/managers/profiles",
            {
                "full_name": f"مدیر آزمایشی {n}",
                "father_name": "علی",
                "highest_degree": random.choice(["bachelor", "master", "doctorate"]),
                "bachelor_field": "مدیریت دولتی",
                "related_experience_months": random.randrange(200),
                "management_experience_months": random.randrange(100),
            },
            name="/api/managers/profiles",
            expected=201,
        )
        if answer is not None:
            record("profile", pk=answer["id"], user=self.username)


class OrgExpert(DeskUser):
    """The Organization's expert: the cartable, the services' staff lists, and answering fault reports."""

    role = "expert"
    weight = 2
    actions = ["resolve", "resolve", "return", "escalate", "reject"]

    @task(3)
    def lists(self):
        self.page(
            random.choice(
                [
                    "/cartable/",
                    "/cartable/cases/",
                    "/recruitment/",
                    "/training/sessions/",
                    "/managers/decrees/",
                    "/evaluation/",
                    "/complaints/",
                ]
            )
        )

    @task(3)
    def answer_fault(self):
        waiting = self.cases_waiting("submitted")
        if waiting:
            self.act(random.choice(waiting), random.choice(self.actions))


class OrgGroupHead(OrgExpert):
    """The group head: the reports the experts escalated."""

    role = "grouphead"
    weight = 1
    actions = ["resolve", "return", "reject"]

    @task(3)
    def answer_fault(self):
        waiting = self.cases_waiting("escalated")
        if waiting:
            self.act(random.choice(waiting), random.choice(self.actions))
