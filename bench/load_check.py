"""The load test's sessions before, and its count in the database after (issue 8 items 5 and 7).

python -m bench.load_check sessions FILE
    writes `username sessionid` lines for the Organization's expert, group head, training expert and
    evaluator, the national organization's officer, and the liaison officer and personnel officer of every
    agency, for bench/locustfile.py to sign in with.

python -m bench.load_check check LEDGER [CSV_PREFIX] [--allow-server-errors] [--restart-at EPOCH]
    counts what locust's users were told was saved (LEDGER, one JSON line per acknowledged write) in
    the database: every case filed exists (a hire file with its person, a training request with its
    learners), every manager profile exists, every confirmed transition is in the audit trail (a national
    approval also with its employee number on the file), every index score given is in the score's
    history, every step taken for a whole training session is in the audit trail for the session and for
    each request merged into it, every attendance or score sheet is in the audit trail and in the learners'
    rows, and every passed learner of a session certified has its certificate once the worker is done; every
    course evaluation and satisfaction survey an agency was told it filled is its request's, with its answers,
    filled by that agency's officer, and a request with both is completed; every certificate downloaded was a
    PDF, the very file issued to a passed learner of that request, fetched by that request's agency; the
    audit chain verifies; the run had no server error (5xx), no other failure and no task that raised,
    as counted by the locustfile itself in requests.json beside the ledger. With CSV_PREFIX (locust's
    --csv), what locust's CSV counted is shown beside it. Prints the figures and `ok` or `FAILED` (exit
    status 1).
    --allow-server-errors is for the PostgreSQL restart, whose outage itself answers 5xx: there only
    the data is judged; --restart-at splits the acknowledged writes into before and after the restart.
"""

import argparse
import csv
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

from bench.djangosetup import setup

# Written by bench/locustfile.py beside the ledger when the test stops.
COUNTS_NAME = "requests.json"
# The case action a session's step takes on every request merged into it (services/sessions.py's _move).
SESSION_CASE_ACTION = {
    "plan": "schedule",
    "announce": "announce",
    "finish": "hold",
    "examine": "examine",
    "certify": "certify",
    "cancel": "cancel",
}
# The agency's two forms by their ledger kind, with the answers each keeps (apps.training.api's schemas).
FORMS = {
    "training evaluation": ("syllabus", "instructor", "venue", "usefulness", "comment"),
    "training survey": ("satisfaction", "timeliness", "desk", "comment"),
}
# How long the Celery worker may take to render the certificates of the sessions certified in the run.
CERTIFICATES_WAIT_SECONDS = 300


def write_sessions(path: Path) -> None:
    from apps.accounts.models import User
    from bench.sessions import session_for

    users = User.objects.filter(
        username__in=["expert", "grouphead", "trainer", "evaluator", "national"]
    ) | User.objects.filter(username__regex=r"^(officer|hr)\d")
    lines = [f"{user.username} {session_for(user)}\n" for user in users.order_by("username")]
    path.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} sessions in {path}")


def request_figures(ledger_path: Path) -> dict:
    """The locustfile's own count of the run: requests, percentiles, failures split into server errors
    (5xx or no answer) and the rest, and the tasks that raised."""
    counts = json.loads(ledger_path.with_name(COUNTS_NAME).read_text(encoding="utf-8"))
    failures = counts["failures"]
    server_errors = sum(1 for failure in failures if failure["server_error"])
    return {
        **{key: counts[key] for key in ("requests", "rps", "p50", "p95", "p99", "max")},
        "failures": len(failures),
        "server_errors": server_errors,
        "other_failures": len(failures) - server_errors,
        "task_errors": len(counts["task_errors"]),
        "failure_list": failures,
        "task_error_list": counts["task_errors"],
    }


def csv_figures(prefix: str) -> tuple[int, int] | None:
    """Requests and failures in the aggregated row of locust's stats CSV, when there is one."""
    path = Path(f"{prefix}_stats.csv")
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    return int(total["Request Count"]), int(total["Failure Count"])


