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
    "django_otp.plugins.otp_static",
    "axes",
    # Serves the API docs' Swagger UI from the desk's own static files instead of a CDN.
    "ninja",
    # Field history (who changed which field of a record, from what to what): see the README.
    "auditlog",
    "apps.core",
    "apps.accounts",
    "apps.audit",
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
    "apps.substitutes",
    "apps.savedviews",
    "apps.search",
    "apps.calendars",
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
    "auditlog.middleware.AuditlogMiddleware",
    "apps.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "apps.accounts.security.RefusalMiddleware",
    # A list opened bare goes to its person's default saved view (apps/savedviews/defaults.py).
    "apps.savedviews.defaults.DefaultViewMiddleware",
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
# A streaming replica of the primary, optional: reports, dashboards and public pages read from it, and
# from the primary whenever it does not answer (khedmat/dbrouter.py says which reads and when). Without
# DATABASE_REPLICA_URL there is no router and every query goes to `default`.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS = []
if DATABASE_REPLICA_URL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs DATABASE_URL on PostgreSQL")
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("CONN_MAX_AGE", 600), conn_health_checks=True
    )
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL URL (postgres://…)")
    # A replica that stops answering costs a request two seconds, not the operating system's minutes.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    # Under test the replica is the test database itself, never a second one to create.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["khedmat.dbrouter.ReplicaRouter"]

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

# Signing in through the province's directory, each only when its variable says so; the desk's own
# username and password stay (the embedded mode has no directory). Both create or update the person's
# user from what the directory says: name, national ID, mobile, organization (by its code), group
# (OrgUnit.code) and roles (apps/accounts/directory.py).


def env_required(name: str, why: str) -> str:
    raw = os.environ.get(name, "").strip()
    if not raw:
        raise ImproperlyConfigured(f"{name} is required {why}")
    return raw


def env_url(name: str, why: str) -> str:
    raw = env_required(name, why)
    if not raw.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{name} must be an http(s) address, not {raw!r}")
    return raw


def _desk_roles() -> frozenset[str]:
    from apps.accounts.roles import Role  # choices only: no model is loaded

    return frozenset(Role.values)


def env_role_map(name: str) -> dict[str, str]:
    """`outside=desk_role,...`: the directory's role names as the desk's Role values."""
    mapping = {}
    for item in env_list(name, []):
        outside, sep, role = (part.strip() for part in item.partition("="))
        if not sep or not outside or role not in _desk_roles():
            raise ImproperlyConfigured(
                f"{name} takes name=role pairs, each role one of {', '.join(sorted(_desk_roles()))}; "
                f"not {item!r}"
            )
        mapping[outside] = role
    return mapping


KHEDMAT_OIDC = env_bool("KHEDMAT_OIDC", False)
if KHEDMAT_OIDC:
    _why = "when KHEDMAT_OIDC is on"
    OIDC_RP_CLIENT_ID = env_required("OIDC_RP_CLIENT_ID", _why)
    OIDC_RP_CLIENT_SECRET = env_required("OIDC_RP_CLIENT_SECRET", _why)
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_url("OIDC_OP_AUTHORIZATION_ENDPOINT", _why)
    OIDC_OP_TOKEN_ENDPOINT = env_url("OIDC_OP_TOKEN_ENDPOINT", _why)
    OIDC_OP_USER_ENDPOINT = env_url("OIDC_OP_USER_ENDPOINT", _why)
    OIDC_OP_JWKS_ENDPOINT = env_url("OIDC_OP_JWKS_ENDPOINT", _why)
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    if OIDC_RP_SIGN_ALGO not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}:
        raise ImproperlyConfigured(
            f"OIDC_RP_SIGN_ALGO must be RS256/384/512 or ES256/384/512, not {OIDC_RP_SIGN_ALGO!r}"
        )
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email phone")
    if "openid" not in OIDC_RP_SCOPES.split():
        raise ImproperlyConfigured(f"OIDC_RP_SCOPES must include openid, not {OIDC_RP_SCOPES!r}")
    OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
