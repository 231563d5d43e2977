"""How long the desk takes to answer a signed-in page again after PostgreSQL was restarted (issue 8 item 7).

    python -m bench.fault_pg_check URL SESSIONID START_EPOCH [--limit 10] [--timeout 60]

Started as `pg_ctl restart` is issued at START_EPOCH: asks URL with the session cookie until it fails
(the outage), then every 0.1 s until it answers 200 again, and prints the seconds from START_EPOCH to that
answer against the limit; exit status 1 past it.
"""

import argparse
import sys
import time
import urllib.error
import urllib.request

TARGET_SECONDS = 10.0  # issue 8 item 7: the desk answers again within 10 s


def answers(url: str, session: str) -> bool:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status == 200 and response.url == url  # a redirect to sign-in is no answer
    except (urllib.error.URLError, OSError):
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("session")
    parser.add_argument("start", type=float)
    parser.add_argument("--limit", type=float, default=TARGET_SECONDS)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    # Started alongside the restart: first the outage must be seen, else the probe measured nothing.
    while answers(args.url, args.session):
        if time.time() - args.start > 10:
            print("the desk never stopped answering: no outage to measure: FAILED")
            sys.exit(1)
        time.sleep(0.05)
    down = time.time() - args.start
    while not answers(args.url, args.session):
        if time.time() - args.start > args.timeout:
            print(f"the desk did not answer {args.url} within {args.timeout:.0f} s of the restart: FAILED")
            sys.exit(1)
        time.sleep(0.1)
    seconds = time.time() - args.start
    verdict = "ok" if seconds <= args.limit else "FAILED"
    print(
        f"desk down {down:.2f} s after the restart was issued, answering a signed-in page again after "
        f"{seconds:.2f} s (target ≤ {args.limit:.0f} s): {verdict}"
    )
    if verdict != "ok":
        sys.exit(1)


if __name__ == "__main__":
    main()