def database_figures(ledger: list[dict]) -> dict:
    from django.core.management import CommandError, call_command
    from django.db.models import Count

    from apps.audit.models import AuditEntry
    from apps.evaluation.models import ScoreEntry
    from apps.managers.models import ManagerProfile
    from apps.recruitment.models import Hire
    from apps.training.models import TrainingRequest
    from apps.workflow.models import Case

    case_codes = {row["code"] for row in ledger if row["kind"] == "case"}
    found_codes = set(
        Case.objects.filter(tracking_code__in=case_codes).values_list("tracking_code", flat=True)
    )
    profile_pks = {row["pk"] for row in ledger if row["kind"] == "profile"}
    found_profiles = ManagerProfile.objects.filter(pk__in=profile_pks).count()
    # Service A's hire files: the case and the person it was filed for.
    hires = {
        (row["code"], row["national_id"]) for row in ledger if row["kind"] == "case" and "national_id" in row
    }
    found_hires = set(
        Hire.objects.filter(case__tracking_code__in={code for code, _ in hires}).values_list(
            "case__tracking_code", "national_id"
        )
    )
    # Service B's registration requests: every learner of the workbook sent.
    enrolled = {row["code"]: row["learners"] for row in ledger if row["kind"] == "case" and "learners" in row}
    in_requests = dict(
        TrainingRequest.objects.filter(case__tracking_code__in=enrolled)
        .annotate(n=Count("learners"))
        .values_list("case__tracking_code", "n")
    )

    made = Counter(
        (row["code"], row["action"], row["from_state"], row["to_state"])
        for row in ledger
        if row["kind"] == "transition"
    )
    # Only audit rows written during the run: the generator's history holds the same actions on the same
    # cases, dated before it, and must not stand in for a lost one.
    since = dt.datetime.fromtimestamp(min((row["at"] for row in ledger), default=0) - 60, tz=dt.UTC)
    in_audit = Counter(
        AuditEntry.objects.filter(
            created_at__gte=since, case__tracking_code__in={code for code, *_ in made}
        ).values_list("case__tracking_code", "action", "from_state", "to_state")
    )
    # Service D's scores: each one given is a row of the score's history, by that user, at that value.
    given = Counter(
        (row["pk"], row["stage"], Decimal(row["value"]), row["user"])
        for row in ledger
        if row["kind"] == "score"
    )
    in_history = Counter(
        ScoreEntry.objects.filter(created_at__gte=since, score_id__in={pk for pk, *_ in given}).values_list(
            "score_id", "stage", "value", "actor__username"
        )
    )
    # Service A's national approvals: the employee number given is the file's.
    numbers = {row["code"]: row["employee_number"] for row in ledger if "employee_number" in row}
    on_files = dict(
        Hire.objects.filter(case__tracking_code__in=numbers).values_list(
            "case__tracking_code", "employee_number"
        )
    )
    session_data = session_figures(ledger, since)
    forms_data = forms_figures(ledger)
    try:
        call_command("audit_verify", stdout=sys.stdout)
        chain_ok = True
    except CommandError as exc:
        print(exc)
        chain_ok = False
    return {
        "cases_created": len(case_codes),
        "cases_found": len(found_codes),
        "profiles_created": len(profile_pks),
        "profiles_found": found_profiles,
        "hires_created": len(hires),
        "hires_found": len(hires & found_hires),
        "learners_enrolled": sum(enrolled.values()),
        "learners_found": sum(min(n, in_requests.get(code, 0)) for code, n in enrolled.items()),
        "scores_given": sum(given.values()),
        "scores_found": sum(min(n, in_history[key]) for key, n in given.items()),
        "transitions_made": sum(made.values()),
        "transitions_found": sum(min(n, in_audit[key]) for key, n in made.items()),
        "numbers_given": len(numbers),
        "numbers_found": sum(1 for code, number in numbers.items() if on_files.get(code) == number),
        **session_data,
        **forms_data,
        "audit_chain_ok": chain_ok,
    }


