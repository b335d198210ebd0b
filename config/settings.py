"""Settings for CSC Tracker, read from the environment.

Every default runs locally with no server: SQLite and a filesystem Celery broker under ``var/``,
a local-memory cache and emails written to ``var/mail``. Setting DATABASE_URL and REDIS_URL
switches to PostgreSQL, the Redis broker and a Redis cache. See README.md for the full table.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CSC_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


DEV_SECRET_KEY = "django-insecure-csc-tracker-local-development-only"
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

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
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "accounts",
    "councils",
    "concerns",
    "policing",
    "plans",
    "notifications",
    "reminders",
    "publictexts",
    "transitions",
    "workspace",
    "monitoring",
    "exports",
    "api",
    "open311",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one: it sees the final response, error and lockout pages included.
    "config.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session is looked up by its cookie, before any view reads the request.
    "config.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "workspace.context_processors.navigation",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL points elsewhere.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60 if DATABASE_URL else 0),
        # A `SELECT 1` before a request's first query: one round trip per request, in exchange
        # for no failed request after the database restarted under a kept connection.
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", bool(DATABASE_URL)),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Nothing here streams a result too big for memory, so .iterator() (which every select field of
# a form uses) fetches in one round trip instead of DECLARE, FETCH and CLOSE of a server-side
# cursor. Required behind a transaction-pooling pgbouncer.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DISABLE_SERVER_SIDE_CURSORS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent runserver + worker + beat on one file: wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
    # `make test` runs pytest-xdist processes side by side: each takes its own Redis database,
    # so a Celery worker started by one never takes another's tasks. Processes a test starts
    # inherit the moved URL and must not move it again.
    from config.xdist import redis_url_for_worker

    REDIS_URL = os.environ["REDIS_URL"] = redis_url_for_worker(
        REDIS_URL, os.environ.pop("PYTEST_XDIST_WORKER")
    )
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "csc"),
            # Rate limits fail open when Redis is down: fail fast too.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # kombu's filesystem transport reads and writes one folder; two folders lose messages.
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        # Exchange tables: kombu's default is "control" in the current directory.
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILE = str(VAR_DIR / "celerybeat-schedule")

# --- Auth
AUTH_USER_MODEL = "accounts.User"
# Login throttling (django-axes): per account and address, counted in the database so that it
# works with Redis down; the staff sign-in and the admin's both go through it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("CSC_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CSC_LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# A valid address or None: axes stores it in an inet column (REMOTE_ADDR is empty on a socket).
AXES_CLIENT_IP_CALLABLE = "concerns.ratelimit.client_ip_or_none"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_VERBOSE = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "public:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages: citizen pages first, staff pages too. ar and ckb are right-to-left.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("sq", _("Albanian")),
    ("sr-latn", _("Serbian (Latin)")),
    ("sr", _("Serbian (Cyrillic)")),
    ("bs", _("Bosnian")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("ckb", _("Central Kurdish (Sorani)")),
]
# The language switcher names each language in itself (Django's own names differ in case and
# say "latinica"); a reader who cannot read the current language still finds their own.
LANGUAGE_NAMES_LOCAL = {
    "en": "English",
    "sq": "Shqip",
    "sr-latn": "Srpski",
    "sr": "Српски",
    "bs": "Bosanski",
    "tr": "Türkçe",
    "ar": "العربية",
    "ckb": "کوردی",
}
# The choice outlives the browser session: a persistent cookie, sent on top-level navigation.
LANGUAGE_COOKIE_AGE = env_int("LANGUAGE_COOKIE_AGE", 365 * 24 * 60 * 60)
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats Django's own locales lack (Albanian and Arabic have no date-time format).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Belgrade")
CELERY_TIMEZONE = TIME_ZONE
USE_TZ = True

# --- Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# collectstatic compresses every file twice (gzip, brotli): keep only the hashed copies, and leave
# source maps (read by developer tools only; 12 MB of the API docs' bundles) uncompressed.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
# Uploads go through Django's storage API: the filesystem under MEDIA_ROOT by default (one
# machine, make run), an S3-compatible bucket when S3_BUCKET is set, so that every web and worker
# machine reads what another wrote. Attachments are always served by the app after a policy
# check, never from the bucket's own URLs.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            # Stored names are 128 random bits: skip the existence check before each write.
            "file_overwrite": True,
        },
    }
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 26_214_400

# --- Email: EMAIL_URL (smtp://user:password@host:587?tls=1) or EMAIL_* variables;
# by default every email is written as a file under var/mail.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = urlparse(EMAIL_URL)
    _query = parse_qs(_email.query)
    if _email.scheme in {"smtp", "smtps"}:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = _email.hostname or "localhost"
        EMAIL_PORT = _email.port or (465 if _email.scheme == "smtps" else 25)
        EMAIL_HOST_USER = unquote(_email.username or "")
        EMAIL_HOST_PASSWORD = unquote(_email.password or "")
        EMAIL_USE_SSL = _email.scheme == "smtps"
        EMAIL_USE_TLS = _query.get("tls", ["0"])[0] in {"1", "true"}
    elif _email.scheme == "console":
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    elif _email.scheme == "file":
        EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        EMAIL_FILE_PATH = _email.path or str(VAR_DIR / "mail")
    else:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {_email.scheme!r} is not supported")
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds an SMTP connection may block: a hung server fails the send (retried later) well
# before Celery's soft time limit (60 s) stops the whole task.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CSC Tracker <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Security. SECURE_HTTPS=1 is the switch for a deployment behind TLS.
SECURE_HTTPS = env_bool("SECURE_HTTPS", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE_HTTPS)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
LANGUAGE_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# --- REST API (/api/v1/, the api app). These are defaults for every DRF view of the project;
# api.views.base.ApiView sets its own error shape, throttles, renderers and pagination, so
# another app (Open311) can choose its own per view without inheriting the API's.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        # Per signed-in user (or token owner), across all their tokens and sessions.
        "api_user": os.environ.get("CSC_API_USER_RATE", "1200/h"),
        "api_anon": os.environ.get("CSC_API_ANON_RATE", "60/h"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API tokens (django-rest-knox): stored as SHA-512 digests, named, expiring, revocable.
KNOX_TOKEN_MODEL = "api.ApiToken"
# knox's own migrations create its token table even when the model is swapped, and that table's
# foreign key to users makes PostgreSQL refuse the TRUNCATE that resets a test database. Without
# migrations, Django creates no table for a swapped model.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("CSC_API_TOKEN_DAYS", 90)),
    "TOKEN_PREFIX": "csc_",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CSC Tracker API",
    "DESCRIPTION": (
        "Concerns, meetings and follow-up actions of Community Safety Councils. Every list is "
        "scoped to what the signed-in user may see; reporter identity is never in a response "
        "but the secretary's logged disclosure. Send `Authorization: Token <token>` (create a "
        "token on the staff page 'API tokens') or use the browser session."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ConcernStatusEnum": "concerns.models.Concern.Status",
        "MeetingStatusEnum": "councils.models.Meeting.Status",
        "ActionStatusEnum": "policing.models.FollowUpAction.Status",
        "AttendanceStatusEnum": "councils.models.Attendance.Status",
        "SettlementKindEnum": "councils.models.Settlement.Kind",
        "MeetingKindEnum": "councils.models.Meeting.Kind",
        "AgendaItemKindEnum": "councils.models.AgendaItem.Kind",
        "DecisionKindEnum": "councils.models.Decision.Kind",
        "ConcernEventKindEnum": "concerns.models.ConcernEvent.Kind",
        "PartnerBodyKindEnum": "policing.models.PartnerBody.Kind",
        "ReminderKindEnum": "reminders.models.Reminder.Kind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No badge from Swagger's online validator: the docs ask nothing of another server.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["api.schema.only_api_paths"],
}

# --- Domain settings
CSC = {
    # Citizen intake
    "MAX_ATTACHMENTS": 5,
    "MAX_ATTACHMENT_BYTES": env_int("CSC_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024),
    # A form sent back with errors keeps its checked files this long (then a task removes them)
    "STAGED_UPLOAD_HOURS": 3,
    "DESCRIPTION_MIN_CHARS": 10,
    "DESCRIPTION_MAX_CHARS": 5000,
    "REPORT_RATE_LIMIT": os.environ.get("CSC_REPORT_RATE_LIMIT", "10/h"),
    # Look-ups of a tracking page: all of them (bookmarks get reloaded), and failed ones.
    "TRACK_RATE_LIMIT": os.environ.get("CSC_TRACK_RATE_LIMIT", "200/h"),
    "TRACK_FAILED_RATE_LIMIT": os.environ.get("CSC_TRACK_FAILED_RATE_LIMIT", "20/h"),
    # Concerns one Open311 client app (with its API key) may post for its residents; anonymous
    # Open311 posts share REPORT_RATE_LIMIT with the web form.
    "OPEN311_CLIENT_RATE_LIMIT": os.environ.get("CSC_OPEN311_CLIENT_RATE_LIMIT", "600/h"),
    # The discovery document's contact line (who runs this endpoint).
    "OPEN311_CONTACT": os.environ.get("CSC_OPEN311_CONTACT", ""),
    # Reverse proxies in front of the app whose X-Forwarded-For is trusted (0: none).
    "TRUSTED_PROXY_HOPS": env_int("CSC_TRUSTED_PROXY_HOPS", 0),
    # Secretaries' inbox: "waiting for triage more than N days"
    "TRIAGE_TARGET_DAYS": env_int("CSC_TRIAGE_TARGET_DAYS", 3),
    # Outbox sweep: a queued email not sent after this many minutes is queued again
    "OUTBOX_RETRY_MINUTES": env_int("CSC_OUTBOX_RETRY_MINUTES", 5),
    # Reminders (how often the scan runs: CSC_REMINDER_SCAN_SECONDS, read by config/celery.py):
    # the ISO weekday of the weekly digest (1: Monday), the channels a reminder goes through.
    "DIGEST_WEEKDAY": env_int("CSC_DIGEST_WEEKDAY", 1),
    "REMINDER_CHANNELS": [
        "reminders.channels.EmailChannel",
        "reminders.channels.InAppChannel",
    ],
    # Shown on public pages of a municipality that has no emergency number of its own
    "DEFAULT_EMERGENCY_NUMBER": os.environ.get("CSC_DEFAULT_EMERGENCY_NUMBER", "192"),
    # A new municipality's official languages until an administrator sets them (data, not code:
    # Municipality.official_languages). Kosovo: Albanian and Serbian everywhere.
    "DEFAULT_OFFICIAL_LANGUAGES": ["sq", "sr-latn"],
    # Where the quick-exit button of public pages goes: a neutral site (only a link target).
    "QUICK_EXIT_URL": os.environ.get("CSC_QUICK_EXIT_URL", "https://www.google.com/"),
    # Exports of lists: above this many rows the file is written by a background task (with a
    # progress page) instead of streamed; kept this many hours for the one who asked; the
    # task's time limit; how many rows between two progress updates.
    "EXPORT_BACKGROUND_ROWS": env_int("CSC_EXPORT_BACKGROUND_ROWS", 5000),
    "EXPORT_KEEP_HOURS": env_int("CSC_EXPORT_KEEP_HOURS", 24),
    "EXPORT_TIME_LIMIT_SECONDS": env_int("CSC_EXPORT_TIME_LIMIT_SECONDS", 900),
    "EXPORT_PROGRESS_EVERY": env_int("CSC_EXPORT_PROGRESS_EVERY", 1000),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every step of every PDF at INFO; its warnings (missing fonts) still show.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
