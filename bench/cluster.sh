#!/usr/bin/env bash
# Issue 26, item 4: more than one node, on real parts, all on this machine. Starts its OWN PostgreSQL
# primary (port 5497) and streaming replica (5498, pg_basebackup -R) under bench/out/cluster as the postgres
# user (the server on 5432 is never touched), two application nodes (gunicorn on 8301 and 8302, as
# bench/two_nodes.sh starts them, each with a Celery worker), HAProxy from Debian in front of them on 8300
# (installed with apt-get when missing), Redis db 11 shared by all, one MEDIA_ROOT. Loads a small province,
# then, each figure printed:
#   1. reads of reports, dashboards and public pages through HAProxy: served by the replica, no error;
#   2. locust writing through HAProxy; halfway through, node a (gunicorn and its worker) is killed with
#      SIGKILL: the requests that failed are counted from HAProxy's log (only those in flight on node a may
#      fail), and every write acknowledged with a 2xx/3xx is looked for in the primary;
#   3. node a started again, reads through HAProxy, and the replica stopped in the middle: the errors
#      while the desk notices, and after it (expected 0), reads served by the primary.
# Stops and removes everything it started at the end.
# Usage: bash bench/cluster.sh [users, default 20] [seconds of load, default 60]
PRIMARY_PORT=${CLUSTER_PRIMARY_PORT:-5497}
REPLICA_PORT=${CLUSTER_REPLICA_PORT:-5498}
export BENCH_PG=postgres://postgres@127.0.0.1:$PRIMARY_PORT
source "$(dirname "$0")/common.sh"
USERS=${1:-20}
LOAD_SECONDS=${2:-60}
LB_PORT=${CLUSTER_LB_PORT:-8300}
NODES=(a b)
declare -A NODE_PORT=([a]=8301 [b]=8302)
DB=khedmat_bench_cluster
PGBIN=/usr/lib/postgresql/15/bin
RUN=$OUT/cluster
PRIMARY_DATA=$RUN/pg-primary
REPLICA_DATA=$RUN/pg-replica
export REDIS_URL=${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/11}
export MEDIA_ROOT=$RUN/media
PRIMARY_URL=$BENCH_PG/$DB
REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB

if ! command -v haproxy >/dev/null; then
    say "installing HAProxy from Debian's packages"
    [[ $(id -u) -eq 0 ]] || { echo "HAProxy is missing: as root, apt-get install haproxy" >&2; exit 1; }
    apt-get install -y -q haproxy >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q haproxy >/dev/null; }
fi

# PostgreSQL refuses to run as root: the clusters belong to the postgres user then.
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_() { local data=$1; shift; as_pg "$PGBIN/pg_ctl" -D "$data" -l "$data.log" "$@"; }

LOCUST_PID=""
HAPROXY_PID=""
node_stop() {
    gunicorn_stop "${NODE_PORT[$1]}"
    [[ -f "$RUN/celery-$1.pid" ]] && kill "$(cat "$RUN/celery-$1.pid")" 2>/dev/null || true
}
cleanup() {
    [[ -n "$LOCUST_PID" ]] && kill "$LOCUST_PID" 2>/dev/null || true
    [[ -n "$HAPROXY_PID" ]] && kill "$HAPROXY_PID" 2>/dev/null || true
    for node in "${NODES[@]}"; do node_stop "$node"; done
    for data in "$REPLICA_DATA" "$PRIMARY_DATA"; do
        [[ -f "$data/postmaster.pid" ]] && pg_ctl_ "$data" stop -m fast >/dev/null 2>&1 || true
    done
    rm -rf "$PRIMARY_DATA" "$REPLICA_DATA" "$MEDIA_ROOT"
}
trap cleanup EXIT

rm -rf "$RUN"
mkdir -p "$RUN" "$PRIMARY_DATA" "$MEDIA_ROOT"
[[ $(id -u) -eq 0 ]] && chown postgres "$RUN" "$PRIMARY_DATA"

say "PostgreSQL primary in $PRIMARY_DATA on port $PRIMARY_PORT"
as_pg "$PGBIN/initdb" -D "$PRIMARY_DATA" -U postgres -A trust -E UTF8 --no-locale >/dev/null
# initdb's pg_hba.conf already lets local users replicate (trust); the rest is the replica's due.
cat >>"$PRIMARY_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 4
wal_keep_size = '512MB'
EOF
pg_ctl_ "$PRIMARY_DATA" -o "-p $PRIMARY_PORT -k /tmp" -w start >/dev/null