def session_figures(ledger: list[dict], since: dt.datetime) -> dict:
    """Service B's steps taken for a whole session: each one acknowledged is in the audit trail for the
    session and, as the matching transition, for every request merged into it (a plan merged exactly the
    requests sent); each attendance or score sheet is in the audit trail, and what the learners' rows hold
    now is what one of the acknowledged sheets said; every passed learner of a session certified gets its
    certificate from the worker."""
    from django.db.models import Q

    from apps.audit.models import AuditEntry
    from apps.training.models import Absence, Learner, TrainingRequest

    steps = [row for row in ledger if row["kind"] == "session step"]
    attendance = [row for row in ledger if row["kind"] == "session attendance"]
    scores = [row for row in ledger if row["kind"] == "session scores"]
    pks = {row["pk"] for row in steps + attendance + scores}
    session_audit = AuditEntry.objects.filter(
        created_at__gte=since, object_type="training.coursesession", object_id__in=[str(pk) for pk in pks]
    )
    merged = defaultdict(set)
    for pk, code in TrainingRequest.objects.filter(session_id__in=pks).values_list(
        "session_id", "case__tracking_code"
    ):
        merged[pk].add(code)
    case_actions = set(
        AuditEntry.objects.filter(
            created_at__gte=since, case__training_request__session_id__in=pks
        ).values_list("case__training_request__session_id", "case__tracking_code", "action")
    )

    def audited(action: str, key) -> Counter:
        """The run's audit rows of the sessions for `action`, counted by key(session pk, changes, username)."""
        rows = session_audit.filter(action=action).values_list("object_id", "changes", "actor__username")
        return Counter(key(int(pk), changes, user) for pk, changes, user in rows)

    def matched(rows: list[dict], left: Counter, key, holds) -> int:
        """How many acknowledged rows have an audit row of their own (each used once) and hold in the data."""
        found = 0
        for row in rows:
            if left[key(row)] > 0 and holds(row):
                left[key(row)] -= 1
                found += 1
        return found

    def cases_moved(row) -> bool:
        action = f"training.request.{SESSION_CASE_ACTION[row['step']]}"
        codes = merged[row["pk"]]
        if row["step"] == "plan" and codes != set(row["requests"]):
            return False
        return bool(codes) and all((row["pk"], code, action) in case_actions for code in codes)

    # Since a session became a record of its own process (training.session), its steps are its own case's
    # trail, naming the session through that case; before, the rows named it as their object.
    step_rows = AuditEntry.objects.filter(
        created_at__gte=since, action__startswith="training.session."
    ).filter(
        Q(object_type="training.coursesession", object_id__in=[str(pk) for pk in pks])
        | Q(case__course_session__id__in=pks)
    )
    step_audit = Counter(
        (int(session or pk), action.removeprefix("training.session."), user)
        for pk, session, action, user in step_rows.values_list(
            "object_id", "case__course_session__id", "action", "actor__username"
        )
    )
    steps_found = matched(
        steps, step_audit, lambda row: (row["pk"], row["to_state"], row["user"]), cases_moved
    )

    def in_flight(action: str, key, sheets: list[dict], row_key) -> set[int]:
        """Sessions whose last sheet the desk recorded was a request still in flight when the load stopped,
        whose answer locust never read: it is like no acknowledged one, or it is one more than were
        acknowledged and was recorded after the last of them was answered (an attendance sheet's trail
        holds only its count, which two sheets share). What such a session holds is that sheet."""
        acknowledged = {row_key(row) for row in sheets}
        answered = Counter(row["pk"] for row in sheets)
        answered_last = {}
        for row in sheets:
            answered_last[row["pk"]] = max(answered_last.get(row["pk"], 0.0), row["at"])
        last, recorded = {}, Counter()
        rows = session_audit.filter(action=action).order_by("created_at", "id")
        for pk, changes, user, at in rows.values_list(
            "object_id", "changes", "actor__username", "created_at"
        ):
            last[int(pk)] = (key(int(pk), changes, user), at.timestamp())
            recorded[int(pk)] += 1
        return {
            pk
            for pk, (found, at) in last.items()
            if found not in acknowledged or (recorded[pk] > answered[pk] and at > answered_last.get(pk, 0.0))
        }

    # Attendance: the audit row counts the absences; the absences stored are one acknowledged sheet's, whole
    # (or, for a session whose last sheet was in flight at the stop, as many as that sheet recorded).
    def absences(sheet: dict) -> set:
        return {(int(learner), meeting) for learner, meetings in sheet.items() for meeting in meetings}

    stored = defaultdict(set)
    for pk, learner, meeting in Absence.objects.filter(
        meeting__session_id__in={row["pk"] for row in attendance}
    ).values_list("meeting__session_id", "learner_id", "meeting__number"):
        stored[pk].add((learner, meeting))
    sent = defaultdict(list)
    for row in attendance:
        sent[row["pk"]].append(absences(row["sheet"]))

    def attendance_key(pk, changes, user):
        return pk, changes.get("absences"), user

    def attendance_row(row):
        return row["pk"], len(absences(row["sheet"])), row["user"]

    attendance_flying = in_flight("training.attendance.recorded", attendance_key, attendance, attendance_row)
    attendance_found = matched(
        attendance,
        audited("training.attendance.recorded", attendance_key),
        attendance_row,
        lambda row: stored[row["pk"]] in sent[row["pk"]] or row["pk"] in attendance_flying,
    )

    # Scores: the audit row holds the sheet itself; every learner's score now is one a sheet gave them.
    def sheet_key(pk: int, sheet: dict, user: str):
        return pk, frozenset((int(learner), Decimal(value)) for learner, value in sheet.items()), user

    given = defaultdict(set)
    for row in scores:
        for learner, value in row["sheet"].items():
            given[int(learner)].add(Decimal(value))
    overwritten = {
        session
        for learner, score, session in Learner.objects.filter(pk__in=given).values_list(
            "pk", "score", "request__session_id"
        )
        if score not in given[learner]
    }
    scores_flying = in_flight(
        "training.scores.recorded",
        sheet_key,
        scores,
        lambda row: sheet_key(row["pk"], row["sheet"], row["user"]),
    )
    scores_found = matched(
        scores,
        audited("training.scores.recorded", sheet_key),
        lambda row: sheet_key(row["pk"], row["sheet"], row["user"]),
        lambda row: row["pk"] not in overwritten or row["pk"] in scores_flying,
    )

    certified = {row["pk"] for row in steps if row["step"] == "certify"}
    due = Learner.objects.filter(request__session_id__in=certified, passed=True)
    deadline = time.monotonic() + CERTIFICATES_WAIT_SECONDS
    while due.filter(certificate__isnull=True).exists() and time.monotonic() < deadline:
        time.sleep(2)
    return {
        "steps_made": len(steps),
        "steps_found": steps_found,
        "attendance_made": len(attendance),
        "attendance_found": attendance_found,
        "score_sheets_made": len(scores),
        "score_sheets_found": scores_found,
        "sheets_in_flight": len(attendance_flying) + len(scores_flying),
        "certificates_due": due.count(),
        "certificates_issued": due.filter(certificate__isnull=False).count(),
    }


