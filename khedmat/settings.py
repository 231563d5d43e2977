"""Settings for the desk, read from the environment and failing loudly on a bad value.

With no environment at all the desk runs embedded: SQLite, background jobs run inline.
`KHEDMAT_PRODUCTION=1` turns on the production checks: a real SECRET_KEY and ALLOWED_HOSTS are required.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KHEDMAT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


PRODUCTION = env_bool("KHEDMAT_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG cannot be on in production")


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        if PRODUCTION and len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required in production")
    # Embedded mode: a random key kept on this machine only, never in the repository.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # Serves the API docs' Swagger UI from the desk's own static files instead of a CDN.
    "ninja",
    "apps.core",
    "apps.accounts",
    "apps.workflow",
    "apps.notifications",
    "apps.documents",
    "apps.catalog",
    "apps.support",
    "apps.recruitment",
    "apps.training",
    "apps.managers",
    "apps.evaluation",
    "apps.complaints",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.core.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "apps.accounts.security.RefusalMiddleware",
]

ROOT_URLCONF = "khedmat.urls"
# Every API list is paged with bounds, whichever router declares it.
NINJA_PAGINATION_CLASS = "apps.core.pagination.BoundedPagination"
WSGI_APPLICATION = "khedmat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.desk",
                "apps.notifications.context_processors.unread",
            ],
            "builtins": ["apps.core.templatetags.jalali", "apps.core.templatetags.desk"],
        },
    },
    # The list rows only (apps/core/jinja.py says why), under each app's jinja2/ folder.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "apps.core.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'khedmat.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE makes writers queue up instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.accounts.auth.DeskBackend",
]
LOGIN_URL = "accounts:login"
# The front door sends each person on: to the cartable, or to their inbox when they work on no cases.
LOGIN_REDIRECT_URL = "core:home"
# Signed out, a person is back at the front door (open to anyone), not sent to sign in again.
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
KHEDMAT_MAX_UPLOAD_BYTES = env_int("KHEDMAT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# A failed import wrote nothing; its uploaded file (often people's national IDs and mobiles) is kept this
# many days for its uploader to read the errors, then deleted by the daily beat task.
KHEDMAT_IMPORT_FAILED_FILE_DAYS = env_int("KHEDMAT_IMPORT_FAILED_FILE_DAYS", 30)

# Background work: Celery on Redis when REDIS_URL is set. Without it, the embedded desk that
# scripts/serve.sh starts hands its jobs to a worker process through a folder (kombu's filesystem
# transport, CELERY_BROKER_URL=filesystem://), so a large bulk action or import never runs inside a page
# request; with no broker at all (the tests, a bare `manage.py`), jobs run inline.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or os.environ.get("CELERY_BROKER_URL", "memory://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(os.environ.get("KHEDMAT_BROKER_DIR", VAR_DIR / "broker"))
    for _folder in ("queue", "processed"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    # One folder both ways: the web processes write the messages the worker reads.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "store_processed": False,
    }
# Every job keeps its own state in the database (import and bulk jobs, issued documents) and no caller
# waits on a task's return value: storing results would cost each task a Redis write for nobody.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL == "memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "send-due-messages": {"task": "apps.notifications.tasks.outbox_flush_task", "schedule": 60.0},
    "remind-due-steps": {"task": "apps.workflow.tasks.reminders_send_task", "schedule": 3600.0},
    "escalate-overdue-complaints": {
        "task": "apps.complaints.tasks.complaints_escalate_overdue_task",
        "schedule": 3600.0,
    },
    "sample-desk-health": {"task": "apps.complaints.tasks.health_sample_record_task", "schedule": 300.0},
    "remind-expiring-manager-decrees": {
        "task": "apps.managers.tasks.decrees_expiry_remind_task",
        "schedule": 86400.0,
    },
    # A worker lost mid-batch leaves certificates unissued; its message returns only after Redis's
    # visibility timeout, so a sweep re-queues them (bench/fault_worker.sh shows it).
    "resume-training-certificates": {
        "task": "apps.training.tasks.certificates_resume_task",
        "schedule": 600.0,
    },
    # Extends the holiday table by rule for the next twelve months and warns the administrators.
    "check-holiday-calendar": {"task": "apps.core.tasks.holidays_coverage_check_task", "schedule": 86400.0},
    # Deletes the files of imports that failed more than KHEDMAT_IMPORT_FAILED_FILE_DAYS days ago.
    "purge-failed-import-files": {
        "task": "apps.core.tasks.import_failed_files_purge_task",
        "schedule": 86400.0,
    },
}

CACHES = {
    "default": (
        {"BACKEND": "apps.core.cache.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Every signed-in request reads its session: from Redis when the desk has it, with the database behind it
# (written through, so a Redis restart signs nobody out). A per-process cache would keep a session that
# another process has ended, so without Redis sessions are read from the database.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")
# List pages keep their rendered rows until the next write (apps/core/freshness.py), where every process
# shares the cache that says which write was the last.
KHEDMAT_LIST_CACHE = env_bool("KHEDMAT_LIST_CACHE", bool(REDIS_URL))

# Messages: e-mail through Django's backends, SMS through ours; both console by default.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "khedmat@localhost")
KHEDMAT_SMS_BACKEND = os.environ.get("KHEDMAT_SMS_BACKEND", "apps.notifications.backends.ConsoleSmsBackend")
KHEDMAT_SMS_GATEWAY_URL = os.environ.get("KHEDMAT_SMS_GATEWAY_URL", "")
KHEDMAT_SMS_GATEWAY_TOKEN = os.environ.get("KHEDMAT_SMS_GATEWAY_TOKEN", "")
KHEDMAT_SMS_FILE_PATH = os.environ.get("KHEDMAT_SMS_FILE_PATH", str(VAR_DIR / "sms.log"))

# Working days: Python weekday numbers of the weekly days off (4 = Friday; add 3 for Thursday).
KHEDMAT_WEEKLY_DAYS_OFF = [int(d) for d in env_list("KHEDMAT_WEEKLY_DAYS_OFF", ["4"])]
if any(d not in range(7) for d in KHEDMAT_WEEKLY_DAYS_OFF):
    raise ImproperlyConfigured("KHEDMAT_WEEKLY_DAYS_OFF takes weekday numbers 0 (Monday) to 6 (Sunday)")
KHEDMAT_REMINDER_DAYS_BEFORE = env_int("KHEDMAT_REMINDER_DAYS_BEFORE", 1)
KHEDMAT_SITE_URL = os.environ.get("KHEDMAT_SITE_URL", "http://127.0.0.1:8000")
# Cases beyond this many in one bulk action run as a background job with a progress bar.
KHEDMAT_BULK_INLINE_LIMIT = env_int("KHEDMAT_BULK_INLINE_LIMIT", 20)

# Security headers: the desk loads nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING").upper()},
}
