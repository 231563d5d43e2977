#!/usr/bin/env bash
# Item 3: 100,000 exam-result rows imported through the spreadsheet framework (the results import of
# service A, all or nothing, an error per row) against a raw PostgreSQL COPY of the same rows into the
# same table, in the same run, on a fresh database. Prints both times and the ratio (target <= 2x).
# Usage: bash bench/import_bench.sh [rows, default 100000] [--profile]
source "$(dirname "$0")/common.sh"
ROWS=${1:-100000}
shift || true
DB=khedmat_bench_recr_import
say "fresh database $DB"
db_fresh $DB
# Tasks are queued in memory and not run: the import's own task is run in-process by the script, as a
# worker would; the notifications it queues after commit are a worker's business, not the import's time.
export CELERY_TASK_ALWAYS_EAGER=0 MEDIA_ROOT=$OUT/import-media
unset REDIS_URL
cd "$ROOT" && "$PY" -m bench.import_bench --rows "$ROWS" "$@"
