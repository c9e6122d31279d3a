"""ctip settings: one module, configured by CTIP_* environment variables with safe local defaults.

CTIP_ENV          "development" (default) or "production" (secure cookies, HSTS, SSL redirect)
CTIP_DATA_DIR     where the SQLite file, uploads, keys and logs live (default: ./var)
CTIP_DATABASE_URL e.g. postgres://user@127.0.0.1:5432/ctip (default: SQLite in CTIP_DATA_DIR)
CTIP_SECRET_KEY   Django secret key (default: generated once and kept in CTIP_DATA_DIR)
CTIP_ALLOWED_HOSTS comma-separated (default: 127.0.0.1,localhost)
CTIP_FIELD_KEYS   comma-separated base64 AES-256 keys for personal data, newest first
                  (default: CTIP_DATA_DIR/field.keys)
CTIP_BLIND_INDEX_KEY HMAC key for name search (default: CTIP_DATA_DIR/blind-index.key)
CTIP_AUDIT_KEY    HMAC key of the audit chain (default: CTIP_DATA_DIR/audit.key)
                  Key files are made only for a new installation (ctip.core.keys).
CTIP_TOKEN_DAYS   lifetime of a new API token in days (default 30)
CTIP_DEBUG        1 to turn on Django's debug pages (never in production)
"""

import os
import secrets
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Only this module reads the environment for configuration, through these helpers; code reads
# `django.conf.settings`. A number or a switch left unset or empty takes its default.


def env_str(name: str, default: str = "") -> str:
    """The variable's text (empty if set empty), or `default` when unset."""
    return os.environ.get(name, default)


