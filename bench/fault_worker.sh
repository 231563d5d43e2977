#!/usr/bin/env bash
# Item 7 (worker): a Celery worker is killed with kill -9 in the middle of a certificate batch; it is
# started again together with the recovery (the sweep that re-queues what is still missing, since the
# killed worker's unacknowledged message comes back only after Redis's visibility timeout); then every
# passed learner must have exactly one certificate and no document may have been issued twice.
# Usage: bash bench/fault_worker.sh [learners, default 300]
source "$(dirname "$0")/common.sh"
N=${1:-300}
DB=khedmat_bench_train_fault
export REDIS_URL=${BENCH_TRAIN_REDIS:-redis://127.0.0.1:6379/12}
export MEDIA_ROOT=$OUT/media-train-fault
export PYTHONPATH=$ROOT
LOG=$OUT/fault-worker.log
PIDFILE=$OUT/fault-worker.pid
WORKER=

# The worker runs in its own process group: kill -9 of the group takes the pool's children too, as
# when a machine or container dies, and touches nothing else.
worker_start() {
    rm -f "$PIDFILE"
    (cd "$ROOT" && setsid "$ROOT/.venv/bin/celery" -A khedmat worker --concurrency 2 --pool prefork \
        -n "faulttrain@%h" --without-gossip --without-mingle -l warning --pidfile "$PIDFILE" >>"$LOG" 2>&1 &)
    # setsid forks when it leads a process group (under job control), so $! is not the worker: its own
    # pid file is, and that pid leads the worker's new process group.
    for _ in $(seq 1 120); do [[ -s "$PIDFILE" ]] && break; sleep 0.5; done
    WORKER=$(cat "$PIDFILE")
}
cleanup() { [[ -n "$WORKER" ]] && kill -TERM -- "-$WORKER" 2>/dev/null || true; }
trap cleanup EXIT
issued() { (cd "$ROOT" && "$PY" -m bench.document_bench issued "$SESSION"); }

say "fresh database $DB; a session of $N passed learners"
db_fresh $DB
rm -rf "$MEDIA_ROOT" && mkdir -p "$MEDIA_ROOT"
: >"$LOG"
SESSION=$(cd "$ROOT" && "$PY" -m bench.document_bench setup "$N" 1)
"$PY" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).delete('celery')" "$REDIS_URL"

say "worker up; the training group certifies the session (one task per learner)"
worker_start
(cd "$ROOT" && "$PY" -m bench.document_bench certify "$SESSION")
TARGET=$((N / 3))
for _ in $(seq 1 600); do
    done_so_far=$(issued)
    ((done_so_far >= TARGET)) && break
    sleep 0.5
done
say "kill -9 of the worker (the last count before it: $done_so_far of $N issued)"
kill -KILL -- "-$WORKER"
sleep 1
at_kill=$(issued)

say "worker started again, and the recovery sweep (every session certified, whatever its age)"
worker_start
(cd "$ROOT" && "$PY" manage.py training_certificates_resume --minutes 0)
for _ in $(seq 1 $((N * 4))); do
    (($(issued) >= N)) && break
    sleep 0.5
done
# Whatever is still queued (the sweep's duplicates) must find each learner done and issue nothing.
for _ in $(seq 1 120); do
    [[ "$("$PY" -c "import redis, sys; print(redis.Redis.from_url(sys.argv[1]).llen('celery'))" "$REDIS_URL")" == 0 ]] && break
    sleep 0.5
done
sleep 2
say "issued at the kill: $at_kill; after the restart: $(issued) of $N"
(cd "$ROOT" && "$PY" -m bench.fault_worker check "$SESSION")
