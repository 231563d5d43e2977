"""The cluster's figures (issue 26, item 4): reads through the load balancer, and the load balancer's log.

python -m bench.cluster_check reads BASE SESSIONS PRIMARY_URL REPLICA_URL [--seconds 20] [--stop-replica-at S]
    reads reports, dashboards and public pages through BASE with 4 threads for --seconds, and counts answers,
    errors and the transactions each PostgreSQL server committed for the desk's database meanwhile (from
    pg_stat_database: how many reads each served). With --stop-replica-at S, $REPLICA_STOP (a command) is run
    S seconds in: the errors are counted before the stop, while the desk notices it (the router's health
    check plus one connect timeout) and after, where there must be none.

python -m bench.cluster_check balancer LOG KILLED_SERVER KILLED_AT REQUESTS_JSON
    reads HAProxy's log of the load (one line per request: accept time, server, status, termination state,
    times) and locust's own count of failures (REQUESTS_JSON), and counts the requests each node answered,
    and the failed ones: those in flight on the killed node when it was killed (begun before KILLED_AT and
    ended after it, or cut without an answer just after it), and any other, which must be none. Exit
    status 1 on a failure.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

THREADS = 4
# The router believes one health check this long, and a dead replica costs one connect timeout to notice
# (khedmat/dbrouter.py: HEALTH_SECONDS, CONNECT_TIMEOUT_SECONDS); one second more for the requests in flight.
SWITCH_SECONDS = 2 + 2 + 1
# A connection the dead node was serving is closed at once; a client sees it within a second under load.
CUT_SECONDS = 1.0
# Stats reach pg_stat_database when an idle backend reports them, within PGSTAT_IDLE_INTERVAL (10 s).
STATS_WAIT_SECONDS = 11


def _pages(year: int) -> list[tuple[str, str]]:
    """(role of the session to use, or "" for none; address) for each page the replica serves."""
    return [
        ("", "/services/"),
        ("", "/training/"),
        ("", f"/evaluation/public/{year}/"),
        ("", "/complaints/service-levels/"),
        ("", "/complaints/availability/"),
        ("expert", "/complaints/reports/"),
        ("expert", "/complaints/service-levels/dashboard/"),
        ("trainer", "/training/dashboard/"),
        ("evaluator", "/evaluation/dashboard/"),
        ("expert", "/managers/report/"),
    ]


def _commits(url: str, dbname: str) -> int:
    with psycopg.connect(url, connect_timeout=2) as conn:
        row = conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [dbname]).fetchone()
        return int(row[0])


def reads(args) -> int:
    sessions = dict(line.split() for line in Path(args.sessions).read_text(encoding="utf-8").splitlines())
    pages = []
    # A page a role cannot open on this data (or a year without published results) is left out, and said.
    for role, path in _pages(int(os.environ.get("CLUSTER_EVALUATION_YEAR", "1404"))):
        cookies = {"sessionid": sessions[role]} if role else {}
        answer = requests.get(args.base + path, cookies=cookies, allow_redirects=False, timeout=30)
        if answer.status_code == 200:
            pages.append((cookies, path))
        else:
            print(f"  left out {path} ({role or 'anonymous'}): {answer.status_code}")
    print(f"pages read: {', '.join(path for _, path in pages)}")
    dbname = args.primary.rsplit("/", 1)[1]
    before = {"primary": _commits(args.primary, dbname), "replica": _commits(args.replica, dbname)}

    outcomes: list[tuple[float, float, bool]] = []  # began, ended, answered 200
    lock = threading.Lock()
    start = time.time()
    deadline = start + args.seconds

    def work(offset: int) -> None:
        client = requests.Session()
        i = offset
        while time.time() < deadline:
            cookies, path = pages[i % len(pages)]
            i += 1
            began = time.time()
            try:
                answer = client.get(args.base + path, cookies=cookies, allow_redirects=False, timeout=30)
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            with lock:
                outcomes.append((began, time.time(), ok))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    stopped_at = None
    if args.stop_replica_at is not None:
        time.sleep(args.stop_replica_at)
        stopped_at = time.time()
        subprocess.run(os.environ["REPLICA_STOP"], shell=True, check=True)
        print(f"replica stopped {stopped_at - start:.1f} s into the reads")
    for thread in threads:
        thread.join()

    total = len(outcomes)
    errors = sum(1 for *_, ok in outcomes if not ok)
    print(f"reads: {total} in {args.seconds} s ({total / args.seconds:.0f}/s), errors {errors}")
    time.sleep(STATS_WAIT_SECONDS)
    primary = _commits(args.primary, dbname) - before["primary"]
    if stopped_at is None:
        replica = _commits(args.replica, dbname) - before["replica"]
        print(
            f"transactions committed meanwhile: replica {replica} ({replica / max(total, 1):.1f} a read), "
            f"primary {primary} ({primary / max(total, 1):.1f} a read)"
        )
        verdict = errors == 0 and replica >= total
        print(f"the replica served the reads, no error: {'ok' if verdict else 'FAILED'}")
        return 0 if verdict else 1
    failed = [(began, ended) for began, ended, ok in outcomes if not ok]
    before_stop = sum(1 for _, ended in failed if ended < stopped_at)
    in_flight = sum(1 for began, ended in failed if began < stopped_at <= ended)
    switching = sum(1 for began, _ in failed if stopped_at <= began < stopped_at + SWITCH_SECONDS)
    after = [ok for began, _, ok in outcomes if began >= stopped_at + SWITCH_SECONDS]
    after_errors = after.count(False)
    print(f"errors before the stop: {before_stop}")
    print(f"errors of reads in flight on the replica when it stopped: {in_flight}")
    print(
        f"errors of reads begun in the {SWITCH_SECONDS} s after the stop (the desk noticing it): {switching}"
    )
    print(f"errors after the fallback: {after_errors} of {len(after)} reads")
    print(f"transactions committed on the primary meanwhile: {primary}")
    verdict = before_stop == 0 and after_errors == 0 and len(after) > 0
    print(f"reads fell back to the primary: {'ok' if verdict else 'FAILED'}")
    return 0 if verdict else 1


def balancer(args) -> int:
    killed_at = float(args.killed_at)
    answered: Counter = Counter()
    in_flight: list[str] = []
    other: list[str] = []
    total = 0
    for line in Path(args.log).read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 10 or not parts[0].replace(".", "").isdigit():
            continue
        accepted, server, status, state = float(parts[0]), parts[1], parts[2], parts[3]
        header_ms, idle_ms, active_ms = (int(value) for value in parts[4:7])
        total += 1
        # On a kept-alive connection the accept time is the end of the previous request: its own began
        # after the idle time and the time its header took.
        began = accepted + (max(idle_ms, 0) + max(header_ms, 0)) / 1000
        ended = began + active_ms / 1000 if active_ms >= 0 else None
        # A 5xx, or a request the server never answered (-1, a termination state of S: the server aborted).
        failed = status.startswith("5") or status == "-1" or state[:1] == "S"
        if not failed:
            answered[f"{server} {status[0]}xx"] += 1
            continue
        # The log has milliseconds; the kill is taken a few milliseconds after its timestamp.
        alive_at_kill = ended is None or ended >= killed_at - 0.05
        if server == args.killed and began <= killed_at + 0.05 and alive_at_kill:
            in_flight.append(line.strip())
        else:
            other.append(line.strip())
    # A request the dead node was working on can also end with its client connection closed and nothing
    # logged: locust's own count of failures without any answer (status 0) just after the kill finds them.
    counts = json.loads(Path(args.requests).read_text(encoding="utf-8"))
    unanswered = [f for f in counts["failures"] if f["status"] == 0]
    cut = [f for f in unanswered if killed_at <= f["at"] <= killed_at + CUT_SECONDS]
    cut_other = [f for f in unanswered if f not in cut]
    print(f"requests through the load balancer: {total} (locust counted {counts['requests']})")
    for server_status, count in sorted(answered.items()):
        print(f"  answered by node {server_status}: {count}")
    print(
        f"failed, in flight on node {args.killed} when it was killed: {len(in_flight) + len(cut)} "
        f"({len(in_flight)} answered 5xx by HAProxy, {len(cut)} cut without an answer "
        f"within {CUT_SECONDS:.0f} s of the kill)"
    )
    for line in in_flight:
        print(f"    {line}")
    for failure in cut:
        print(f"    +{failure['at'] - killed_at:.3f} s {failure['name']}: {failure['error'][:60]}")
    print(f"failed otherwise: {len(other) + len(cut_other)}")
    for line in other[:20]:
        print(f"    {line}")
    for failure in cut_other[:20]:
        print(f"    {failure['at'] - killed_at:+.3f} s {failure['name']}: {failure['error'][:60]}")
    verdict = not other and not cut_other
    print(f"only the requests in flight on the dead node failed: {'ok' if verdict else 'FAILED'}")
    return 0 if verdict else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    read = commands.add_parser("reads")
    read.add_argument("base")
    read.add_argument("sessions")
    read.add_argument("primary")
    read.add_argument("replica")
    read.add_argument("--seconds", type=float, default=20)
    read.add_argument("--stop-replica-at", type=float)
    log = commands.add_parser("balancer")
    log.add_argument("log")
    log.add_argument("killed")
    log.add_argument("killed_at")
    log.add_argument("requests", help="locust's requests.json (bench/locustfile.py)")
    args = parser.parse_args()
    return reads(args) if args.command == "reads" else balancer(args)


if __name__ == "__main__":
    sys.exit(main())
