#!/usr/bin/env bash
# Item 2: every page of `python -m bench.pages` (the cartable, the case list, each service's busiest
# list, the search box's results and the calendar's month), signed in as the page's user, against its bare
# view that renders the same rows of the same tables (bench/services/), in the same run, on gunicorn with
# persistent database connections over PostgreSQL, with wrk at 16 connections. Prints each page's throughput ratio and p95.
# Usage: bash bench/page_bench.sh [seconds per measurement, default 10] [page name ...]
#   BENCH_REUSE=1      keep the data of the previous run (otherwise a fresh database is generated)
#   BENCH_SCALE=F      share of issue 8's province figures for the generator (default 1)
#   BENCH_CASES=N      cases per agency of the platform's process (default 200: 15,000 fault reports)
#   BENCH_DB=NAME      the bench database to use (default khedmat_bench_pages)
#   BENCH_PAGES_REDIS  the Redis the desk caches in, as in production (default redis://127.0.0.1:6379/13)
source "$(dirname "$0")/common.sh"
SECONDS_PER_RUN=${1:-10}
shift || true
ONLY=" $* "
PORT=${BENCH_PAGES_PORT:-8106}
DB=${BENCH_DB:-khedmat_bench_pages}
CONNECTIONS=16
# As deployed: sessions and the layout's cached parts are read from Redis.
export REDIS_URL=${BENCH_PAGES_REDIS:-redis://127.0.0.1:6379/13}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [[ "${BENCH_REUSE:-0}" == 1 ]]; then
    use_db $DB
    FRESH=reuse
else
    say "fresh database $DB, province-scale data"
    db_fresh $DB
    (cd "$ROOT" && "$PY" -m bench.generate --scale "${BENCH_SCALE:-1}" --cases-per-agency "${BENCH_CASES:-200}")
    FRESH=fresh
fi
# What some pages read beside the rows (the search index, ~3 minutes at province scale): bulk writes send
# no signal, so it is built here, after a fresh generation, or when the reused database lacks it.
(cd "$ROOT" && "$PY" -m bench.pages --prepare $FRESH $*)
PAGES=$(cd "$ROOT" && DJANGO_SETTINGS_MODULE=bench.settings "$PY" -m bench.pages)
declare -A COOKIES
while read -r username session; do
    COOKIES[$username]="sessionid=$session"
done < <(cd "$ROOT" && "$PY" -m bench.sessions $(awk '{print $4}' <<<"$PAGES" | sort -u))

say "gunicorn on 127.0.0.1:$PORT with bench.settings (CONN_MAX_AGE=${CONN_MAX_AGE:-600})"
DJANGO_SETTINGS_MODULE=bench.settings gunicorn_start "$PORT"
trap 'gunicorn_stop $PORT' EXIT

# wrk_run THREADS CONNECTIONS SECONDS URL COOKIE: prints p95.lua's figures (rps, p95, p50, requests, errors).
wrk_run() {
    BENCH_COOKIE=$5 wrk -t"$1" -c"$2" -d"$3s" --timeout 10s -s "$ROOT/bench/p95.lua" "http://127.0.0.1:$PORT$4" |
        grep '^RESULT' | cut -d' ' -f2-
}

measure() {
    # One warm-up so every worker holds its database connection, then the measured run.
    wrk_run 2 $CONNECTIONS 2 "$1" "$2" >/dev/null
    wrk_run 2 $CONNECTIONS "$SECONDS_PER_RUN" "$1" "$2"
}

# One connection: what a single person waits for a page when nobody queues in front of them.
alone() { wrk_run 1 1 5 "$1" "$2"; }

printf '%-24s %-40s %s\n' page url result
# The floor: a signed-in view that returns one word, through the same middleware, session and user.
floor_cookie=${COOKIES[$(awk 'NR==1{print $4}' <<<"$PAGES")]}
printf '%-24s %-40s %s\n' floor /bench/bare/floor/ "$(measure /bench/bare/floor/ "$floor_cookie")"
while read -r name page bare username marker; do
    [[ "$ONLY" == "  " || "$ONLY" == *" $name "* ]] || continue
    cookie=${COOKIES[$username]}
    for url in "$page" "$bare"; do
        body=$(curl -fs -b "$cookie" "http://127.0.0.1:$PORT$url") || { echo "$url answered an error" >&2; exit 1; }
        grep -qF "$marker" <<<"$body" || { echo "$url did not show $marker" >&2; exit 1; }
    done
    bare_result=$(measure "$bare" "$cookie")
    page_result=$(measure "$page" "$cookie")
    page_alone=$(alone "$page" "$cookie")
    printf '%-24s %-40s %s\n' "$name" "$bare" "$bare_result" "$name" "$page" "$page_result" \
        "$name" "$page (1 connection)" "$page_alone"
    "$PY" -m bench.page_ratio "$name" "$bare_result" "$page_result"
done <<<"$PAGES"