# Read by the sign-in views only when KHEDMAT_OIDC is on; always defined so a test can turn it on.
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
KHEDMAT_OIDC_LABEL = os.environ.get("KHEDMAT_OIDC_LABEL", "ورود با سامانه یکپارچه استان")
KHEDMAT_OIDC_CLAIMS = {
    field: os.environ.get(f"KHEDMAT_OIDC_CLAIM_{field.upper()}", default)
    for field, default in {
        "username": "preferred_username",
        "national_id": "national_id",
        "mobile": "phone_number",
        "organization": "organization_code",
        "unit": "unit",
        "roles": "roles",
    }.items()
}
KHEDMAT_OIDC_ROLES = env_role_map("KHEDMAT_OIDC_ROLES")


def env_ldap_groups(name: str) -> dict[str, dict]:
    """JSON: {group DN: {"organization": code, "unit": code, "roles": [role, ...]}}, each key optional."""
    import json

    raw = os.environ.get(name, "").strip()
    if not raw:
        return {}
    try:
        groups = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be JSON: {exc}") from exc
    if not isinstance(groups, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object of group DN → what it grants")
    for dn, grants in groups.items():
        if not isinstance(grants, dict) or set(grants) - {"organization", "unit", "roles"}:
            raise ImproperlyConfigured(f"{name}: {dn!r} takes only organization, unit and roles")
        roles = grants.get("roles", [])
        if not isinstance(roles, list) or set(roles) - _desk_roles():
            raise ImproperlyConfigured(
                f"{name}: the roles of {dn!r} must be a list of {', '.join(sorted(_desk_roles()))}"
            )
        if not all(isinstance(grants.get(k, ""), str) for k in ("organization", "unit")):
            raise ImproperlyConfigured(f"{name}: the organization and unit of {dn!r} are codes (strings)")
    return {dn.lower(): grants for dn, grants in groups.items()}


KHEDMAT_LDAP = env_bool("KHEDMAT_LDAP", False)
if KHEDMAT_LDAP:
    import ldap
    from django_auth_ldap.config import GroupOfNamesType, GroupOfUniqueNamesType, LDAPSearch, PosixGroupType

    _why = "when KHEDMAT_LDAP is on"
    AUTH_LDAP_SERVER_URI = env_required("KHEDMAT_LDAP_URI", _why)
    if not AUTH_LDAP_SERVER_URI.startswith(("ldap://", "ldaps://")):
        raise ImproperlyConfigured(
            f"KHEDMAT_LDAP_URI must be ldap:// or ldaps://, not {AUTH_LDAP_SERVER_URI!r}"
        )
    AUTH_LDAP_START_TLS = env_bool("KHEDMAT_LDAP_START_TLS", False)
    AUTH_LDAP_BIND_DN = os.environ.get("KHEDMAT_LDAP_BIND_DN", "")
    AUTH_LDAP_BIND_PASSWORD = os.environ.get("KHEDMAT_LDAP_BIND_PASSWORD", "")
    AUTH_LDAP_USER_SEARCH = LDAPSearch(
        env_required("KHEDMAT_LDAP_USER_BASE", _why),
        ldap.SCOPE_SUBTREE,
        os.environ.get("KHEDMAT_LDAP_USER_FILTER", "(uid=%(user)s)"),
    )
    _group_types = {
        "groupOfNames": ("(objectClass=groupOfNames)", GroupOfNamesType),
        "groupOfUniqueNames": ("(objectClass=groupOfUniqueNames)", GroupOfUniqueNamesType),
        "posixGroup": ("(objectClass=posixGroup)", PosixGroupType),
    }
    _group_type = os.environ.get("KHEDMAT_LDAP_GROUP_TYPE", "groupOfNames")
    if _group_type not in _group_types:
        raise ImproperlyConfigured(f"KHEDMAT_LDAP_GROUP_TYPE must be one of {', '.join(_group_types)}")
    AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
        env_required("KHEDMAT_LDAP_GROUP_BASE", _why), ldap.SCOPE_SUBTREE, _group_types[_group_type][0]
    )
    AUTH_LDAP_GROUP_TYPE = _group_types[_group_type][1]()
    AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_NETWORK_TIMEOUT: env_int("KHEDMAT_LDAP_TIMEOUT", 10)}
    # The desk fills the user itself (apps/accounts/ldap.py), from the attributes named below.
    AUTH_LDAP_USER_ATTR_MAP = {}
    AUTH_LDAP_ALWAYS_UPDATE_USER = True
