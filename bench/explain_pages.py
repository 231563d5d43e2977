"""The query plans of the page bench's pages at whatever volume the database holds: each page and its bare
view are requested once in-process as the page's user (nothing kept, as with `KHEDMAT_LIST_CACHE=0`), and
every SELECT they sent that reads a list (a COUNT, a LIMIT or an OFFSET) is run again under
`EXPLAIN (ANALYZE, BUFFERS)`. Prints each query's time and its plan's key lines.

    DATABASE_URL=… .venv/bin/python -m bench.explain_pages [--page N] [--full] [page name ...]

`--page N` asks for the Nth page of every list (a deep page shows what an OFFSET costs); `--user NAME` asks
as that user instead of each page's (the national officer sees every province).
"""

import argparse
import os
import re
import time

KEY = re.compile(
    r"(Scan|Join|Loop|Aggregate|Sort|Limit|Gather|Hash|Materialize|Index Cond|Rows Removed"
    r"|Execution Time|Planning Time)"
)


def _lists(queries: list[dict]) -> list[str]:
    seen, out = set(), []
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        if not re.search(r"COUNT\(|\bLIMIT\b|\bOFFSET\b", sql, re.IGNORECASE):
            continue
        if sql not in seen:
            seen.add(sql)
            out.append(sql)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--page", type=int, default=None)
    parser.add_argument("--user", default="", help="as this user instead of each page's (e.g. national)")
    parser.add_argument("--full", action="store_true", help="every line of each plan")
    parser.add_argument("--min-ms", type=float, default=1.0, help="leave out queries faster than this")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["KHEDMAT_LIST_CACHE"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from bench.services import pages

    suffix = f"?page={args.page}" if args.page else ""
    for page in pages():
        if args.names and page.name not in args.names:
            continue
        username = args.user or page.username
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(username=username))
        for label, url in (("page", page.page), ("bare", page.bare)):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                try:
                    status = client.get(url + suffix).status_code
                except Exception as exc:  # a page that fails is reported; the others still run
                    status = f"failed: {type(exc).__name__}: {str(exc).splitlines()[0]}"
                took = (time.perf_counter() - started) * 1000
            print(
                f"\n## {page.name} ({username}) {label} {url}{suffix}: {status}, "
                f"{len(captured.captured_queries)} queries, {took:.0f} ms"
            )
            for sql in _lists(captured.captured_queries):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    plan = [row[0] for row in cursor.fetchall()]
                ms = float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1))
                if ms < args.min_ms:
                    continue
                print(f"\n-- {ms:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}")
                for line in plan if args.full else [line for line in plan if KEY.search(line)]:
                    print("   " + line)


if __name__ == "__main__":
    main()
