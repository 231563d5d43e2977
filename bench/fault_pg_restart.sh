#!/usr/bin/env bash
# Item 7: PostgreSQL restarted in the middle of a load. A private cluster (initdb into bench/out/pg,
# port 5499, trust auth; the shared server on 5432 is never touched) holds a small province; gunicorn,
# one Celery worker and locust work on it; halfway through, `pg_ctl restart -m fast`. Prints how long the
# desk took to answer a signed-in page again (target ≤ 10 s) and whether every write acknowledged before
# and after the restart is in the database. The cluster is stopped and removed at the end.
# Usage: bash bench/fault_pg_restart.sh [users, default 20] [seconds, default 60]
PG_PORT=${FAULT_PG_PORT:-5499}
export BENCH_PG=postgres://postgres@127.0.0.1:$PG_PORT
source "$(dirname "$0")/common.sh"
USERS=${1:-20}
SECONDS_TOTAL=${2:-60}
PORT=${FAULT_PORT:-8702}
DB=khedmat_bench_load_pg
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=$OUT/pg
export REDIS_URL=${LOAD_REDIS_URL:-redis://127.0.0.1:6379/10}
RUN=$OUT/fault-pg
mkdir -p "$RUN"
rm -f "$RUN"/load_* "$RUN/ledger.jsonl"

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$RUN/postgres.log" "$@"; }

LOCUST_PID=""
cleanup() {
    [[ -n "$LOCUST_PID" ]] && kill "$LOCUST_PID" 2>/dev/null || true
    gunicorn_stop "$PORT"
    [[ -f "$RUN/celery.pid" ]] && kill "$(cat "$RUN/celery.pid")" 2>/dev/null || true
    [[ -f "$PGDATA/postmaster.pid" ]] && pg_ctl_ stop -m fast >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
}
trap cleanup EXIT

say "private PostgreSQL cluster in $PGDATA on port $PG_PORT"
rm -rf "$PGDATA"
mkdir -p "$PGDATA"
[[ $(id -u) -eq 0 ]] && chown postgres "$PGDATA" "$RUN"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale >/dev/null
pg_ctl_ -o "-p $PG_PORT -k /tmp" -w start >/dev/null

say "fresh database $DB with a small province"
db_fresh "$DB"
(cd "$ROOT" && "$PY" -m bench.generate --scale "${BENCH_SCALE:-0.01}" --cases-per-agency 10 >/dev/null)
(cd "$ROOT" && "$PY" -m bench.load_check sessions "$RUN/sessions.txt")
PROBE_SESSION=$(awk '$1 == "expert" {print $2}' "$RUN/sessions.txt")

say "gunicorn on 127.0.0.1:$PORT, Celery worker on ${REDIS_URL}"
gunicorn_start "$PORT"
rm -f "$RUN/celery.pid"
(cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat worker --pool=solo --loglevel=warning --without-gossip \
    --without-mingle --hostname "loadpg@%h" --pidfile "$RUN/celery.pid" >"$RUN/celery.log" 2>&1 &)

say "locust: $USERS users for ${SECONDS_TOTAL}s; PostgreSQL restarts at $((SECONDS_TOTAL / 2))s"
(cd "$ROOT" && LOAD_SESSIONS=$RUN/sessions.txt LOAD_LEDGER=$RUN/ledger.jsonl exec "$ROOT/.venv/bin/locust" \
    -f bench/locustfile.py --headless --users "$USERS" --spawn-rate 10 --run-time "${SECONDS_TOTAL}s" \
    --host "http://127.0.0.1:$PORT" --csv "$RUN/load" --only-summary --exit-code-on-error 0 \
    >"$RUN/locust.log" 2>&1) &
LOCUST_PID=$!
sleep $((SECONDS_TOTAL / 2))

START=$(date +%s.%N)
(cd "$ROOT" && "$PY" -m bench.fault_pg_check "http://127.0.0.1:$PORT/cartable/" "$PROBE_SESSION" "$START") &
PROBE_PID=$!
pg_ctl_ restart -m fast -w >/dev/null
# How much of the outage is PostgreSQL's own stop and start, and how much the desk's reconnecting.
awk -v now="$(date +%s.%N)" -v start="$START" \
    'BEGIN { printf "PostgreSQL accepted connections again %.2f s after the restart was issued\n", now - start }'
recovered=0
wait "$PROBE_PID" || recovered=1
wait "$LOCUST_PID" || { tail -30 "$RUN/locust.log" >&2; exit 1; }
LOCUST_PID=""

sleep 2
# The outage itself answers 5xx; what is judged is the data: every acknowledged write is there.
counted=0
(cd "$ROOT" && "$PY" -m bench.load_check check "$RUN/ledger.jsonl" "$RUN/load" --allow-server-errors \
    --restart-at "$START") || counted=1
if [[ $recovered -eq 0 && $counted -eq 0 ]]; then echo "PostgreSQL restart: ok"; else echo "PostgreSQL restart: FAILED"; exit 1; fi
