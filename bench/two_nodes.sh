#!/usr/bin/env bash
# Item 9: two web nodes (gunicorn on 127.0.0.1:8201 and :8202) and two Celery workers over one PostgreSQL
# database (khedmat_twonodes), Redis db 8 and one shared MEDIA_ROOT, then a check that a session, an
# uploaded file and background work cross from one node to the other. Uses the PostgreSQL and Redis that
# already run (it never starts or restarts them); stops only the processes it started.
# Usage: bash bench/two_nodes.sh          (BENCH_KEEP=1 leaves the nodes running after the check)
source "$(dirname "$0")/common.sh"
DB=khedmat_twonodes
PORTS=(8201 8202)
export REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/8}
export MEDIA_ROOT=$OUT/twonodes-media
mkdir -p "$MEDIA_ROOT"
rm -f "$OUT/sms.log"

say "fresh database $DB with a small demo province"
db_fresh $DB
(cd "$ROOT" && "$PY" manage.py seed_demo --agencies 3 --cases-for 1 >/dev/null)

stop_all() {
    for port in "${PORTS[@]}"; do gunicorn_stop "$port"; done
    for name in a b; do
        [[ -f "$OUT/celery-$name.pid" ]] && kill "$(cat "$OUT/celery-$name.pid")" 2>/dev/null || true
    done
}
[[ "${BENCH_KEEP:-0}" == 1 ]] || trap stop_all EXIT

for port in "${PORTS[@]}"; do
    say "web node on 127.0.0.1:$port"
    gunicorn_start "$port" -w 2
done
for name in a b; do
    say "Celery worker $name"
    rm -f "$OUT/celery-$name.pid"
    (cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat worker --pool=solo --loglevel=warning --without-gossip \
        --without-mingle --hostname "twonodes-$name@%h" --pidfile "$OUT/celery-$name.pid" \
        >"$OUT/celery-$name.log" 2>&1 &)
done

"$PY" -m bench.two_nodes_check "http://127.0.0.1:${PORTS[0]}" "http://127.0.0.1:${PORTS[1]}"
