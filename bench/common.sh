# Shared by the bench scripts (sourced): where things are, a bench database, a gunicorn to start and stop.
# Nothing here touches the shared PostgreSQL or Redis beyond databases named khedmat_bench* and Redis db 8.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=$ROOT/.venv/bin/python
PG_SERVER=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1,localhost LOG_LEVEL=${LOG_LEVEL:-WARNING}
export KHEDMAT_SMS_BACKEND=apps.notifications.backends.FileSmsBackend KHEDMAT_SMS_FILE_PATH=$OUT/sms.log
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

say() { printf '==> %s\n' "$*"; }

# db_fresh NAME: drops and creates database NAME (only ever a bench database) and migrates it.
db_fresh() {
    [[ "$1" == khedmat_bench* || "$1" == khedmat_twonodes* ]] || { echo "refusing to recreate $1" >&2; exit 1; }
    "$PY" - "$PG_SERVER" "$1" <<'PYEOF'
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PYEOF
    export DATABASE_URL="$PG_SERVER/$1"
    (cd "$ROOT" && "$PY" manage.py migrate --noinput -v0)
}

# use_db NAME: points the desk at an existing bench database.
use_db() { export DATABASE_URL="$PG_SERVER/$1"; }

# gunicorn_start PORT [extra gunicorn args...]: starts the desk on 127.0.0.1:PORT in the background and
# waits until it answers; its pid goes to $OUT/gunicorn-PORT.pid and its log to $OUT/gunicorn-PORT.log.
gunicorn_start() {
    local port=$1
    shift
    (cd "$ROOT" && BIND=127.0.0.1:$port "$ROOT/.venv/bin/gunicorn" khedmat.wsgi --access-logfile /dev/null \
        --pid "$OUT/gunicorn-$port.pid" "$@" >"$OUT/gunicorn-$port.log" 2>&1 &)
    for _ in $(seq 1 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        sleep 0.5
    done
    echo "gunicorn on $port did not answer; see $OUT/gunicorn-$port.log" >&2
    tail -20 "$OUT/gunicorn-$port.log" >&2
    return 1
}

# gunicorn_stop PORT: stops the gunicorn started on PORT (by its own pid file only).
gunicorn_stop() {
    local pidfile="$OUT/gunicorn-$1.pid"
    if [[ -f "$pidfile" ]]; then
        kill "$(cat "$pidfile")" 2>/dev/null || true
        for _ in $(seq 1 40); do [[ -f "$pidfile" ]] || break; sleep 0.25; done
    fi
}
