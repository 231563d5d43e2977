#!/usr/bin/env bash
# Serves the desk on http://127.0.0.1:8000 in the embedded mode (SQLite in var/, background jobs
# inline) with the demo data loaded and the demo logins printed. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh

# The embedded mode is the one with no database or broker configured.
unset DATABASE_URL REDIS_URL KHEDMAT_PRODUCTION

.venv/bin/python manage.py migrate --noinput
# The demo cases send hundreds of messages; keep them out of the terminal so the logins stay in view
# (SMS go to var/sms.log). Once the desk runs, its mail and SMS print on the console again.
EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
    KHEDMAT_SMS_BACKEND=apps.notifications.backends.FileSmsBackend \
    .venv/bin/python manage.py seed_demo

cat <<'EOF'

==> The desk (میز خدمت) is at  http://127.0.0.1:8000/
    Sign in with one of the demo logins printed above. Stop it with Ctrl-C.

EOF
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
