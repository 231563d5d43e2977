#!/usr/bin/env bash
# Item 2: the cartable and the case list, signed in as the Organization's expert, against bare views that
# render the same 50 rows of the same table (bench/views.py), in the same run, on gunicorn with persistent
# database connections over PostgreSQL, with wrk at 16 connections. Prints throughput ratio and p95.
# Usage: bash bench/page_bench.sh [seconds per measurement, default 10]
#   BENCH_REUSE=1      keep the data of the previous run (otherwise a fresh database is generated)
#   BENCH_CASES=N      cases per agency for the generator (default 200: 15,000 support cases)
source "$(dirname "$0")/common.sh"
SECONDS_PER_RUN=${1:-10}
PORT=${BENCH_PAGES_PORT:-8106}
DB=khedmat_bench_pages
CONNECTIONS=16
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [[ "${BENCH_REUSE:-0}" == 1 ]]; then
    use_db $DB
else
    say "fresh database $DB, province-scale data"
    db_fresh $DB
    (cd "$ROOT" && "$PY" -m bench.generate --cases-per-agency "${BENCH_CASES:-200}")
fi
SESSION=$(cd "$ROOT" && "$PY" -m bench.sessions expert | cut -d' ' -f2)
export BENCH_COOKIE="sessionid=$SESSION"

say "gunicorn on 127.0.0.1:$PORT with bench.settings (CONN_MAX_AGE=${CONN_MAX_AGE:-600})"
DJANGO_SETTINGS_MODULE=bench.settings gunicorn_start "$PORT"
trap 'gunicorn_stop $PORT' EXIT

measure() {
    # One warm-up so every worker holds its database connection, then the measured run.
    wrk -t2 -c$CONNECTIONS -d2s --timeout 10s -s "$ROOT/bench/p95.lua" "http://127.0.0.1:$PORT$1" >/dev/null
    wrk -t2 -c$CONNECTIONS -d"${SECONDS_PER_RUN}s" --timeout 10s -s "$ROOT/bench/p95.lua" "http://127.0.0.1:$PORT$1" |
        grep '^RESULT' | cut -d' ' -f2-
}

printf '%-10s %-22s %s\n' page url result
for row in "cartable /cartable/ /bench/bare/cartable/" "case-list /cartable/cases/ /bench/bare/cases/"; do
    read -r name page bare <<<"$row"
    for url in "$page" "$bare"; do
        body=$(curl -fs -b "$BENCH_COOKIE" "http://127.0.0.1:$PORT$url")
        grep -q 'data-testid="case-table"' <<<"$body" || { echo "$url did not show the case table" >&2; exit 1; }
    done
    bare_result=$(measure "$bare")
    page_result=$(measure "$page")
    printf '%-10s %-22s %s\n' "$name" "$bare" "$bare_result" "$name" "$page" "$page_result"
    "$PY" -m bench.page_ratio "$name" "$bare_result" "$page_result"
done