def env_int(name: str, default: int, *, lenient: bool = False) -> int:
    """A whole number; a value that is not one stops ctip with one line, or (`lenient`) is
    ignored for the default."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        if lenient:
            return default
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_bool(name: str, default: bool) -> bool:
    """True for "1", false for anything else that is set."""
    raw = os.environ.get(name, "").strip()
    return default if not raw else raw == "1"


def env_list(name: str, default: str = "") -> list[str]:
    """Comma-separated values, each stripped, empty ones dropped."""
    return [v.strip() for v in env_str(name, default).split(",") if v.strip()]


# Everything ctip writes (database, uploads, logs, keys, backups' work files) is private to the
# user it runs as, whatever umask the service manager left.
os.umask(0o077)

BASE_DIR = Path(__file__).resolve().parent
ENV = env_str("CTIP_ENV", "development")
PRODUCTION = ENV == "production"
if "CTIP_DATA_DIR" not in os.environ and "pytest" in sys.modules:
    # The test suite never touches a developer's data directory.
    os.environ["CTIP_DATA_DIR"] = tempfile.mkdtemp(prefix="ctip-test-")
DATA_DIR = Path(env_str("CTIP_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def _persistent_secret(name: str, factory) -> str:
    """Read a secret kept in DATA_DIR, creating it (mode 0600) on first use."""
    path = DATA_DIR / name
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(factory())
    return path.read_text().strip()


SECRET_KEY = env_str("CTIP_SECRET_KEY") or _persistent_secret(
    "secret.key", lambda: secrets.token_urlsafe(50)
)
DEBUG = env_bool("CTIP_DEBUG", False) and not PRODUCTION
ALLOWED_HOSTS = env_list("CTIP_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CTIP_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ctip.core",
    "ctip.accounts",
    "ctip.audit",
    "ctip.plan",
    "ctip.records",
    "ctip.reports",
    "ctip.cases",
    "ctip.jobs",
    "ctip.api",
    "ctip.reminders",
    "ctip.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ctip.core.middleware.MaxBodySizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ctip.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ctip.accounts.middleware.SessionSecurityMiddleware",
    "ctip.accounts.middleware.LoginRequiredMiddleware",
    "ctip.audit.middleware.AuditActorMiddleware",
    "ctip.core.middleware.ControlCharactersMiddleware",
    "ctip.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ctip.urls"
WSGI_APPLICATION = "ctip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ctip.web.context_processors.ctip",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_db_url = env_str("CTIP_DATABASE_URL", f"sqlite:///{DATA_DIR / 'ctip.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE transactions plus a busy
    # timeout make concurrent writers wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too (in the throwaway data dir), not shared-cache memory, so that a live
    # server's threads wait for each other (WAL, busy timeout) instead of failing with
    # "database table is locked".
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# "figures": case statistics kept per month (cases.tallies), in files beside the database, so that
# every worker process shares them and a restart keeps them. Counts only, never personal data;
# each entry is filed under its month's change token, so a stale one is never read.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "figures"),
        "TIMEOUT": 30 * 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    },
}

# --- Authentication -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
# Paths reachable without logging in (everything else needs a session or a token).
CTIP_PUBLIC_PATHS = (
    "/accounts/login/",
    "/static/",
    "/health",
    "/i18n/setlang/",
    "/favicon.ico",
)

AXES_FAILURE_LIMIT = env_int("CTIP_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours; an administrator can unlock sooner (`ctip axes_reset_username`)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind one reverse proxy that appends X-Forwarded-For, CTIP_BEHIND_PROXY=1 locks out the
# client's address instead of the proxy's (ctip must then listen on loopback only).
CTIP_BEHIND_PROXY = env_bool("CTIP_BEHIND_PROXY", False)
AXES_CLIENT_IP_CALLABLE = "ctip.accounts.network.client_ip"

SESSION_COOKIE_AGE = env_int("CTIP_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is therefore an inactivity timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = "ctip"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # nobody reads another user's codes or keys
# API tokens expire; "log out everywhere" and a second-factor reset revoke them.
CTIP_TOKEN_DAYS = env_int("CTIP_TOKEN_DAYS", 30)

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "az"
# Each language is offered in its own name.
LANGUAGES = [("az", "Azərbaycanca"), ("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
(DATA_DIR / "static").mkdir(mode=0o700, exist_ok=True)
STORAGES = {
    # Uploads are never served from a public path: there is no MEDIA_URL route; files are
    # streamed by views that check permission.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "uploads"), "base_url": "/nonexistent/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
CTIP_MAX_UPLOAD_BYTES = env_int("CTIP_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# The web's bulk import takes at most this many files at once (each up to the upload limit).
CTIP_BULK_IMPORT_MAX_FILES = env_int("CTIP_BULK_IMPORT_MAX_FILES", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = CTIP_MAX_UPLOAD_BYTES + 1024 * 1024
# Uploaded reports are read in a child process with these limits (ctip.core.sandbox); the wall
# clock stays under `ctip serve`'s worker timeout (60 s).
CTIP_EXTRACT_MEMORY_MB = env_int("CTIP_EXTRACT_MEMORY_MB", 1024)
CTIP_EXTRACT_CPU_SECONDS = env_int("CTIP_EXTRACT_CPU_SECONDS", 30)
CTIP_EXTRACT_TIMEOUT_SECONDS = env_int("CTIP_EXTRACT_TIMEOUT_SECONDS", 45)
CTIP_EXTRACT_OUTPUT_BYTES = env_int("CTIP_EXTRACT_OUTPUT_BYTES", 64 * 1024 * 1024)
# Case figures (/cases/stats/) show a count below this as "< k" (and one more cell of the same
# table, so that the total does not give it away).
CTIP_STATS_MIN_CELL = env_int("CTIP_STATS_MIN_CELL", 5)
# The child's whole environment: no keys, no database URL, no secret.
CTIP_SANDBOX_ENV = {
    k: os.environ[k]
    for k in ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "PYTHONPATH", "TESSDATA_PREFIX")
    if k in os.environ
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "ctip.core.middleware.LimitedUploadHandler",  # refuses uploads past CTIP_MAX_UPLOAD_BYTES
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Background jobs (django-tasks, database queue: `ctip worker`) ---------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A finished job's result (and row) is removed this many days after it finished (`ctip jobs cleanup`).
CTIP_JOB_RESULT_DAYS = env_int("CTIP_JOB_RESULT_DAYS", 7)
# A staged upload (a file waiting for its import job) is removed this many hours after it was
# written unless a running job is reading it (`ctip jobs cleanup`, and each new upload).
CTIP_UPLOAD_RETENTION_HOURS = env_int("CTIP_UPLOAD_RETENTION_HOURS", 24)
# A table download with more rows than this is built by a job, not in the request.
CTIP_SPREADSHEET_JOB_ROWS = env_int("CTIP_SPREADSHEET_JOB_ROWS", 5000)
# A running job stamps its row this often; silent for CTIP_JOB_STALE_SECONDS means its worker
# died, and past CTIP_JOB_TIMEOUT_SECONDS it is given up: either way it is marked failed.
CTIP_JOB_HEARTBEAT_SECONDS = env_int("CTIP_JOB_HEARTBEAT_SECONDS", 10)
CTIP_JOB_STALE_SECONDS = env_int("CTIP_JOB_STALE_SECONDS", 120)
CTIP_JOB_TIMEOUT_SECONDS = env_int("CTIP_JOB_TIMEOUT_SECONDS", 3600)

# --- Cases, reports, serving, backups ----------------------------------------------------------
# Days a closed case (or an intake closed without a case) keeps its personal data; a value that
# is not a number leaves the default, a negative one means none.
CTIP_CASE_RETENTION_DAYS = env_int("CTIP_CASE_RETENTION_DAYS", 5 * 365, lenient=True)
# A long PDF report is cut into this many chunks (the same pages on every machine; 1: no chunks),
# rendered by this many worker processes (None: the CPU count). Bad values leave the default.
CTIP_PDF_CHUNKS = env_int("CTIP_PDF_CHUNKS", 2, lenient=True)
CTIP_PDF_WORKERS = env_int("CTIP_PDF_WORKERS", 0, lenient=True) or None
# `ctip serve`: gunicorn's workers (None: from the CPU count) and address.
CTIP_WORKERS = env_int("CTIP_WORKERS", 0) or None
CTIP_BIND = env_str("CTIP_BIND", "127.0.0.1:8000")
# Passphrase of `ctip backup` / `ctip restore` when no --passphrase-file is given.
CTIP_BACKUP_PASSPHRASE = env_str("CTIP_BACKUP_PASSPHRASE")

# --- Keys ----------------------------------------------------------------------------------------
# From the environment, or else from files in the data directory (ctip.core.keys reads them and
# makes them only for a new installation; a missing file stops ctip once data depends on it).
# Field keys: AES-256 keys for personal data, newest first.
CTIP_FIELD_KEYS = env_list("CTIP_FIELD_KEYS")
CTIP_FIELD_KEYS_FILE = DATA_DIR / "field.keys"
# Keyed blind index over normalized names (HMAC key); separate from the field keys and never
# rotated with them, so name search keeps working across key rotations.
CTIP_BLIND_INDEX_KEY = env_str("CTIP_BLIND_INDEX_KEY", "")
CTIP_BLIND_INDEX_KEY_FILE = DATA_DIR / "blind-index.key"
# HMAC key of the audit chain; never stored in the database.
CTIP_AUDIT_KEY = env_str("CTIP_AUDIT_KEY", "")
CTIP_AUDIT_KEY_FILE = DATA_DIR / "audit.key"
# Signed checkpoints of the audit chain's head, written outside the database by `ctip audit
# verify` and `ctip audit checkpoint` (ship them off the machine: docs/operations.md).
CTIP_AUDIT_CHECKPOINT_FILE = Path(
    env_str("CTIP_AUDIT_CHECKPOINT_FILE", str(DATA_DIR / "audit-checkpoints.jsonl"))
)

# --- E-mail (reminders) ---------------------------------------------------------------------------
# SMTP through Django's mail settings; without CTIP_EMAIL_HOST mail goes to the console (and
# `ctip remind` says nothing is sent for real). CTIP_SITE_URL makes the digest's links absolute.
EMAIL_HOST = env_str("CTIP_EMAIL_HOST", "")
EMAIL_PORT = env_int("CTIP_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("CTIP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("CTIP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("CTIP_EMAIL_STARTTLS", bool(EMAIL_HOST))
EMAIL_USE_SSL = env_bool("CTIP_EMAIL_SSL", False)
EMAIL_TIMEOUT = env_int("CTIP_EMAIL_TIMEOUT", 30)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("CTIP_EMAIL_FROM", "ctip@localhost")
CTIP_SITE_URL = env_str("CTIP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A reminder looks this many days ahead.
CTIP_REMIND_DAYS = env_int("CTIP_REMIND_DAYS", 14)

# --- REST API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Both ask the second factor of roles that see personal data (ctip.accounts.permissions).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ctip.accounts.authentication.BearerTokenAuthentication",
        "ctip.accounts.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "ctip.api.schema.CtipAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "ctip.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "ctip.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["ctip.api.throttling.TokenRateThrottle"],
}
# Requests per token (or session user) and period: "600/min", "20/s"; empty: no limit.
# Counted per web process (the default in-memory cache; see ctip/api/throttling.py).
CTIP_API_RATE = env_str("CTIP_API_RATE", "600/min")
# How long a POST's `Idempotency-Key` is remembered (hours).
CTIP_API_IDEMPOTENCY_HOURS = env_int("CTIP_API_IDEMPOTENCY_HOURS", 24)
SPECTACULAR_SETTINGS = {
    "TITLE": "ctip API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ItemReportStatusEnum": "ctip.plan.models.ItemReport.Status",
        "RecommendationStatusEnum": "ctip.records.models.Recommendation.Status",
        "CaseStatusEnum": "ctip.cases.models.Case.Status",
    },
    # `check --deploy` is about deployment security; the schema is checked by
    # `ctip spectacular --validate --fail-on-warn` instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # Separate request and response components: a client builds a request without read-only fields.
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ctip.api.schema.add_links",
    ],
}

# --- Security headers ----------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("CTIP_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # monitoring asks over plain HTTP on loopback
    SECURE_HSTS_SECONDS = env_int("CTIP_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: never personal data; messages only, no request bodies. -----------------------------
(DATA_DIR / "logs").mkdir(mode=0o700, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "formatter": "plain",
            "filename": str(DATA_DIR / "logs" / "ctip.log"),
            "maxBytes": 5_000_000,
            "backupCount": 5,
        },
    },
    "root": {"handlers": ["console", "file"], "level": env_str("CTIP_LOG_LEVEL", "WARNING")},
    "loggers": {"ctip": {"level": env_str("CTIP_LOG_LEVEL", "INFO"), "propagate": True}},
}
