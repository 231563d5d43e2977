#!/usr/bin/env bash
# Serves the desk on http://127.0.0.1:8000 in the embedded mode (SQLite in var/, no broker to install) with
# the demo data loaded and the demo logins printed. Safe to run again.
#
# It runs as deployed, on the production server already in the stack: gunicorn serves the pages, and a
# Celery worker with its beat takes the background jobs through a folder (var/broker, kombu's filesystem
# transport), so a large bulk action, import or batch of certificates never runs inside a page request.
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh

# The embedded mode is the one with no database server or Redis configured.
unset DATABASE_URL REDIS_URL KHEDMAT_PRODUCTION CELERY_TASK_ALWAYS_EAGER

.venv/bin/python manage.py migrate --noinput
# The demo cases send hundreds of messages; keep them out of the terminal so the logins stay in view
# (SMS go to var/sms.log). Once the desk runs, its mail and SMS print on the console again.
EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
    KHEDMAT_SMS_BACKEND=apps.notifications.backends.FileSmsBackend \
    .venv/bin/python manage.py seed_demo

export CELERY_BROKER_URL=filesystem://
mkdir -p var/log
children=()
stop() {
    trap - INT TERM EXIT
    [[ ${#children[@]} -gt 0 ]] && kill "${children[@]}" 2>/dev/null
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# The worker and the beat write to var/log, so the terminal keeps the logins and the server's lines.
.venv/bin/celery -A khedmat worker --pool solo --loglevel info --without-gossip --without-mingle \
    -n embedded@%h >var/log/worker.log 2>&1 &
children+=($!)
.venv/bin/celery -A khedmat beat --loglevel info --schedule var/celerybeat-schedule \
    >var/log/beat.log 2>&1 &
children+=($!)

cat <<'EOF2'

==> The desk (میز خدمت) is at  http://127.0.0.1:8000/
    Sign in with one of the demo logins printed above. Stop it with Ctrl-C.
    Background jobs: a Celery worker and its beat (var/log/worker.log, var/log/beat.log).

EOF2
# Two workers: SQLite takes one writer at a time, and more processes would only queue behind it.
WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} BIND=127.0.0.1:8000 .venv/bin/gunicorn khedmat.wsgi &
children+=($!)
wait "${children[-1]}"
