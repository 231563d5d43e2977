#!/usr/bin/env bash
# Seeds the demo into a throw-away SQLite database (or SCREENS_DB, kept between runs), serves it and takes
# docs/screens/ (scripts/screens.py).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${SCREENS_DB:-$(mktemp -d)/screens.sqlite3}
export DATABASE_URL="sqlite:///$db"
if [ ! -s "$db" ]; then
    .venv/bin/python manage.py migrate --noinput >/dev/null
    .venv/bin/python manage.py seed_demo >/dev/null
fi
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/gunicorn khedmat.wsgi -b 127.0.0.1:8765 -w 2 >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 60); do curl -fs -o /dev/null http://127.0.0.1:8765/healthz && break; sleep 1; done
.venv/bin/python scripts/screens.py http://127.0.0.1:8765