say "streaming replica in $REPLICA_DATA on port $REPLICA_PORT (pg_basebackup -R)"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$REPLICA_DATA" -R -X stream -c fast
pg_ctl_ "$REPLICA_DATA" -o "-p $REPLICA_PORT -k /tmp" -w start >/dev/null
"$PY" - "$BENCH_PG" "postgres://postgres@127.0.0.1:$REPLICA_PORT" <<'PYEOF'
import sys, time, psycopg
primary, replica = sys.argv[1] + "/postgres", sys.argv[2] + "/postgres"
with psycopg.connect(replica) as conn:
    assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0], "the replica is not in recovery"
for _ in range(50):
    with psycopg.connect(primary) as conn:
        rows = conn.execute("SELECT application_name, state FROM pg_stat_replication").fetchall()
    if rows and rows[0][1] == "streaming":
        print(f"    primary streams to the replica: {rows}")
        break
    time.sleep(0.2)
else:
    sys.exit("the replica does not stream from the primary")
PYEOF

say "fresh database $DB on the primary with a small province (the replica receives it by streaming)"
db_fresh "$DB"
(cd "$ROOT" && "$PY" -m bench.generate --scale "${BENCH_SCALE:-0.01}" --cases-per-agency 10 >/dev/null)
(cd "$ROOT" && "$PY" -m bench.load_check sessions "$RUN/sessions.txt")
"$PY" - "$BENCH_PG" "postgres://postgres@127.0.0.1:$REPLICA_PORT" <<'PYEOF'
import sys, time, psycopg
with psycopg.connect(sys.argv[1] + "/postgres") as conn:
    target = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
start = time.monotonic()
while True:
    with psycopg.connect(sys.argv[2] + "/postgres") as conn:
        if conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]).fetchone()[0]:
            break
    if time.monotonic() - start > 120:
        sys.exit("the replica did not replay the demo within 120 s")
    time.sleep(0.2)
print(f"    the replica replayed the demo up to {target} ({time.monotonic() - start:.1f} s after it was written)")
PYEOF

node_start() {
    local node=$1
    say "node $node: gunicorn on 127.0.0.1:${NODE_PORT[$node]} and a Celery worker, reading from the replica"
    gunicorn_start "${NODE_PORT[$node]}" -w 2
    rm -f "$RUN/celery-$node.pid"
    (cd "$ROOT" && exec "$ROOT/.venv/bin/celery" -A khedmat worker --pool=solo \
        --loglevel=warning --without-gossip --without-mingle --hostname "cluster-$node@%h" \
        --pidfile "$RUN/celery-$node.pid" >"$RUN/celery-$node.log" 2>&1 &)
}
export DATABASE_REPLICA_URL=$REPLICA_URL
for node in "${NODES[@]}"; do node_start "$node"; done

say "HAProxy on 127.0.0.1:$LB_PORT in front of both nodes (health check: /healthz every second)"
cat >"$RUN/haproxy.cfg" <<EOF
global
    log stdout format raw local0
    maxconn 512
defaults
    mode http
    log global
    # accept time, server, status, termination state, header, idle and active times (ms), retries, method,
    # path: bench.cluster_check reads it
    log-format "%Ts.%ms %s %ST %tsc %Th %Ti %Ta %rc %HM %HU"
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A node's requests wait here, not in gunicorn's backlog: one that dies takes with it only those it was
    # working on, and the others go to the other node (redispatch).
    timeout queue 30s
    # A busy node answers its health check once a worker is free; a dead one refuses it at once.
    timeout check 10s
    # A connection the dead node refuses is tried again on the other node; a request it had accepted is not.
    retries 3
    option redispatch 1
frontend desk
    bind 127.0.0.1:$LB_PORT
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /healthz
    http-check expect status 200
    # maxconn: as many requests at once as the node has gunicorn workers (-w 2). A refused connection marks
    # the node down at once (observe layer4), so the retries of the requests sent to it go to the other.
    default-server check inter 1s fall 2 rise 2 maxconn 2 observe layer4 error-limit 1 on-error mark-down
    server a 127.0.0.1:${NODE_PORT[a]}
    server b 127.0.0.1:${NODE_PORT[b]}