def forms_figures(ledger: list[dict]) -> dict:
    """Service B's last step, the agency's: each acknowledged form is the row its request holds (one per
    request, so each row answers for one acknowledgement), with the answers sent, by the officer who sent
    them, of the request's own agency; a request with both forms acknowledged has reached the end of its
    process; each certificate downloaded was a PDF whose bytes are the document issued to a passed learner of
    that request, and the officer who downloaded it is of that request's agency."""
    from apps.accounts.models import User
    from apps.training.models import CourseEvaluation, Learner, SatisfactionSurvey, TrainingRequest

    models = {"training evaluation": CourseEvaluation, "training survey": SatisfactionSurvey}

    figures = {}
    acknowledged = defaultdict(set)
    for kind, fields in FORMS.items():
        rows = [row for row in ledger if row["kind"] == kind]
        stored = Counter()
        for request_pk, *answers, user, user_org, request_org in (
            models[kind]
            .objects.filter(request_id__in={row["pk"] for row in rows})
            .values_list(
                "request_id",
                *fields,
                "filled_by__username",
                "filled_by__organization_id",
                "request__organization_id",
            )
        ):
            if user_org == request_org:
                stored[(request_pk, tuple(answers), user)] += 1
        found = 0
        for row in rows:
            key = (row["pk"], tuple(row["answers"][field] for field in fields), row["user"])
            if stored[key] > 0:
                stored[key] -= 1
                found += 1
            acknowledged[row["pk"]].add(kind)
        name = kind.removeprefix("training ")
        figures[f"{name}s_filled"] = len(rows)
        figures[f"{name}s_found"] = found
    both = {pk for pk, kinds in acknowledged.items() if kinds == set(FORMS)}
    figures["requests_finished"] = len(both)
    figures["requests_completed"] = TrainingRequest.objects.filter(
        pk__in=both, case__state="completed"
    ).count()

    downloads = [row for row in ledger if row["kind"] == "certificate download"]
    issued = {
        pk: (request_pk, code, sha256, org)
        for pk, request_pk, code, sha256, org in Learner.objects.filter(
            pk__in={row["learner_id"] for row in downloads}, passed=True
        ).values_list(
            "pk",
            "request_id",
            "certificate__verification_code",
            "certificate__sha256",
            "request__organization_id",
        )
    }
    agency_of = dict(
        User.objects.filter(username__in={row["user"] for row in downloads}).values_list(
            "username", "organization_id"
        )
    )
    figures["downloads_made"] = len(downloads)
    # Not judged, only shown: the generator leaves requests at the forms step with a shared sample PDF, so
    # this says whether the run also carried a session it certified itself through to the agency.
    certified_now = set(
        TrainingRequest.objects.filter(
            session_id__in={
                row["pk"] for row in ledger if row["kind"] == "session step" and row["step"] == "certify"
            }
        ).values_list("pk", flat=True)
    )
    figures["forms_on_run_sessions"] = sum(
        1 for row in ledger if row["kind"] in FORMS and row["pk"] in certified_now
    )
    figures["downloads_on_run_sessions"] = sum(1 for row in downloads if row["pk"] in certified_now)
    figures["downloads_genuine"] = sum(
        1
        for row in downloads
        if row["pdf"]
        and issued.get(row["learner_id"])
        == (row["pk"], row["verification_code"], row["sha256"], agency_of.get(row["user"]))
    )
    return figures


