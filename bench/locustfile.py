"""Issue 8 item 5: agency staff and the Organization's experts working the desk at the same time.

Run by bench/load_test.sh (headless, one process). It reads signed-in sessions from $LOAD_SESSIONS
(`username sessionid` lines from `python -m bench.load_check sessions`) and appends one JSON line per acknowledged
write to $LOAD_LEDGER — every case it filed, every row it created, every transition the desk confirmed, every
score it gave — which bench/load_check.py then looks for in the database.

What each service is written in, by whom (besides the platform's fault reports and complaints):
- service A: the agency's personnel officer registers a final accepted person's hire file and resends the
  files the Organization returned; the Organization's expert forwards or returns the files waiting for it;
  the national organization's officer approves a forwarded file with its employee number or sends it back;
- service B: the agency's liaison files a registration request (a learner workbook, a letter and a receipt)
  and resends returned ones, and once its session is certified fills the request's course evaluation and
  satisfaction survey and downloads its learners' certificates; the training group's expert approves or
  returns the requests in review, merges approved ones into a session once the quorum is reached, and moves
  sessions on as a whole: announces (or cancels) them, records attendance and closes them, records exam
  scores and the results, certifies;
- service C: the personnel officer adds manager profiles;
- service D: the liaison claims a self-assessment score for an index of its agency's current evaluation; the
  evaluator team scores an index of an agency waiting for its scoring.

A refusal the desk is meant to give under contention (409: somebody acted on the case first) is a
correct answer, not a failure; any other 4xx and every 5xx is a failure.

Every request's outcome, and every exception a task raised, is also counted here as locust reports it and
written when the test stops to requests.json beside the ledger: locust's CSV is rewritten once a second,
so it can miss the last requests of a run, and load_check judges the run by this count instead.
"""

import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from requests.cookies import create_cookie
from urllib3 import encode_multipart_formdata
from urllib3.fields import RequestField

# Modules that need no configured Django: the users speak HTTP, they do not load the desk.
from apps.core.national_id import national_id_with_checksum
from apps.recruitment.rules import DISABLED_SHARE_PERCENT, VETERANS_SHARE_PERCENT
from apps.training.rules import QUORUM

CSRF = "benchcsrfbenchcsrfbenchcsrfbench"  # bench.sessions.BENCH_CSRF; importing it would load Django
FAULT = "support.fault"
HIRE = "recruitment.hire"
TRAINING = "training.request"
# Another user acted first: the case moved on, the step the user saw is gone. The desk answers 409.
LOST_RACE = (409,)
# apps.training.imports.LearnerImport's headers, in its order. A copy: that module declares the spec with
# the desk's models (to check a person against the course's other requests), so it needs a configured Django.
LEARNER_HEADERS = ("نام و نام خانوادگی", "کد ملی", "نوع استخدام", "پست سازمانی", "مدرک تحصیلی", "شماره همراه")
FIRST_NAMES = ("مریم", "علی", "زهرا", "محمد", "فاطمه", "حسین", "سارا", "رضا")
LAST_NAMES = ("احمدی", "موسوی", "کریمی", "حسینی", "رضایی", "جعفری", "بهبهانی", "دزفولی")

SESSIONS: dict[str, list[tuple[str, str]]] = defaultdict(list)
with open(os.environ["LOAD_SESSIONS"], encoding="utf-8") as handle:
    for line in handle:
        username, session = line.split()
        role = username.rstrip("0123456789-")
        SESSIONS[role].append((username, session))

