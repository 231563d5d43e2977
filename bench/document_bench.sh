#!/usr/bin/env bash
# Item 4: N certificates (default 1,000) through the desk's task path against bare WeasyPrint on the same
# template and context, in the same process and run (target >= 90% of bare's throughput); then a batch of
# N queued by the desk's own certify step for one Celery worker process and for two (--concurrency 1 vs
# 2) on PostgreSQL + Redis db 12, timed until every certificate exists (target two >= 1.8x one).
# Usage: bash bench/document_bench.sh [N, default 1000]      (validate with 50)
source "$(dirname "$0")/common.sh"
N=${1:-1000}
DB=khedmat_bench_train_docs
export REDIS_URL=${BENCH_TRAIN_REDIS:-redis://127.0.0.1:6379/12}
export MEDIA_ROOT=$OUT/media-train-docs
export PYTHONPATH=$ROOT
WORKER_LOG=$OUT/document-worker.log
WORKER_PIDS=()
TIMEOUT=$((N * 3 + 120))

# worker_start CONCURRENCY: one Celery worker in its own process group (so it can be stopped, children
# and all, by that group only); waits until it answers a ping.
worker_start() {
    local pidfile=$OUT/document-worker.pid
    rm -f "$pidfile"
    (cd "$ROOT" && setsid "$ROOT/.venv/bin/celery" -A khedmat worker --concurrency "$1" --pool prefork \
        -n "docbench$1@%h" --without-gossip --without-mingle -l warning --pidfile "$pidfile" \
        >>"$WORKER_LOG" 2>&1 &)
    # setsid forks when it leads a process group (under job control), so $! is not the worker: its own
    # pid file is, and that pid leads the worker's new process group.
    for _ in $(seq 1 120); do [[ -s "$pidfile" ]] && break; sleep 0.5; done
    WORKER_PIDS+=("$(cat "$pidfile")")
    for _ in $(seq 1 120); do
        (cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat inspect ping -d "docbench$1@$(hostname)" -t 1 \
            >/dev/null 2>&1) && return 0
        sleep 0.5
    done
    echo "the worker did not start; see $WORKER_LOG" >&2
    return 1
}

worker_stop() {
    local pid=$1
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() { for pid in "${WORKER_PIDS[@]}"; do worker_stop "$pid"; done; }
trap cleanup EXIT

say "fresh database $DB; three sessions of $N passed learners each"
db_fresh $DB
rm -rf "$MEDIA_ROOT" && mkdir -p "$MEDIA_ROOT"
: >"$WORKER_LOG"
read -r INPROC ONE TWO < <(cd "$ROOT" && "$PY" -m bench.document_bench setup "$N" 3)
# Tasks left in the queue by an earlier, interrupted run would be counted against this one.
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).delete('celery')" "$REDIS_URL"

say "in one process: the desk's certificate task against bare WeasyPrint, interleaved"
(cd "$ROOT" && CELERY_TASK_ALWAYS_EAGER=1 "$PY" -m bench.document_bench inprocess "$INPROC")

# run_batch CONCURRENCY SESSION: the desk's certify step queues the session's batch; prints the seconds
# from that step until every certificate exists (the worker is already up: its start-up is not counted).
run_batch() {
    local seconds
    worker_start "$1"
    (cd "$ROOT" && "$PY" -m bench.document_bench batch "$2" "$TIMEOUT") >"$OUT/document-batch-$1.txt"
    worker_stop "${WORKER_PIDS[-1]}"
    seconds=$(cat "$OUT/document-batch-$1.txt")
    printf 'workers=%s  %s certificates  %6.2f s  %6.1f/s\n' "$1" "$N" "$seconds" "$("$PY" -c "print($N / $seconds)")"
}

say "one worker process, then two, each certifying a session of $N through the broker"
run_batch 1 "$ONE"
run_batch 2 "$TWO"
ONE_S=$(cat "$OUT/document-batch-1.txt")
TWO_S=$(cat "$OUT/document-batch-2.txt")
"$PY" -c "print(f'SPEEDUP two workers / one: {$ONE_S / $TWO_S:.2f}x (target >= 1.8x)')"
say "the machine's own ceiling: the same pure-Python work in one process and in two"
(cd "$ROOT" && "$PY" -m bench.cpu_scaling 20 && "$PY" -m bench.cpu_scaling 20 --pdf)
