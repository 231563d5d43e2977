#!/usr/bin/env bash
# Item 5: locust's simulated users (agency officers and personnel officers, the Organization's expert, group
# head, training expert and evaluator, the national organization's officer) reading and writing across the
# cartable and all four services on PostgreSQL + Redis + Celery, then a count in the database that nothing
# they were told was saved is missing (bench/load_check.py).
# Usage: bash bench/load_test.sh [users, default 100] [duration, default 5m]
#   BENCH_REUSE=1   keep the data of the previous run (otherwise a fresh database is generated)
#   BENCH_SCALE=F   share of issue 8's province figures for the generator (default 0.05)
# Prints requests, rps, p50/p95/p99, failures (the locustfile's own count, bench/out/load/requests.json),
# what was written and found (cases, profiles, hire files, learners, scores, transitions, employee numbers,
# training sessions' steps, attendance and score sheets, certificates, the agencies' forms and certificate
# downloads), then ok or FAILED.
source "$(dirname "$0")/common.sh"
USERS=${1:-100}
DURATION=${2:-5m}
PORT=${LOAD_PORT:-8701}
DB=${LOAD_DB:-khedmat_bench_load}
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/10}
RUN=$OUT/load
mkdir -p "$RUN"
rm -f "$RUN"/load_* "$RUN/ledger.jsonl" "$RUN/requests.json"

if [[ "${BENCH_REUSE:-0}" == 1 ]]; then
    use_db "$DB"
    # The code may have gained a migration since the data was generated.
    (cd "$ROOT" && "$PY" manage.py migrate --noinput -v0)
else
    say "fresh database $DB, province data at scale ${BENCH_SCALE:-0.05}"
    db_fresh "$DB"
    (cd "$ROOT" && "$PY" -m bench.generate --scale "${BENCH_SCALE:-0.05}" --cases-per-agency 20)
fi
(cd "$ROOT" && "$PY" -m bench.load_check sessions "$RUN/sessions.txt")

stop_all() {
    gunicorn_stop "$PORT"
    [[ -f "$RUN/celery.pid" ]] && kill "$(cat "$RUN/celery.pid")" 2>/dev/null || true
}
trap stop_all EXIT
say "gunicorn on 127.0.0.1:$PORT, Celery worker on ${REDIS_URL}"
gunicorn_start "$PORT"
rm -f "$RUN/celery.pid"
(cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat worker --pool=solo --loglevel=warning --without-gossip \
    --without-mingle --hostname "load@%h" --pidfile "$RUN/celery.pid" >"$RUN/celery.log" 2>&1 &)

say "locust: $USERS users for $DURATION"
(cd "$ROOT" && PYTHONPATH=$ROOT LOAD_SESSIONS=$RUN/sessions.txt LOAD_LEDGER=$RUN/ledger.jsonl "$ROOT/.venv/bin/locust" \
    -f bench/locustfile.py --headless --users "$USERS" --spawn-rate 10 --run-time "$DURATION" \
    --host "http://127.0.0.1:$PORT" --csv "$RUN/load" --only-summary --exit-code-on-error 0 \
    >"$RUN/locust.log" 2>&1) || { tail -30 "$RUN/locust.log" >&2; exit 1; }

# Locust warns when its one process ran out of CPU: its response times are then its own queueing.
grep -i "cpu usage" "$RUN/locust.log" >&2 || true
# Background work the users' writes queued (messages) finishes before the count; load_check waits longer
# for the certificates of the sessions certified in the run.
sleep 2
(cd "$ROOT" && "$PY" -m bench.load_check check "$RUN/ledger.jsonl" "$RUN/load")