LEDGER = Path(os.environ["LOAD_LEDGER"])
# bench.load_check reads it by the same name beside the ledger.
COUNTS = LEDGER.with_name("requests.json")
# A file left by an earlier run must not pass for this run's if this one dies before writing its own.
COUNTS.unlink(missing_ok=True)
_ledger = open(LEDGER, "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run)


def record(kind: str, **fields) -> None:
    _ledger.write(json.dumps({"kind": kind, "at": time.time(), **fields}, ensure_ascii=False) + "\n")
    _ledger.flush()


_times: list[float] = []
_failures: list[dict] = []
_task_errors: list[dict] = []
_span = {"start": time.time(), "end": 0.0}


@events.test_start.add_listener
def _started(environment, **_kwargs):
    _span["start"] = time.time()


@events.request.add_listener
def _count_request(request_type, name, response_time, response, exception, **_kwargs):
    now = time.time()
    _span["end"] = max(_span["end"], now)
    _times.append(response_time)
    if exception is not None:
        # No status at all (0) is a refused or cut connection: the server's failure as much as a 5xx.
        status = getattr(response, "status_code", 0) or 0
        _failures.append(
            {
                "at": now,
                "name": f"{request_type} {name}",
                "status": status,
                "server_error": status == 0 or status >= 500,
                "error": str(exception)[:300],
            }
        )


@events.user_error.add_listener
def _count_task_error(user_instance, exception, tb, **_kwargs):
    # A task that raises stops short of its writes without any failed request to show for it. (Locust
    # reports a User's own tasks through its default TaskSet, whose `user` is the simulated person.)
    _task_errors.append(
        {
            "at": time.time(),
            "user": type(getattr(user_instance, "user", user_instance)).__name__,
            "error": f"{type(exception).__name__}: {exception}",
        }
    )


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of the sorted response times, in ms."""
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


# At test_stop every user has been stopped, so no request can still be reported after it (the quitting
# event comes earlier than that when locust is sent SIGTERM).
@events.test_stop.add_listener
def _write_counts(environment, **_kwargs):
    ordered = sorted(_times)
    seconds = max(_span["end"] - _span["start"], 1e-9)
    counts = {
        "requests": len(ordered),
        "rps": len(ordered) / seconds,
        "p50": _percentile(ordered, 0.50),
        "p95": _percentile(ordered, 0.95),
        "p99": _percentile(ordered, 0.99),
        "max": ordered[-1] if ordered else 0.0,
        "failures": _failures,
        "task_errors": _task_errors,
    }
    COUNTS.write_text(json.dumps(counts, ensure_ascii=False, indent=1), encoding="utf-8")
    _ledger.close()


def national_id() -> str:
    """A valid national ID, drawn from a range neither the demo nor the generator uses."""
    return national_id_with_checksum(f"{random.randrange(7 * 10**8, 8 * 10**8):09d}")


def learner_workbook(count: int) -> bytes:
    """The learner form (فرم اطلاعات فراگیران) an agency fills: `count` people of its staff."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(LEARNER_HEADERS)
    for _ in range(count):
        sheet.append(
            [
                f"{random.choice(FIRST_NAMES)} {random.choice(LAST_NAMES)}",
                national_id(),
                random.choice(["official", "contractual", "other"]),
                "کارشناس امور اداری",
                random.choice(["کارشناسی", "کارشناسی ارشد"]),
                f"0916{random.randrange(10**7):07d}",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def letter_pdf(text: str) -> bytes:
    """A one-page PDF (the scanned letter or receipt an agency attaches), with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# An agency's answers on a 1–5 scale (apps.training.models.RATING), leaning to the good side as such forms do.
RATINGS = (1, 2, 3, 3, 4, 4, 4, 5, 5, 5)
EVALUATION_COMMENTS = ("", "", "جلسات عملی بیشتر شود.", "مدرس به پرسش‌ها با حوصله پاسخ داد.", "سالن سرد بود.")
SURVEY_COMMENTS = ("", "", "برنامه دوره دیر اعلام شد.", "ثبت‌نام در میز خدمت ساده بود.")


def evaluation_answers() -> dict:
    """The course evaluation form (فرم ارزشیابی دوره): apps.training.api.EvaluationIn."""
    return {
        **{field: random.choice(RATINGS) for field in ("syllabus", "instructor", "venue", "usefulness")},
        "comment": random.choice(EVALUATION_COMMENTS),
    }


def survey_answers() -> dict:
    """The satisfaction survey (فرم نظرسنجی): apps.training.api.SurveyIn."""
    return {
        **{field: random.choice(RATINGS) for field in ("satisfaction", "timeliness", "desk")},
        "comment": random.choice(SURVEY_COMMENTS),
    }


def multipart(fields: dict, files: dict[str, tuple]) -> tuple[bytes, str]:
    """The body and Content-Type python-requests built for `data=fields, files=files` (FastHttpSession has no
    `files`): the fields as text, then each `(filename, content[, content type])` file. A file given without
    a content type goes without one, as before, not with one urllib3 would guess from its filename."""
    parts: list = [(name, str(value)) for name, value in fields.items()]
    for name, (filename, content, *content_type) in files.items():
        part = RequestField(name=name, data=content, filename=filename)
        part.make_multipart(content_type=content_type[0] if content_type else None)
        parts.append(part)
    return encode_multipart_formdata(parts)


# geventhttpclient rather than python-requests: the same requests for about a third less of locust's CPU,
# which on a 2-core host it takes from the desk under test.
class DeskUser(FastHttpUser):
    abstract = True
    role = ""
    # An office worker reads a page before the next click; 1–4 s keeps 100 users at roughly 40 requests a
    # second offered, more than a province's staff make, without turning the test into a saturation run.
    wait_time = between(1, 4)

    def on_start(self):
        self.username, session = random.choice(SESSIONS[self.role])
        # Cookies for any host, as requests' `cookies.set` made them.
        self.client.cookiejar.set_cookie(create_cookie("sessionid", session))
        self.client.cookiejar.set_cookie(create_cookie("csrftoken", CSRF))

    def page(self, url: str, name: str | None = None):
        self.client.get(url, name=name or url)

    def api_get(self, url: str, name: str):
        """The parsed answer of a read, or None when it failed (locust counts the failure)."""
        response = self.client.get(url, name=name)
        return response.json() if response.ok else None

    def items(self, url: str, name: str) -> list[dict]:
        answer = self.api_get(url, name)
        return answer.get("items", []) if answer else []

    def api_post(
        self,
        url: str,
        body: dict | None = None,
        *,
        name: str,
        expected: int = 200,
        files=None,
        method="POST",
        lost_races: tuple[int, ...] = LOST_RACE,
    ):
        """Posts JSON (or a form with `files`); the parsed answer when the desk gave `expected`, else None
        (an answer in `lost_races`, by default a 409, counts as right)."""
        headers = {"X-CSRFToken": CSRF}
        if files:
            form, headers["Content-Type"] = multipart(body or {}, files)
            sent = {"data": form}
        else:
            sent = {"json": body}
        with self.client.request(
            method, url, headers=headers, name=name, catch_response=True, **sent
        ) as response:
            if response.status_code == expected:
                response.success()
                return response.json()
            if response.status_code in lost_races:
                response.success()
                return None
            response.failure(f"{response.status_code}: {response.text[:200]}")
            return None

    def cases_waiting(self, state: str, process: str = FAULT) -> list[dict]:
        return self.items(
            f"/api/cartable?process={process}&state={state}&limit=50", "/api/cartable?process=[p]&state=[s]"
        )

    def hire_files(self, state: str) -> list[dict]:
        """Hire files in `state`, from the first round that has any (files are registered in one round at a
        time, so that round is asked first the next time)."""
        if not hasattr(self, "_rounds"):
            self._rounds = [r["id"] for r in self.items("/api/recruitment/rounds", "/api/recruitment/rounds")]
        for round_id in self._rounds:
            hires = self.items(
                f"/api/recruitment/rounds/{round_id}/hires?state={state}&limit=50",
                "/api/recruitment/rounds/[id]/hires",
            )
            if hires:
                self._rounds.remove(round_id)
                self._rounds.insert(0, round_id)
                return hires
        return []

    def missing_documents(self, hire: dict) -> list[str] | None:
        """The codes of the documents the file still lacks (sending, resending and forwarding ask for all)."""
        checklist = self.api_get(
            f"/api/recruitment/hires/{hire['id']}/documents", "/api/recruitment/hires/[id]/documents"
        )
        return None if checklist is None else [d["code"] for d in checklist if not d["attached"]]

    def act(self, case: dict, action: str, *, lost_races: tuple[int, ...] = LOST_RACE) -> None:
        """One transition with the state the user saw, recorded only once the desk confirmed it."""
        answer = self.api_post(
            f"/api/cases/{case['tracking_code']}/actions",
            {"action": action, "reason": "بررسی شد؛ پاسخ در بار آزمایشی.", "expected_state": case["state"]},
            name="/api/cases/[code]/actions",
            lost_races=lost_races,
        )
        if answer is not None:
            record(
                "transition",
                code=case["tracking_code"],
                action=f"{case['process']}.{action}",
                from_state=case["state"],
                to_state=answer["state"],
                user=self.username,
            )

    def current_cycle(self) -> dict | None:
        """This year's evaluation cycle (the newest) with its indices' ceilings, read once per user."""
        if not hasattr(self, "_cycle"):
            cycles = self.items("/api/evaluation/cycles?limit=1", "/api/evaluation/cycles")
            self._cycle = cycles[0] if cycles else None
            if self._cycle:
                indices = self.items(
                    f"/api/evaluation/cycles/{self._cycle['id']}/indices?limit=500",
                    "/api/evaluation/cycles/[id]/indices",
                )
                self._cycle["ceilings"] = {index["code"]: float(index["max_score"]) for index in indices}
        return self._cycle

    def give_score(self, evaluation: dict, cycle: dict, kind: str, stage: str, pick) -> None:
        """One index's score of the evaluation (service D): the claim or the evaluators', within its ceiling."""
        scores = self.api_get(
            f"/api/evaluation/evaluations/{evaluation['id']}/scores",
            "/api/evaluation/evaluations/[id]/scores",
        )
        if not scores:
            return
        score = pick(scores)
        ceiling = cycle["ceilings"].get(score["index_code"])
        if ceiling is None:
            return
        value = f"{ceiling * random.uniform(0.5, 1):.2f}"
        body = (
            {"claimed": value, "description": "بر پایه گزارش عملکرد سالانه دستگاه."}
            if kind == "self-assessment"
            else {"value": value, "comment": "مستندات بررسی شد."}
        )
        answer = self.api_post(
            f"/api/evaluation/scores/{score['id']}/{kind}", body, name=f"/api/evaluation/scores/[id]/{kind}"
        )
        if answer is not None:
            record("score", pk=score["id"], stage=stage, value=value, user=self.username)


class AgencyOfficer(DeskUser):
    """The agency's liaison: reads its cartable and every service's lists, files fault reports, complaints and
    training requests, sends back what the Organization returned, and claims its self-assessment scores."""

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
        items = self.items(f"/api/cases?process={FAULT}&limit=10", "/api/cases?process=[p]")
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
        process = random.choice([FAULT, TRAINING])
        returned = self.cases_waiting("returned", process)
        if returned:
            self.act(random.choice(returned), "resubmit")

    @task(1)
    def file_training_request(self):
        """Service B: a registration request for a course of this year's calendar, with its learner form."""
        if not hasattr(self, "_courses"):
            courses = self.api_get("/api/training/calendar", "/api/training/calendar") or []
            latest = max((c["year"] for c in courses), default=None)
            self._courses = [c for c in courses if c["year"] == latest]
        if not self._courses:
            return
        course = random.choice(self._courses)
        learners = random.randint(1, 5)
        paid_on = dt.date.today() - dt.timedelta(days=random.randint(1, 5))
        answer = self.api_post(
            "/api/training/requests",
            {
                "course_id": course["id"],
                "receipt_number": f"{random.randrange(10**9):09d}",
                "receipt_amount": course["tuition"] * learners,
                "receipt_date": paid_on.isoformat(),
            },
            name="/api/training/requests",
            expected=201,
            files={
                "learner_file": ("learners.xlsx", learner_workbook(learners)),
                "letter_file": ("letter.pdf", letter_pdf("Introduction letter")),
                "receipt_file": ("receipt.pdf", letter_pdf("Bank receipt")),
            },
        )
        if answer is not None:
            record(
                "case", code=answer["tracking_code"], process=TRAINING, learners=learners, user=self.username
            )

    @task(2)
    def finish_training(self):
        """Service B's last step (row 10): once its session is certified, the agency fills the course
        evaluation and the satisfaction survey of its request, then lists and downloads its learners'
        certificates. Now and then it comes back to a completed request for the certificates alone."""
        agency = self.agency_code()
        if agency is None:
            return
        state = "completed" if random.random() < 0.2 else "forms"
        requests = self.items(
            f"/api/training/requests?state={state}&limit=50", "/api/training/requests?state=[s]"
        )
        # The API scopes the list to the caller's agency; a stranger's request here would be a leak, which the
        # run must report rather than act on.
        foreign = [r["tracking_code"] for r in requests if r["organization_code"] != agency]
        if foreign:
            raise AssertionError(
                f"{self.username} of {agency} was shown other agencies' requests {foreign[:3]}"
            )
        if not requests:
            return
        request = random.choice(requests)
        detail = self.api_get(f"/api/training/requests/{request['id']}", "/api/training/requests/[id]")
        if detail is None or detail["state"] not in ("forms", "completed"):
            return
        evaluated = detail["evaluation_filled"] or self.fill_form(detail, "evaluation", evaluation_answers())
        surveyed = detail["survey_filled"] or self.fill_form(detail, "survey", survey_answers())
        if not (evaluated and surveyed):
            # A 409: another user signed in for the agency filled that form a moment ago (the forms are only
            # released together, so ask again rather than give up on the certificates).
            detail = self.api_get(f"/api/training/requests/{request['id']}", "/api/training/requests/[id]")
            if detail is None or not (detail["evaluation_filled"] and detail["survey_filled"]):
                return
        certificates = self.api_get(
            f"/api/training/requests/{request['id']}/certificates", "/api/training/requests/[id]/certificates"
        )
        # Empty while the worker is still rendering a session certified a moment ago.
        for certificate in random.sample(certificates or [], min(2, len(certificates or []))):
            self.download_certificate(detail, certificate)

    def agency_code(self) -> str | None:
        """The code of the agency this officer works for, read once per user."""
        if not hasattr(self, "_agency"):
            me = self.api_get("/api/me", "/api/me")
            self._agency = (me.get("organization") or {}).get("code") if me else None
        return self._agency

    def fill_form(self, request: dict, form: str, answers: dict) -> bool:
        """The request's course evaluation or satisfaction survey; True once the desk confirmed it."""
        answer = self.api_post(
            f"/api/training/requests/{request['id']}/{form}",
            answers,
            name=f"/api/training/requests/[id]/{form}",
            expected=201,
        )
        if answer is None:
            return False
        record(
            f"training {form}",
            pk=request["id"],
            code=request["tracking_code"],
            answers=answers,
            user=self.username,
        )
        return True

    def download_certificate(self, request: dict, certificate: dict) -> None:
        """One learner's certificate; recorded with what it held, so the check sees a page or an empty file
        passed off as the PDF."""
        with self.client.get(
            certificate["download_url"], name="/training/learners/[id]/certificate.pdf", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return
            pdf = response.content.startswith(b"%PDF")
            if not pdf:
                response.failure(f"not a PDF: {response.content[:40]!r}")
            record(
                "certificate download",
                pk=request["id"],
                learner_id=certificate["learner_id"],
                verification_code=certificate["verification_code"],
                pdf=pdf,
                sha256=hashlib.sha256(response.content).hexdigest(),
                user=self.username,
            )

    @task(2)
    def self_assess(self):
        """Service D: a claimed score for one index, while the agency's evaluation is at self-assessment."""
        cycle = self.current_cycle()
        if cycle is None:
            return
        mine = self.items(
            f"/api/evaluation/cycles/{cycle['id']}/evaluations", "/api/evaluation/cycles/[id]/evaluations"
        )
        for evaluation in mine:
            if evaluation["state"] == "self_assessment":
                self.give_score(evaluation, cycle, "self-assessment", "self", random.choice)


class AgencyHR(DeskUser):
    """The agency's personnel officer: the managers' database (service C) and recruitment's hire files
    (service A)."""

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

    @task(1)
    def register_hire(self):
        """Service A: a final accepted person of the round still registering, on a job-location with a seat
        (and, for the free quota, a free seat) left, as the page's list of registrable people offers."""
        rounds = self.items("/api/recruitment/rounds", "/api/recruitment/rounds")
        open_round = next((r for r in rounds if r["stage"] == "registration"), None)
        if open_round is None:
            return
        base = f"/api/recruitment/rounds/{open_round['id']}"
        quotas = {
            q["job_code"]: q
            for q in self.items(f"{base}/quotas?limit=500", "/api/recruitment/rounds/[id]/quotas")
        }
        finals = self.items(
            f"{base}/candidates?status=final&limit=500", "/api/recruitment/rounds/[id]/candidates"
        )
        hires = self.items(f"{base}/hires?limit=500", "/api/recruitment/rounds/[id]/hires")
        quota_type = {c["national_id"]: c["quota_type"] for c in finals}
        filed = {h["national_id"] for h in hires}
        free_taken = Counter(h["job_code"] for h in hires if quota_type.get(h["national_id"]) == "free")

        def seat(candidate) -> bool:
            quota = quotas.get(candidate["job_code"])
            if quota is None or quota["registered"] >= quota["allocated"]:
                return False
            posts = quota["posts"]
            free = posts - posts * VETERANS_SHARE_PERCENT // 100 - posts * DISABLED_SHARE_PERCENT // 100
            return candidate["quota_type"] != "free" or free_taken[candidate["job_code"]] < free

        open_ones = [c for c in finals if c["national_id"] not in filed and seat(c)]
        if not open_ones:
            return
        person = random.choice(open_ones)
        answer = self.api_post(
            "/api/recruitment/hires",
            {
                "candidate_id": person["id"],
                "father_name": random.choice(["محمود", "احمد", "حسن"]),
                "birth_date": dt.date(1990 + random.randrange(10), 1 + random.randrange(12), 1).isoformat(),
                "mobile": f"0912{random.randrange(10**7):07d}",
                "education": random.choice(["bachelor", "master"]),
                "field_of_study": "مدیریت دولتی",
                "is_native": True,
            },
            name="/api/recruitment/hires",
            expected=201,
        )
        if answer is not None:
            record(
                "case",
                code=answer["tracking_code"],
                process=HIRE,
                national_id=person["national_id"],
                user=self.username,
            )

    @task(1)
    def resend_returned_hire(self):
        """A file the province sent back: the agency attaches what it lacks, then resends it."""
        returned = self.hire_files("returned")
        if not returned:
            return
        hire = random.choice(returned)
        missing = self.missing_documents(hire)
        if missing is None:
            return
        for code in missing:
            attached = self.api_post(
                f"/api/recruitment/hires/{hire['id']}/documents",
                {"requirement": code},
                name="/api/recruitment/hires/[id]/documents",
                files={"file": ("document.pdf", letter_pdf(f"Document {code}"), "application/pdf")},
            )
            if attached is None:
                return
        self.act({**hire, "process": HIRE}, "resend")


class OrgExpert(DeskUser):
    """The Organization's expert: the cartable, the services' staff lists, answering fault reports, and the
    Deputy's review of the agencies' hire files (service A)."""

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

    @task(2)
    def review_hire(self):
        """The Deputy's review: a complete file is mostly forwarded, one lacking a document is sent back."""
        waiting = self.hire_files("submitted")
        if not waiting:
            return
        hire = random.choice(waiting)
        missing = self.missing_documents(hire)
        if missing is None:
            return
        self.act(
            {**hire, "process": HIRE},
            "return" if missing else random.choice(["forward", "forward", "return"]),
        )


class OrgGroupHead(OrgExpert):
    """The group head: the reports the experts escalated, and hire files like the experts."""

    role = "grouphead"
    weight = 1
    actions = ["resolve", "return", "reject"]

    @task(3)
    def answer_fault(self):
        waiting = self.cases_waiting("escalated")
        if waiting:
            self.act(random.choice(waiting), random.choice(self.actions))


# The requests a simulated expert has taken into a session it is planning or planned. The desk refuses a
# second plan of an already merged request with a 400 (its form's message, not the 409 of a lost race), and
# one training group does not plan the same requests twice at once; the locust process is one, so a set is
# enough to keep its users apart.
_TAKEN: set[int] = set()
REQUESTS_PAGE = 500
# A session's own steps by its state, as /api/training/sessions/[id]/actions names them.
NEXT_STEP = {"scheduled": "announce", "announced": "finish", "held": "examine", "examined": "certify"}
# Planned sessions meet this many times; every session has at least a first meeting to be absent from.
MEETINGS = 4


class TrainingExpert(DeskUser):
    """The training group's expert (service B): its lists, the review of registration requests' documents
    and receipts, and the steps taken for a whole session at once: planning one from approved requests,
    announcing or cancelling it, attendance and the end of the course, the exam's scores and results, and
    the certificates."""

    role = "trainer"
    weight = 2

    @task(2)
    def lists(self):
        self.page(
            random.choice(
                [
                    "/cartable/",
                    "/training/requests/",
                    "/training/sessions/",
                    "/training/planning/",
                    "/training/",
                ]
            )
        )

    @task(2)
    def review_request(self):
        waiting = self.cases_waiting("review", TRAINING)
        if waiting:
            self.act(random.choice(waiting), random.choice(["approve", "approve", "return"]))

    @task(1)
    def plan_session(self):
        """Row 5 of seed 002: approved requests of one course, of one agency or several, merged into a session
        of at least QUORUM people and at most the course's capacity."""
        if not hasattr(self, "_calendar"):
            courses = self.api_get("/api/training/calendar", "/api/training/calendar") or []
            self._calendar = {c["id"]: c for c in courses}
        gathering = defaultdict(list)
        offset = 0
        while True:
            page = self.items(
                f"/api/training/requests?state=gathering&limit={REQUESTS_PAGE}&offset={offset}",
                "/api/training/requests?state=gathering",
            )
            for request in page:
                if request["session_id"] is None and request["id"] not in _TAKEN:
                    gathering[request["course_id"]].append(request)
            if len(page) < REQUESTS_PAGE:
                break
            offset += REQUESTS_PAGE
        known = [c for c in gathering if c in self._calendar]
        if not known:
            return
        course = self._calendar[max(known, key=lambda c: (len(gathering[c]), random.random()))]
        chosen, people = [], 0
        for request in random.sample(gathering[course["id"]], len(gathering[course["id"]])):
            if people >= QUORUM:
                break
            # Another simulated expert may have taken it since the list was read; the desk would answer 409.
            if request["id"] not in _TAKEN and people + request["people"] <= course["capacity"]:
                _TAKEN.add(request["id"])
                chosen.append(request)
                people += request["people"]
        starts = dt.date.today() + dt.timedelta(days=random.randint(7, 21))
        answer = None
        if people >= QUORUM:
            answer = self.api_post(
                "/api/training/sessions",
                {
                    "course_id": course["id"],
                    "request_ids": [r["id"] for r in chosen],
                    "starts_on": starts.isoformat(),
                    # Five days hold between one and seven working days (MIN_RUN_DAYS, MAX_RUN_DAYS) whatever
                    # the weekday, outside Nowruz.
                    "ends_on": (starts + dt.timedelta(days=4)).isoformat(),
                    "place": "سالن آموزش سازمان",
                    "mode": course["mode"],
                    "instructor": random.choice(["دکتر نرگس کاظمی", "مهندس امید رحیمی"]),
                    "meetings": MEETINGS,
                },
                name="/api/training/sessions",
                expected=201,
            )
        if answer is None:
            _TAKEN.difference_update(r["id"] for r in chosen)
            return
        record(
            "session step",
            pk=answer["id"],
            step="plan",
            from_state="",
            to_state=answer["state"],
            requests=sorted(r["tracking_code"] for r in chosen),
            user=self.username,
        )

    @task(4)
    def move_session(self):
        """Rows 6–9: the next step of an open session, with the attendance or the scores it needs first."""
        # A state first: the list runs by start date, where one state's sessions could crowd out the others.
        state = random.choice(sorted(NEXT_STEP))
        sessions = self.items(
            f"/api/training/sessions?state={state}&limit=50", "/api/training/sessions?state=[s]"
        )
        if not sessions:
            return
        session = random.choice(sessions)
        step = NEXT_STEP[session["state"]]
        if step == "announce" and random.random() < 0.1:
            self.session_step(session, "cancel", "مدرس دوره در زمان برنامه‌ریزی‌شده در دسترس نیست.")
        elif step == "finish":
            if self.session_sheet(session, "attendance"):
                self.session_step(session, step)
        elif step == "examine":
            if self.session_sheet(session, "scores"):
                self.session_step(session, step)
        else:
            self.session_step(session, step)

    def session_step(self, session: dict, step: str, reason: str = "") -> None:
        answer = self.api_post(
            f"/api/training/sessions/{session['id']}/actions",
            {"action": step, "reason": reason},
            name="/api/training/sessions/[id]/actions",
        )
        if answer is not None:
            record(
                "session step",
                pk=session["id"],
                step=step,
                from_state=session["state"],
                to_state=answer["state"],
                user=self.username,
            )

    def session_sheet(self, session: dict, kind: str) -> bool:
        """The session's attendance (some learners absent from the first meeting) or every learner's exam
        score, recorded for the whole class at once; True once the desk confirmed it."""
        detail = self.api_get(f"/api/training/sessions/{session['id']}", "/api/training/sessions/[id]")
        if detail is None:
            return False
        learners = [learner["id"] for learner in detail["learners"]]
        if kind == "attendance":
            sheet = {pk: [1] for pk in learners if random.random() < 0.1}
            body = {"absences": [{"learner_id": pk, "meetings": meetings} for pk, meetings in sheet.items()]}
        else:
            sheet = {pk: random.randint(40, 100) for pk in learners}
            body = {"scores": [{"learner_id": pk, "score": score} for pk, score in sheet.items()]}
        answer = self.api_post(
            f"/api/training/sessions/{session['id']}/{kind}",
            body,
            name=f"/api/training/sessions/[id]/{kind}",
            method="PUT",
        )
        if answer is None:
            return False
        record(
            f"session {kind}",
            pk=session["id"],
            sheet={str(pk): value for pk, value in sheet.items()},
            user=self.username,
        )
        return True


class NationalOfficer(DeskUser):
    """The national organization's officer (service A's last step): approves a hire file the Deputy forwarded,
    issuing its employee number, or sends it back to the Deputy with the reason."""

    role = "national"
    weight = 1

    @task(1)
    def lists(self):
        self.page(random.choice(["/cartable/", "/recruitment/"]))

    @task(3)
    def decide_hire(self):
        waiting = self.hires_at_national()
        if not waiting:
            return
        hire = {**random.choice(waiting), "process": HIRE}
        # The national body sees a file only while it waits on it: once another of its simulated officers has
        # decided the file, it is out of this one's sight, and the desk answers 404 as for any case not theirs
        # (seen twice in a run of 100 users). Its employee number, asked of a file another officer has just
        # sent back to the Deputy, is refused as not theirs to give (403: the permission table lets the
        # national officer give it only to files sent to the nation; seen once in a quiet run of 100 users).
        lost_races = (*LOST_RACE, 404)
        if random.random() < 0.2:
            self.act(hire, "send_back", lost_races=lost_races)
            return
        # Unique without asking: no other file has this case's tracking code, and the numbers the generator
        # gave are tracking codes themselves, two digits shorter.
        number = f"77{hire['tracking_code']}"
        answer = self.api_post(
            f"/api/recruitment/hires/{hire['id']}/employee-number",
            {"employee_number": number},
            name="/api/recruitment/hires/[id]/employee-number",
            lost_races=(*lost_races, 403),
        )
        if answer is not None:
            record(
                "transition",
                code=hire["tracking_code"],
                action=f"{HIRE}.approve",
                from_state=hire["state"],
                to_state=answer["state"],
                employee_number=number,
                user=self.username,
            )

    def hires_at_national(self) -> list[dict]:
        """Hire files waiting for the national approval."""
        return self.hire_files("national")


class Evaluator(DeskUser):
    """The evaluator team (service D): scores indices of the agencies waiting for its scoring, the ones not
    scored yet first."""

    role = "evaluator"
    weight = 1

    @task(1)
    def lists(self):
        self.page(random.choice(["/cartable/", "/evaluation/"]))

    @task(3)
    def score_index(self):
        cycle = self.current_cycle()
        if cycle is None:
            return
        evaluations = self.items(
            f"/api/evaluation/cycles/{cycle['id']}/evaluations?limit=500",
            "/api/evaluation/cycles/[id]/evaluations",
        )
        scoring = [e for e in evaluations if e["state"] == "scoring"]
        if not scoring:
            return

        def unscored_first(scores):
            return random.choice([s for s in scores if s["evaluator_score"] is None] or scores)

        self.give_score(random.choice(scoring), cycle, "evaluation", "evaluator", unscored_first)