EOF
haproxy -c -q -f "$RUN/haproxy.cfg"
haproxy -db -f "$RUN/haproxy.cfg" >"$RUN/haproxy.log" 2>"$RUN/haproxy.err" &
HAPROXY_PID=$!
for _ in $(seq 1 40); do curl -fs -o /dev/null "http://127.0.0.1:$LB_PORT/healthz" && break; sleep 0.25; done
sleep 3 # both servers seen up by two checks

say "1. reads of reports, dashboards and public pages through HAProxy, served by the replica"
(cd "$ROOT" && "$PY" -m bench.cluster_check reads "http://127.0.0.1:$LB_PORT" "$RUN/sessions.txt" \
    "$PRIMARY_URL" "$REPLICA_URL" --seconds 20) || FAILED=1

# Memory of one node after the reads (RSS; gunicorn's workers share much of the master's, forked from it).
master_b=$(cat "$OUT/gunicorn-${NODE_PORT[b]}.pid")
ps -o rss=,args= -p "$master_b" $(pgrep -P "$master_b") "$(cat "$RUN/celery-b.pid")" |
    awk '{ name = ($0 ~ /celery/) ? "Celery worker" : "gunicorn"; printf "    node b: %s %d MB\n", name, $1 / 1024 }'

say "2. locust: $USERS users for ${LOAD_SECONDS}s through HAProxy; node a killed at $((LOAD_SECONDS / 2))s"
: >"$RUN/haproxy.log"
(cd "$ROOT" && LOAD_SESSIONS=$RUN/sessions.txt LOAD_LEDGER=$RUN/ledger.jsonl exec "$ROOT/.venv/bin/locust" \
    -f bench/locustfile.py --headless --users "$USERS" --spawn-rate 10 --run-time "${LOAD_SECONDS}s" \
    --host "http://127.0.0.1:$LB_PORT" --csv "$RUN/load" --only-summary --exit-code-on-error 0 \
    >"$RUN/locust.log" 2>&1) &
LOCUST_PID=$!
sleep $((LOAD_SECONDS / 2))
master=$(cat "$OUT/gunicorn-${NODE_PORT[a]}.pid")
workers=$(pgrep -P "$master" || true)
celery_a=$(cat "$RUN/celery-a.pid")
KILLED_AT=$(date +%s.%N)
kill -9 "$master" $workers "$celery_a"
echo "    node a killed: gunicorn $master, its workers $(echo $workers), Celery worker $celery_a"
rm -f "$OUT/gunicorn-${NODE_PORT[a]}.pid" "$RUN/celery-a.pid"
wait "$LOCUST_PID" || { tail -30 "$RUN/locust.log" >&2; exit 1; }
LOCUST_PID=""
sleep 2
cp "$RUN/haproxy.log" "$RUN/haproxy-load.log"
(cd "$ROOT" && "$PY" -m bench.cluster_check balancer "$RUN/haproxy-load.log" a "$KILLED_AT" "$RUN/requests.json") ||
    FAILED=1
# The killed worker's task (a certificate batch) returns only after Redis's visibility timeout; beat's
# sweep re-queues it every ten minutes. Here the sweep is run at once, on node b's worker.
(cd "$ROOT" && "$ROOT/.venv/bin/celery" -A khedmat call apps.training.tasks.certificates_resume_task >/dev/null)
# Judged in the primary: every write acknowledged with a 2xx/3xx is there (the 502s of the requests in
# flight on node a were counted above).
(cd "$ROOT" && env -u DATABASE_REPLICA_URL "$PY" -m bench.load_check check "$RUN/ledger.jsonl" "$RUN/load" \
    --allow-server-errors --restart-at "$KILLED_AT") || FAILED=1

say "3. node a again; reads through HAProxy, the replica stopped 8 s in"
node_start a
sleep 3
as_pg_prefix=""
[[ $(id -u) -eq 0 ]] && as_pg_prefix="runuser -u postgres --"
(cd "$ROOT" && REPLICA_STOP="$as_pg_prefix $PGBIN/pg_ctl -D $REPLICA_DATA stop -m fast >/dev/null" \
    "$PY" -m bench.cluster_check reads "http://127.0.0.1:$LB_PORT" "$RUN/sessions.txt" "$PRIMARY_URL" \
    "$REPLICA_URL" --seconds 25 --stop-replica-at 8) || FAILED=1

if [[ ${FAILED:-0} -eq 0 ]]; then echo "cluster: ok"; else echo "cluster: FAILED"; exit 1; fi
