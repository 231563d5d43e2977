#!/usr/bin/env bash
# Item 4: N certificates (default 1,000) through the desk's task path against bare WeasyPrint on the same
# template and context, in the same process and run (target >= 90% of bare's throughput); then a batch of
# N queued by the desk's own certify step, on PostgreSQL + Redis db 12, timed until every certificate
# exists (target two >= 1.8x one): one worker with one process and with two (prefork, --concurrency 1 vs 2),
# then one solo worker and two solo workers side by side.
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

# worker_start NAME POOL CONCURRENCY: one Celery worker in its own process group (so it can be stopped,
# children and all, by that group only); waits until it answers a ping.
worker_start() {
    local name=$1 pidfile=$OUT/document-worker-$1.pid
    rm -f "$pidfile"
    (cd "$ROOT" && setsid "$ROOT/.venv/bin/celery" -A khedmat worker --pool "$2" --concurrency "$3" \
        -n "$name@%h" --without-gossip --without-mingle -l warning --pidfile "$pidfile" \
        >>"$WORKER_LOG" 2>&1 &)
    # setsid forks when it leads a process group (under job control), so $! is not the worker: its own
    # pid file is, and that pid leads the worker's new process group.
    for _ in $(seq 1 120); do [[ -s "$pidfile" ]] && break; sleep 0.5; done
    WORKER_PIDS+=("$(cat "$pidfile")")
    for _ in $(seq 1 120); do
        (cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat inspect ping -d "$name@$(hostname)" -t 1 \
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

say "fresh database $DB; five sessions of $N passed learners each"
db_fresh $DB
rm -rf "$MEDIA_ROOT" && mkdir -p "$MEDIA_ROOT"
: >"$WORKER_LOG"
read -r INPROC PREFORK_ONE PREFORK_TWO SOLO_ONE SOLO_TWO < <(cd "$ROOT" && "$PY" -m bench.document_bench setup "$N" 5)
# Tasks left in the queue by an earlier, interrupted run would be counted against this one.
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).delete('celery')" "$REDIS_URL"

say "in one process: the desk's certificate task against bare WeasyPrint, interleaved"
(cd "$ROOT" && CELERY_TASK_ALWAYS_EAGER=1 "$PY" -m bench.document_bench inprocess "$INPROC")

# run_batch LABEL SESSION NAME:POOL:CONCURRENCY...: starts the workers, then the desk's certify step queues
# the session's batch; prints the seconds from that step until every certificate exists (the workers are
# already up: their start-up is not counted) and keeps them in $OUT/document-batch-LABEL.txt.
run_batch() {
    local label=$1 session=$2 seconds spec name pool concurrency
    shift 2
    local first=${#WORKER_PIDS[@]}
    for spec in "$@"; do
        IFS=: read -r name pool concurrency <<<"$spec"
        worker_start "$name" "$pool" "$concurrency"
    done
    (cd "$ROOT" && "$PY" -m bench.document_bench batch "$session" "$TIMEOUT") >"$OUT/document-batch-$label.txt"
    for pid in "${WORKER_PIDS[@]:$first}"; do worker_stop "$pid"; done
    seconds=$(cat "$OUT/document-batch-$label.txt")
    printf '%-26s %s certificates  %6.2f s  %6.1f/s\n' "$label" "$N" "$seconds" "$("$PY" -c "print($N / $seconds)")"
}

speedup() {
    "$PY" -c "print(f'SPEEDUP $1: {$(cat "$OUT/document-batch-$2.txt") / $(cat "$OUT/document-batch-$3.txt"):.2f}x (target >= 1.8x)')"
}

say "one worker process, then two, each certifying a session of $N through the broker"
run_batch prefork-1 "$PREFORK_ONE" docbench1:prefork:1
run_batch prefork-2 "$PREFORK_TWO" docbench2:prefork:2
speedup "one worker with two processes / one (prefork)" prefork-1 prefork-2
# Two worker instances, each a single process that takes its own tasks from Redis: no parent process relaying
# every task and its acknowledgement between the broker and a child.
say "one solo worker, then two solo workers side by side"
run_batch solo-1 "$SOLO_ONE" solo1:solo:1
run_batch solo-2 "$SOLO_TWO" solo2a:solo:1 solo2b:solo:1
speedup "two solo workers / one" solo-1 solo-2
say "the machine's own ceiling: the same pure-Python work in one process and in two"
(cd "$ROOT" && "$PY" -m bench.cpu_scaling 20 && "$PY" -m bench.cpu_scaling 20 --pdf)
