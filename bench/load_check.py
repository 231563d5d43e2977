"""The load test's sessions before, and its count in the database after (issue 8 items 5 and 7).

python -m bench.load_check sessions FILE
    writes `username sessionid` lines for the Organization's expert, group head, training expert and
    evaluator and for the liaison officer and personnel officer of every agency, for bench/locustfile.py
    to sign in with.

python -m bench.load_check check LEDGER CSV_PREFIX [--allow-server-errors] [--restart-at EPOCH]
    counts what locust's users were told was saved (LEDGER, one JSON line per acknowledged write) in
    the database: every case filed exists (a hire file with its person, a training request with its
    learners), every manager profile exists, every confirmed transition is in the audit trail, every
    index score given is in the score's history; the audit chain verifies; locust's CSV has no server error (5xx) and no
    failure. Prints the figures and `ok` or `FAILED` (exit status 1).
    --allow-server-errors is for the PostgreSQL restart, whose outage itself answers 5xx: there only
    the data is judged; --restart-at splits the acknowledged writes into before and after the restart.
"""

import argparse
import csv
import datetime as dt
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from bench.djangosetup import setup

SERVER_ERROR = re.compile(r"(?<!\d)5\d\d(?!\d)|ConnectionRefused|RemoteDisconnected|ConnectionReset")


def write_sessions(path: Path) -> None:
    from apps.accounts.models import User
    from bench.sessions import session_for

    users = User.objects.filter(
        username__in=["expert", "grouphead", "trainer", "evaluator"]
    ) | User.objects.filter(username__regex=r"^(officer|hr)\d")
    lines = [f"{user.username} {session_for(user)}\n" for user in users.order_by("username")]
    path.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} sessions in {path}")


def locust_figures(prefix: str) -> dict:
    """The aggregated row of locust's stats CSV, and its failures split into server errors and the rest."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    server_errors = other_failures = 0
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if SERVER_ERROR.search(row["Error"]):
                server_errors += int(row["Occurrences"])
            else:
                other_failures += int(row["Occurrences"])
    return {
        "requests": int(total["Request Count"]),
        "rps": float(total["Requests/s"]),
        "p95": total["95%"],
        "failures": int(total["Failure Count"]),
        "server_errors": server_errors,
        "other_failures": other_failures,
    }


def database_figures(ledger: list[dict]) -> dict:
    from django.core.management import CommandError, call_command
    from django.db.models import Count

    from apps.evaluation.models import ScoreEntry
    from apps.managers.models import ManagerProfile
    from apps.recruitment.models import Hire
    from apps.training.models import TrainingRequest
    from apps.workflow.models import AuditEntry, Case

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
        "audit_chain_ok": chain_ok,
    }


def restart_figures(ledger: list[dict], prefix: str, restart_at: float) -> None:
    """Writes acknowledged on each side of the restart, and when the last server error was seen."""
    before = sum(1 for row in ledger if row["at"] < restart_at)
    last_error = None
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if SERVER_ERROR.search(row["Error"]):
                seen = dt.datetime.fromisoformat(row["Last Seen"].replace("Z", "+00:00")).timestamp()
                last_error = max(last_error or seen, seen)
    print(f"writes acknowledged before the restart {before}, after it {len(ledger) - before}")
    if last_error is not None:
        # locust stamps failures to the second.
        print(
            f"last server error within the second starting {last_error - int(restart_at):+.0f} s from the restart"
        )


def check(
    ledger_path: Path, prefix: str, *, allow_server_errors: bool, restart_at: float | None = None
) -> bool:
    ledger = [json.loads(line) for line in ledger_path.read_text(encoding="utf-8").splitlines() if line]
    web = locust_figures(prefix)
    data = database_figures(ledger)
    if restart_at is not None:
        restart_figures(ledger, prefix, restart_at)
    print(
        f"requests {web['requests']}  rps {web['rps']:.1f}  p95 {web['p95']} ms  failures {web['failures']}"
        f" (server errors {web['server_errors']}, other {web['other_failures']})"
    )
    print(
        f"cases created {data['cases_created']} found {data['cases_found']}; "
        f"profiles created {data['profiles_created']} found {data['profiles_found']}; "
        f"hire files created {data['hires_created']} found {data['hires_found']}; "
        f"learners enrolled {data['learners_enrolled']} found {data['learners_found']}; "
        f"scores given {data['scores_given']} found {data['scores_found']}; "
        f"transitions made {data['transitions_made']} found {data['transitions_found']}; "
        f"audit chain {'intact' if data['audit_chain_ok'] else 'BROKEN'}"
    )
    ok = (
        data["cases_found"] == data["cases_created"]
        and data["profiles_found"] == data["profiles_created"]
        and data["hires_found"] == data["hires_created"]
        and data["learners_found"] == data["learners_enrolled"]
        and data["scores_found"] == data["scores_given"]
        and data["transitions_found"] == data["transitions_made"]
        and data["audit_chain_ok"]
        and data["cases_created"] > 0
        and data["transitions_made"] > 0
    )
    if not allow_server_errors:
        ok = ok and web["failures"] == 0
    print("ok" if ok else "FAILED")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sessions = commands.add_parser("sessions")
    sessions.add_argument("file", type=Path)
    counting = commands.add_parser("check")
    counting.add_argument("ledger", type=Path)
    counting.add_argument("csv_prefix")
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