KHEDMAT_LDAP_ATTRS = {
    field: os.environ.get(f"KHEDMAT_LDAP_ATTR_{field.upper()}", default)
    for field, default in {
        "first_name": "givenName",
        "last_name": "sn",
        "email": "mail",
        "national_id": "employeeNumber",
        "mobile": "mobile",
    }.items()
}
KHEDMAT_LDAP_GROUPS = env_ldap_groups("KHEDMAT_LDAP_GROUPS")
if KHEDMAT_LDAP and not KHEDMAT_LDAP_GROUPS:
    raise ImproperlyConfigured(
        "KHEDMAT_LDAP_GROUPS is required when KHEDMAT_LDAP is on: which group grants what"
    )

AUTHENTICATION_BACKENDS += [
    *(["apps.accounts.oidc.DeskOIDCBackend"] if KHEDMAT_OIDC else []),
    *(["apps.accounts.ldap.DeskLDAPBackend"] if KHEDMAT_LDAP else []),
]

# A second factor (a TOTP app, or one of the person's recovery codes) for the province's deputy and head,
# the national officer and the administrators: one without a confirmed device is sent to set one up
# before anything else. Whoever turned one on is asked its code at every sign-in anyway.
KHEDMAT_REQUIRE_2FA = env_bool("KHEDMAT_REQUIRE_2FA", False)

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
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    # One folder both ways: the web processes write the messages the worker reads.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
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
# Celery's Django fix-up closes every database connection before and after each task unless told how many
# tasks may reuse one: each task then started a PostgreSQL session of its own (a connection, a backend process,
# its catalogue read again), for a message sent in three statements. A worker keeps its connection as a web
# process does, by CONN_MAX_AGE and the health check (`khedmat.celery`); this only bounds how long celery
# lets it live.
CELERY_DB_REUSE_MAX = 1000
# A worker lowers its own CPU priority by this much (0-19) when it starts (`khedmat.celery`): where it shares
# a host's CPUs with the web processes, the pages people wait for come first and the background work
# (certificates, imports, messages) takes the time they leave. On a host of its own it changes nothing.
KHEDMAT_WORKER_NICE = env_int("KHEDMAT_WORKER_NICE", 10)
if not 0 <= KHEDMAT_WORKER_NICE <= 19:
    raise ImproperlyConfigured(f"KHEDMAT_WORKER_NICE must be between 0 and 19, not {KHEDMAT_WORKER_NICE}")
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
    "end-expired-manager-decrees": {"task": "apps.managers.tasks.decrees_expire_task", "schedule": 86400.0},
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
    # Deletes files held for forms that came back with an error (apps/core/uploads.py) after a day.
    "purge-held-uploads": {"task": "apps.core.tasks.held_uploads_purge_task", "schedule": 3600.0},
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
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The desk's administrators: what only they can fix (a holiday calendar running out, say) is mailed to them.
ADMINS = [("", address) for address in env_list("KHEDMAT_ADMINS", [])]
KHEDMAT_SMS_BACKEND = os.environ.get("KHEDMAT_SMS_BACKEND", "apps.notifications.backends.ConsoleSmsBackend")
KHEDMAT_SMS_GATEWAY_URL = os.environ.get("KHEDMAT_SMS_GATEWAY_URL", "")
KHEDMAT_SMS_GATEWAY_TOKEN = os.environ.get("KHEDMAT_SMS_GATEWAY_TOKEN", "")
KHEDMAT_SMS_FILE_PATH = os.environ.get("KHEDMAT_SMS_FILE_PATH", str(VAR_DIR / "sms.log"))

# Working days: Python weekday numbers of the weekly days off (4 = Friday; add 3 for Thursday).
KHEDMAT_WEEKLY_DAYS_OFF = [int(d) for d in env_list("KHEDMAT_WEEKLY_DAYS_OFF", ["4"])]
if any(d not in range(7) for d in KHEDMAT_WEEKLY_DAYS_OFF):
    raise ImproperlyConfigured("KHEDMAT_WEEKLY_DAYS_OFF takes weekday numbers 0 (Monday) to 6 (Sunday)")