def restart_figures(ledger: list[dict], web: dict, restart_at: float) -> None:
    """Writes acknowledged on each side of the restart, and when the last server error was seen."""
    before = sum(1 for row in ledger if row["at"] < restart_at)
    last_error = max((f["at"] for f in web["failure_list"] if f["server_error"]), default=None)
    print(f"writes acknowledged before the restart {before}, after it {len(ledger) - before}")
    if last_error is not None:
        print(f"last server error {last_error - restart_at:+.1f} s from the restart")


def check(
    ledger_path: Path,
    csv_prefix: str | None,
    *,
    allow_server_errors: bool,
    restart_at: float | None = None,
) -> bool:
    ledger = [json.loads(line) for line in ledger_path.read_text(encoding="utf-8").splitlines() if line]
    web = request_figures(ledger_path)
    data = database_figures(ledger)
    if restart_at is not None:
        restart_figures(ledger, web, restart_at)
    print(
        f"requests {web['requests']}  rps {web['rps']:.1f}  p50 {web['p50']:.0f}  p95 {web['p95']:.0f}"
        f"  p99 {web['p99']:.0f}  max {web['max']:.0f} ms  failures {web['failures']}"
        f" (server errors {web['server_errors']}, other {web['other_failures']})  tasks that raised"
        f" {web['task_errors']}"
    )
    seen = Counter(f"{f['name']}: {f['error'][:120]}" for f in web["failure_list"])
    seen.update(f"{e['user']}: {e['error'][:120]}" for e in web["task_error_list"])
    for what, times in seen.most_common(5):
        print(f"  {times}× {what}")
    from_csv = csv_figures(csv_prefix) if csv_prefix else None
    if from_csv is not None:
        print(
            f"(locust's CSV, rewritten once a second, counted {from_csv[0]} requests and {from_csv[1]} failures)"
        )
    print(
        f"cases created {data['cases_created']} found {data['cases_found']}; "
        f"profiles created {data['profiles_created']} found {data['profiles_found']}; "
        f"hire files created {data['hires_created']} found {data['hires_found']}; "
        f"learners enrolled {data['learners_enrolled']} found {data['learners_found']}; "
        f"scores given {data['scores_given']} found {data['scores_found']}; "
        f"transitions made {data['transitions_made']} found {data['transitions_found']}; "
        f"employee numbers given {data['numbers_given']} found {data['numbers_found']}; "
        f"audit chain {'intact' if data['audit_chain_ok'] else 'BROKEN'}"
    )
    print(
        f"training sessions: steps taken {data['steps_made']} found {data['steps_found']}; "
        f"attendance sheets {data['attendance_made']} found {data['attendance_found']}; "
        f"score sheets {data['score_sheets_made']} found {data['score_sheets_found']} "
        f"(sessions whose last sheet was in flight at the stop: {data['sheets_in_flight']}); "
        f"certificates due {data['certificates_due']} issued {data['certificates_issued']}"
    )
    print(
        f"training forms: evaluations filled {data['evaluations_filled']} found {data['evaluations_found']}; "
        f"surveys filled {data['surveys_filled']} found {data['surveys_found']}; "
        f"requests with both {data['requests_finished']} completed {data['requests_completed']}; "
        f"certificates downloaded {data['downloads_made']} genuine {data['downloads_genuine']}"
        f" (on sessions certified in this run: forms {data['forms_on_run_sessions']},"
        f" downloads {data['downloads_on_run_sessions']})"
    )
    pairs = [
        ("cases_found", "cases_created"),
        ("profiles_found", "profiles_created"),
        ("hires_found", "hires_created"),
        ("learners_found", "learners_enrolled"),
        ("scores_found", "scores_given"),
        ("transitions_found", "transitions_made"),
        ("numbers_found", "numbers_given"),
        ("steps_found", "steps_made"),
        ("attendance_found", "attendance_made"),
        ("score_sheets_found", "score_sheets_made"),
        ("certificates_issued", "certificates_due"),
        ("evaluations_found", "evaluations_filled"),
        ("surveys_found", "surveys_filled"),
        ("requests_completed", "requests_finished"),
        ("downloads_genuine", "downloads_made"),
    ]
    ok = (
        all(data[found] == data[made] for found, made in pairs)
        and data["audit_chain_ok"]
        and data["cases_created"] > 0
        and data["transitions_made"] > 0
    )
    if not allow_server_errors:
        ok = ok and web["failures"] == 0 and web["task_errors"] == 0
    print("ok" if ok else "FAILED")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sessions = commands.add_parser("sessions")
    sessions.add_argument("file", type=Path)
    counting = commands.add_parser("check")
    counting.add_argument("ledger", type=Path)
    counting.add_argument(
        "csv_prefix", nargs="?", help="locust's --csv prefix, to show its count beside the locustfile's"
    )
    counting.add_argument("--allow-server-errors", action="store_true")
    counting.add_argument(
        "--restart-at", type=float, help="epoch of the PostgreSQL restart, to split the figures"
    )
    args = parser.parse_args()
    setup()
    if args.command == "sessions":
        write_sessions(args.file)
    elif not check(
        args.ledger, args.csv_prefix, allow_server_errors=args.allow_server_errors, restart_at=args.restart_at
    ):
        sys.exit(1)


if __name__ == "__main__":
    main()
