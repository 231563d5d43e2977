#!/usr/bin/env bash
# Runs every check and the whole test suite, and exits non-zero if any part fails:
#   ruff, pending migrations and the production deploy checks first, then pytest on PostgreSQL
#   (tests marked browser, worker and servers in their own serial runs, REDIS_URL set only for worker;
#   servers start Debian's slapd and a local OpenID Connect provider on free ports),
#   then the suite again on SQLite so the embedded default stays true.
# PostgreSQL must answer (KHEDMAT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/khedmat);
# KHEDMAT_TEST_DB=sqlite runs everything on SQLite instead. Redis (KHEDMAT_TEST_REDIS_URL,
# default redis://127.0.0.1:6379/15) must answer when there are tests marked worker.
# The last line is the sum over all runs: `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --browser || { echo "test.sh: installing failed" >&2; exit 1; }

# Each run sets exactly the database and broker it means to test; nothing leaks in from the shell.
unset DATABASE_URL REDIS_URL KHEDMAT_PRODUCTION DEBUG CELERY_TASK_ALWAYS_EAGER
pg_url=${KHEDMAT_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/khedmat}
redis_url=${KHEDMAT_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
test_db=${KHEDMAT_TEST_DB:-postgres}
py=.venv/bin/python
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

failed_checks=0
check() {
    local name=$1
    shift
    printf '\n==> %s\n' "$name"
    if ! "$@"; then
        printf 'FAILED: %s\n' "$name"
        failed_checks=$((failed_checks + 1))
    fi
}

# Writes a junit report per run so the closing line can add the runs up.
runs=0
run_pytest() {
    local label=$1 db=$2 redis=$3
    shift 3
    runs=$((runs + 1))
    local xml="$reports/run$runs.xml" vars=()
    [[ -n "$db" ]] && vars+=("DATABASE_URL=$db")
    [[ -n "$redis" ]] && vars+=("REDIS_URL=$redis")
    printf '\n==> pytest on %s: %s\n' "$label" "$*"
    env "${vars[@]}" .venv/bin/pytest --junitxml="$xml" "$@"
    local rc=$?
    echo "$rc" >"$xml.rc"
    [[ $rc -eq 0 ]] || printf 'FAILED (pytest exit %s): pytest on %s\n' "$rc" "$label"
}

marked_count() {
    .venv/bin/pytest --collect-only -q -m "$1" 2>/dev/null | grep -c '::'
}

answers() {
    case $1 in
        postgres) $py -c 'import sys, psycopg; psycopg.connect(sys.argv[1], dbname="postgres", connect_timeout=5).close()' "$pg_url" ;;
        redis) $py -c 'import sys, redis; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=5).ping()' "$redis_url" ;;
    esac >/dev/null 2>&1
}

if [[ "$test_db" == sqlite ]]; then
    main_db=""
    main_label=SQLite
elif answers postgres; then
    main_db=$pg_url
    main_label=PostgreSQL
else
    cat >&2 <<EOF
test.sh: PostgreSQL does not answer at $pg_url
  Start it (Debian: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start, trust auth
  for 127.0.0.1), point KHEDMAT_TEST_DATABASE_URL at one, or run on SQLite alone with KHEDMAT_TEST_DB=sqlite.
EOF
    exit 1
fi

check "ruff check" .venv/bin/ruff check .
check "ruff format --check" .venv/bin/ruff format --check .
check "migrations match the models" $py manage.py makemigrations --check --dry-run
# Production requires a signing certificate: a demo one, made once for the check.
signing_dir="${KHEDMAT_VAR_DIR:-var}/signing-check"
$py manage.py signing_demo "$signing_dir" >/dev/null
check "production deploy checks" env KHEDMAT_PRODUCTION=1 ALLOWED_HOSTS=desk.example.org \
    SECRET_KEY="$($py -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    KHEDMAT_SITE_URL=https://desk.example.org KHEDMAT_SIGNING_P12="$signing_dir/signing.p12" \
    KHEDMAT_SIGNING_PASSPHRASE="$(cat "$signing_dir/passphrase")" \
    $py manage.py check --deploy --fail-level WARNING

unmarked="not browser and not worker and not servers"
# Tests marked postgres need its row locks or a database another process shares; SQLite runs leave them out.
main_marks=$unmarked
[[ -n "$main_db" ]] || main_marks="$unmarked and not postgres"
run_pytest "$main_label" "$main_db" "" -n 2 -m "$main_marks"

# Browser, servers and worker tests start servers and processes of their own: one at a time.
if [[ $(marked_count browser) -gt 0 ]]; then
    if [[ -x /usr/bin/chromium ]]; then
        run_pytest "$main_label (browser)" "$main_db" "" -m browser
    else
        echo "FAILED: tests marked browser need /usr/bin/chromium (apt-get install chromium)"
        failed_checks=$((failed_checks + 1))
    fi
fi
# Sign-in through a real directory and identity provider (the browser's one ran above).
if [[ $(marked_count "servers and not browser") -gt 0 ]]; then
    run_pytest "$main_label (servers: slapd, OpenID Connect provider)" "$main_db" "" -m "servers and not browser"
fi
if [[ -n "$main_db" && $(marked_count worker) -gt 0 ]]; then
    if answers redis; then
        run_pytest "$main_label (worker, Redis)" "$main_db" "$redis_url" -m worker
    else
        echo "FAILED: tests marked worker need Redis at $redis_url (set KHEDMAT_TEST_REDIS_URL)"
        failed_checks=$((failed_checks + 1))
    fi
fi

if [[ -n "$main_db" ]]; then
    run_pytest "SQLite (the embedded default)" "" "" -n 2 -m "$unmarked and not postgres"
fi

$py - "$reports" "$failed_checks" <<'EOF'
"""Adds up the junit reports; a run that failed without a failing test (no tests, a crash) counts as one."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

reports, failed_checks = Path(sys.argv[1]), int(sys.argv[2])
passed = failed = skipped = 0
for rc_file in sorted(reports.glob("*.xml.rc")):
    rc = int(rc_file.read_text())
    xml = rc_file.with_suffix("")
    run_failed = 0
    if xml.exists():
        for suite in ET.parse(xml).getroot().iter("testsuite"):
            tests, bad = int(suite.get("tests", 0)), int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skips = int(suite.get("skipped", 0))
            passed += tests - bad - skips
            run_failed += bad
            skipped += skips
    failed += run_failed or (1 if rc else 0)
failed += failed_checks
if passed == 0 and failed == 0:
    failed = 1
    print("no test ran")
print(f"\n{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
EOF