KHEDMAT_REMINDER_DAYS_BEFORE = env_int("KHEDMAT_REMINDER_DAYS_BEFORE", 1)
# The desk's public address, printed on every document's verification line and QR code and used in links.
KHEDMAT_SITE_URL = (
    env_url("KHEDMAT_SITE_URL", "in production (the public address printed on documents)")
    if PRODUCTION or os.environ.get("KHEDMAT_SITE_URL")
    else "http://127.0.0.1:8000"
)


def _signing_p12() -> tuple[str, str]:
    """The Organization's signing certificate (PKCS#12) and its passphrase, opened once here so that a
    wrong path or passphrase stops the desk at start-up rather than at the first document."""
    path = os.environ.get("KHEDMAT_SIGNING_P12", "").strip()
    passphrase = os.environ.get("KHEDMAT_SIGNING_PASSPHRASE", "")
    if not path:
        if PRODUCTION:
            raise ImproperlyConfigured("KHEDMAT_SIGNING_P12 is required in production (documents are signed)")
        return "", ""  # embedded: a demo authority is made under var/signing/ (apps/documents/signing.py)
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(f"KHEDMAT_SIGNING_P12 cannot be read: {exc}") from exc
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"KHEDMAT_SIGNING_P12 ({path}) does not open with KHEDMAT_SIGNING_PASSPHRASE: {exc}"
        ) from exc
    if key is None or cert is None:
        raise ImproperlyConfigured(
            f"KHEDMAT_SIGNING_P12 ({path}) must hold a private key and its certificate"
        )
    return path, passphrase


KHEDMAT_SIGNING_P12, KHEDMAT_SIGNING_PASSPHRASE = _signing_p12()
# PEM file of the authorities an uploaded document's signature must chain to; by default the self-signed
# certificates in the PKCS#12 file (or the signing certificate itself).
KHEDMAT_SIGNING_TRUST_ROOTS = os.environ.get("KHEDMAT_SIGNING_TRUST_ROOTS", "").strip()
if KHEDMAT_SIGNING_TRUST_ROOTS and not Path(KHEDMAT_SIGNING_TRUST_ROOTS).is_file():
    raise ImproperlyConfigured(f"KHEDMAT_SIGNING_TRUST_ROOTS is not a file: {KHEDMAT_SIGNING_TRUST_ROOTS}")
KHEDMAT_SIGNING_DEMO_DIR = VAR_DIR / "signing"
# Cases beyond this many in one bulk action run as a background job with a progress bar.
KHEDMAT_BULK_INLINE_LIMIT = env_int("KHEDMAT_BULK_INLINE_LIMIT", 20)

# Field history (django-auditlog): who changed which field of these records, from what to what and when,
# shown on each record's page (apps/core/field_history.py). One table for every model; registered here.
# Left out: what changes on every save or is derived (updated_at, the results the ranking computes), what
# never changes after the row is made (its case, owner, cycle), and search vectors or hashes, if a model
# gains one. mapping_fields names in Persian a field whose verbose_name is not.
_AUDITLOG_NOISE = ["created_at", "updated_at", "search_vector", "search_text", "sha256", "hash"]
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "managers.ManagerProfile", "exclude_fields": [*_AUDITLOG_NOISE, "organization"]},
    {"model": "recruitment.Hire", "exclude_fields": [*_AUDITLOG_NOISE, "case", "round", "agency"]},
    {
        "model": "training.TrainingRequest",
        "exclude_fields": [*_AUDITLOG_NOISE, "case", "organization"],
        "mapping_fields": {"session": "اجرای دوره"},
    },
    {
        "model": "evaluation.Evaluation",
        "exclude_fields": [
            *_AUDITLOG_NOISE,
            *("case", "cycle", "organization"),
            # Computed together by the ranking (one audit entry for the whole cycle), not typed by anyone.
            *("initial_percent", "final_percent", "level", "group_rank"),
        ],
        "m2m_fields": ["evaluators"],
    },
    {
        "model": "evaluation.IndexScore",
        "exclude_fields": [*_AUDITLOG_NOISE, "evaluation", "index"],
        "m2m_fields": ["evidence"],
        "mapping_fields": {"evidence": "مستندات"},
    },
)
# Values kept as JSON (None, booleans and numbers as they are), so a page can show them as a person reads them.
AUDITLOG_STORE_JSON_CHANGES = True

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
