#!/usr/bin/env bash
# Item 8: schemathesis over /api/openapi.json against a live gunicorn on PostgreSQL, once per role
# (an Organization expert, an agency officer, the national body) signed in with a session cookie and the
# CSRF header, as the browser's own calls are, then counts the server errors. Bearer tokens are not used:
# a POST with a token is refused by the session auth's CSRF check before the token is read (see README).
# Usage: bash bench/fuzz_api.sh [examples per operation and role, default 40]
source "$(dirname "$0")/common.sh"
EXAMPLES=${1:-40}
PORT=${BENCH_FUZZ_PORT:-8106}
DB=khedmat_bench_fuzz

say "fresh database $DB with a small demo province (10 agencies, cases for 3)"
db_fresh $DB
(cd "$ROOT" && "$PY" manage.py seed_demo --agencies 10 --cases-for 3 >/dev/null)
mapfile -t SESSIONS < <(cd "$ROOT" && "$PY" -m bench.sessions expert officer101 national)
CSRF=$(cd "$ROOT" && "$PY" -c "from bench.sessions import BENCH_CSRF; print(BENCH_CSRF)")

say "gunicorn on 127.0.0.1:$PORT"
gunicorn_start "$PORT" -w 2
trap 'gunicorn_stop $PORT' EXIT

rm -f "$OUT"/fuzz-*.ndjson
for line in "${SESSIONS[@]}"; do
    user=${line%% *}
    sid=${line#* }
    say "schemathesis as $user: $EXAMPLES examples per operation"
    # Exit status 1 only means a check failed; the report below counts and names the failures.
    "$ROOT/.venv/bin/schemathesis" run "http://127.0.0.1:$PORT/api/openapi.json" \
        --header "Cookie: sessionid=$sid; csrftoken=$CSRF" --header "X-CSRFToken: $CSRF" \
        --generation-with-security-parameters false --checks not_a_server_error \
        --max-examples "$EXAMPLES" --seed 8 --workers 2 --no-color --continue-on-failure \
        --generation-database none --report ndjson --report-ndjson-path "$OUT/fuzz-$user.ndjson" \
        >"$OUT/fuzz-$user.log" 2>&1 || true
done
"$PY" -m bench.fuzz_report "$OUT"/fuzz-*.ndjson
