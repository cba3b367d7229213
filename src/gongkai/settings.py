"""All settings of gongkai, in one module.

Every environment variable is read once, here, with its meaning beside it;
`docs/configuration.md` lists them for operators. Variables are prefixed
``GONGKAI_``. The mode (``GONGKAI_ENV``) decides the defaults:

* ``production`` (the default when nothing is set): no debug, and a secret key
  is required: start-up fails with a clear message if it is missing.
* ``development``: debug on, a secret key generated once and kept in
  ``var/secret_key`` so sessions survive restarts.
* ``test``: what the test suite uses (set by ``gongkai.testing.env``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str | None = None) -> str | None:
    """The value of ``GONGKAI_<name>``, or the default."""
    return os.environ.get(f"GONGKAI_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"GONGKAI_{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# GONGKAI_ENV: production (default) | development | test.
MODE = env("ENV", "production")
if MODE not in {"production", "development", "test"}:
    raise ImproperlyConfigured(f"GONGKAI_ENV must be production, development or test, not {MODE!r}")
PRODUCTION = MODE == "production"

# GONGKAI_VAR_DIR: where the embedded database, the generated development key,
# uploaded files and collected static files live. Default: ./var
VAR_DIR = Path(env("VAR_DIR", "var")).resolve()

# GONGKAI_DEBUG: Django's debug pages. Default: on in development, off otherwise.
DEBUG = env_bool("DEBUG", MODE == "development")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("GONGKAI_DEBUG must not be on in production mode.")


def _secret_key() -> str:
    # GONGKAI_SECRET_KEY: signs sessions, CSRF tokens and password-reset links.
    # Required in production; at least 50 characters.
    key = env("SECRET_KEY")
    if key:
        if PRODUCTION and len(key) < 50:
            raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be at least 50 characters long.")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "GONGKAI_SECRET_KEY is not set. In production mode the platform refuses to start "
            "without a secret key; generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    if MODE == "test":
        return "test-only-" + secrets.token_urlsafe(48)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

# The audit chain (gongkai.audit): each event's hash is an HMAC keyed with
# GONGKAI_AUDIT_KEY, a secret kept outside the database, so that someone who can
# write to the database but does not hold the key cannot rewrite an event and
# recompute the chain. Empty: derived from the secret key (rotating the secret
# key then needs the old one in GONGKAI_AUDIT_PREVIOUS_KEYS). Previous keys
# (comma-separated) keep older events verifiable after a key change.
AUDIT_KEY = env("AUDIT_KEY", "")
AUDIT_PREVIOUS_KEYS = env_list("AUDIT_PREVIOUS_KEYS", [])
# GONGKAI_AUDIT_ANCHOR_EMAILS: who receives the daily signed chain head (comma-separated
# addresses, e.g. the disclosure office and the auditor). The head is also written
# to file storage under audit/anchors/ (docs/security.md).
AUDIT_ANCHOR_EMAILS = env_list("AUDIT_ANCHOR_EMAILS", [])

# GONGKAI_ALLOWED_HOSTS: comma-separated host names the site answers to.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
# GONGKAI_CSRF_TRUSTED_ORIGINS: comma-separated origins (https://example.gov.cn)
# allowed to post forms when the site sits behind a proxy on another origin.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.core.admin_site.GongkaiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its bundled Swagger UI for /api/v1/docs (no CDN)
    # the kernel
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.orgs",
    "gongkai.audit",
    "gongkai.workdays",
    "gongkai.jobs",
    "gongkai.notices",
    "gongkai.numbering",
    "gongkai.workflow",
    "gongkai.files",
    "gongkai.search",
    # the modules
    "gongkai.disclosure",
    "gongkai.applications",
    "gongkai.interaction",
    "gongkai.consultations",
    "gongkai.proposals",
    "gongkai.powers",
    "gongkai.publications",
    "gongkai.reports",
    "gongkai.supervision",
    "gongkai.services",
    # the sites
    "gongkai.portal",
    "gongkai.workbench",
    "gongkai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "gongkai.core.pagecache.PageCacheMiddleware",  # anonymous public pages, stored whole
    "gongkai.core.middleware.SessionMiddleware",  # Django's; a dead cookie makes no row
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gongkai.core.middleware.InputHygieneMiddleware",  # gongkai.core.text
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.DisplayPreferencesMiddleware",
    "axes.middleware.AxesMiddleware",
    "gongkai.core.exceptions.DomainErrorMiddleware",
    # DEBUG on: the Chinese 404 page for public addresses (see its docstring)
    "gongkai.portal.errors.PortalNotFoundMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

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
                "gongkai.portal.context_processors.site",
            ],
        },
    },
]

# GONGKAI_DATABASE_URL: the database. Default: the embedded SQLite file
# var/gongkai.sqlite3. Production: postgres://user:password@host:5432/name
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Take the write lock when a transaction starts: no "database is locked"
        # upgrade failures between the web server and the job worker.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# GONGKAI_CACHE_URL: locmem:// (default, one process) or redis://host:6379/0
CACHE_URL = env("CACHE_URL", "locmem://")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("GONGKAI_CACHE_URL must start with locmem:// or redis://")

# The public site's whole-page cache (gongkai.core.pagecache): shared by every process,
# so a change is seen by all at once. Redis when GONGKAI_CACHE_URL names one; else files
# under GONGKAI_PAGE_CACHE_DIR (default var/cache/pages). GONGKAI_PAGE_CACHE=off turns it
# off; GONGKAI_PAGE_CACHE_SECONDS is how long an unchanged page is kept (default a day).
PAGE_CACHE_ENABLED = env("PAGE_CACHE", "on").lower() not in ("off", "0", "false", "no")
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", str(24 * 3600)))
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "pages",
    }
elif MODE == "test" and not env("PAGE_CACHE_DIR", ""):
    # Each test process its own (cleared before every test, see conftest.py).
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "gongkai.core.filecache.FileCache",  # Django's, culled less often
        "LOCATION": str(Path(env("PAGE_CACHE_DIR", str(VAR_DIR / "cache" / "pages"))).resolve()),
        "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_ENTRIES", "50000"))},
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "gongkai.access.backends.PolicyPermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Citizens' query passwords (gongkai.core.passwords): argon2id at the OWASP minimum.
QUERY_PASSWORD_ARGON2 = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}
if MODE == "test":
    # The suite creates hundreds of users; argon2 itself is covered by a test
    # that switches it back on.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
    QUERY_PASSWORD_ARGON2 = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failed logins (django-axes).
# GONGKAI_LOGIN_FAILURE_LIMIT: failures before the account is locked from that
# address (default 5). GONGKAI_LOGIN_COOLOFF_MINUTES: how long (default 30).
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(env("LOGIN_COOLOFF_MINUTES", "30")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# GONGKAI_PROXY_COUNT: reverse proxies of our own in front of the site; the
# client's address is the N-th entry from the right of X-Forwarded-For (0: the
# socket's address, X-Forwarded-For ignored). Read only by gongkai.core.net.
PROXY_COUNT = int(env("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "gongkai.core.net.client_address"
# Beyond axes' lock per account and address (gongkai.accounts.limits):
# GONGKAI_LOGIN_ADDRESS_FAILURE_LIMIT failed logins from one address over all
# accounts within GONGKAI_LOGIN_ADDRESS_WINDOW_MINUTES stop logins from that
# address for a window (password spraying); GONGKAI_LOGIN_ACCOUNT_FAILURE_LIMIT
# failures of one account from all addresses within
# GONGKAI_LOGIN_ACCOUNT_WINDOW_MINUTES pause its login for a window, except
# from browsers that have logged in to it before.
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
LOGIN_ADDRESS_WINDOW = int(env("LOGIN_ADDRESS_WINDOW_MINUTES", "60")) * 60
LOGIN_ACCOUNT_FAILURE_LIMIT = int(env("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
LOGIN_ACCOUNT_WINDOW = int(env("LOGIN_ACCOUNT_WINDOW_MINUTES", "15")) * 60

# Sessions: GONGKAI_SESSION_IDLE_MINUTES of inactivity end a staff session
# (default 30); sessions also end when the browser closes.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

OTP_TOTP_ISSUER = "gongkai"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# The time zone is fixed: every statutory deadline is counted in Beijing time.
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# GONGKAI_MEDIA_ROOT: uploaded files. Default var/media.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media"))).resolve()
MEDIA_URL = "/media/"
# Outside production, whitenoise serves static files straight from the apps.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = MODE == "test" or DEBUG
# GONGKAI_GENERATED_DIR: public documents rendered once per content version
# (gongkai.core.generated: the report card PDF, the annual reports' files). Default
# var/generated; several web servers should share it (or each renders its own copy).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "generated": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(Path(env("GENERATED_DIR", str(VAR_DIR / "generated"))).resolve())
        },
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email. GONGKAI_EMAIL_HOST empty (default): each mail is saved whole under
# var/mail/ and one line is logged (gongkai.mail) instead of sending it;
# otherwise SMTP with GONGKAI_EMAIL_PORT (587), GONGKAI_EMAIL_USER,
# GONGKAI_EMAIL_PASSWORD, GONGKAI_EMAIL_USE_TLS (true).
# GONGKAI_EMAIL_FROM: the sender address.
EMAIL_HOST = env("EMAIL_HOST", "")
if MODE == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "gongkai.notices.mail.FileAndLogEmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("EMAIL_FROM", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# GONGKAI_SMS_PROVIDER: dotted path of the SMS provider class. The default
# writes each message to the log (logger gongkai.sms) instead of sending it.
SMS_PROVIDER = env("SMS_PROVIDER", "gongkai.notices.sms.LogSmsProvider")

# Jobs: django-tasks with its database backend (see docs/adr/0002-jobs.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# GONGKAI_JOB_LEASE_SECONDS: a running job whose worker has not been heard from
# for this long goes back to the queue (default 300; docs/adr/0008-job-leases.md).
JOB_LEASE_SECONDS = float(env("JOB_LEASE_SECONDS", "300"))

# Security headers. Behind TLS in production; GONGKAI_HTTPS=false turns the
# HTTPS-only settings off (e.g. an intranet trial without certificates).
HTTPS = env_bool("HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS
# Health probes come from the machine itself over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision for the site owner, not the software.
    "security.W021",
]

# Uploads: files larger than this are refused (GONGKAI_UPLOAD_MAX_MB, default 20).
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_MB", "20")) * 1024 * 1024
# ZIP-based uploads (DOCX, XLSX, OFD): declared uncompressed size, per-member ratio and
# member count (gongkai.files.limits; GONGKAI_UPLOAD_ZIP_MAX_MB, default 100).
UPLOAD_ZIP_MAX_TOTAL_BYTES = int(env("UPLOAD_ZIP_MAX_MB", "100")) * 1024 * 1024
UPLOAD_ZIP_MAX_RATIO = 100
UPLOAD_ZIP_MAX_MEMBERS = 5_000
# Text extraction for search runs in a child process with these limits; a file past
# them is recorded as unreadable (GONGKAI_EXTRACTION_MEMORY_MB, GONGKAI_EXTRACTION_TIMEOUT).
EXTRACTION_MEMORY_BYTES = int(env("EXTRACTION_MEMORY_MB", "512")) * 1024 * 1024
EXTRACTION_TIMEOUT_SECONDS = int(env("EXTRACTION_TIMEOUT", "60"))
EXTRACTION_XML_MAX_BYTES = 32 * 1024 * 1024
# Stored uploads are readable by the service's user and group only, never by everyone.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# The largest request body read into memory: the API's JSON carries up to two
# attachments of UPLOAD_MAX_BYTES each in Base64 (4/3 larger) plus the form's fields
# (1 MB); above it the API answers 413 in Chinese. Multipart file parts are not counted.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * (UPLOAD_MAX_BYTES * 4 // 3 + 4) + 1024 * 1024

# The font every PDF embeds (formal notices, annual reports, the report card).
# Empty: Noto Sans SC as shipped with the pinned dependency justmytype-intl-cjk.
# Another file must cover every character documents may hold (gongkai.core.pdf).
PDF_FONT_FILE = env("PDF_FONT_FILE", "")

# GONGKAI_LOG_LEVEL: the root level (default INFO); logs go to standard error.
# At INFO a console shows warnings, errors and at most one line per job (the
# worker's, gongkai.jobs). Libraries that report routine work at INFO are held
# at WARNING unless the level is DEBUG: fontTools (every table of every font
# subset for a PDF, thousands of lines per document), WeasyPrint's progress
# (eight steps per PDF; its warnings about styles still show) and django-tasks
# (two lines per job; a failed job's traceback is an ERROR and still shows).
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
ROUTINE_LIBRARY_LEVEL = "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": ROUTINE_LIBRARY_LEVEL},
        "django_tasks_db": {"level": "WARNING"},
        "fontTools": {"level": ROUTINE_LIBRARY_LEVEL},
        "weasyprint.progress": {"level": ROUTINE_LIBRARY_LEVEL},
    },
}

# Rate limits of the public application pages and API (依申请公开), counted in
# Redis with GONGKAI_CACHE_URL=redis://, else in the database (gongkai.core.ratelimit),
# shared by every web process. See docs/configuration.md, "Rate limits".
APPLICATION_SUBMIT_LIMIT = int(env("APPLY_RATE_LIMIT", "10"))
APPLICATION_SUBMIT_WINDOW = int(env("APPLY_RATE_WINDOW_MINUTES", "60")) * 60
APPLICATION_LOOKUP_FAILURE_LIMIT = int(env("LOOKUP_FAILURE_LIMIT", "5"))
APPLICATION_LOOKUP_FAILURE_WINDOW = int(env("LOOKUP_FAILURE_WINDOW_MINUTES", "15")) * 60
# Lookup failures per address over all numbers (anti-flood), and per number
# over all addresses (a cap on distributed guessing), per window (gongkai.core.lockout).
LOOKUP_ADDRESS_FAILURE_LIMIT = int(env("LOOKUP_ADDRESS_FAILURE_LIMIT", "100"))
LOOKUP_CODE_FAILURE_LIMIT = int(env("LOOKUP_NUMBER_FAILURE_LIMIT", "200"))
APPLICATION_LOOKUP_SESSION_SECONDS = int(env("LOOKUP_SESSION_MINUTES", "20")) * 60
# GONGKAI_IDEMPOTENCY_HOURS: how long an Idempotency-Key (API header, web form token)
# of an application, message or consultation comment replays the same request; the
# same key with another body, or after this, is refused (gongkai.core.idempotency).
IDEMPOTENCY_HOURS = int(env("IDEMPOTENCY_HOURS", "24"))
# GONGKAI_APPLY_LATE_REGISTRATION_DAYS: staff registering a paper application
# (in person, by post) whose receipt date lies more than this many working days
# before the day of registration must write why (recorded in the audit trail and
# on the timeline). See docs/configuration.md, "Disclosure on application".
APPLICATION_LATE_REGISTRATION_DAYS = int(env("APPLY_LATE_REGISTRATION_DAYS", "3"))
# Search: how many of the newest matches are ranked, counted and faceted (ADR 0005;
# the database engine only).
SEARCH_CANDIDATES = int(env("SEARCH_CANDIDATES", "2000"))
# GONGKAI_SEARCH_ENGINE: tantivy (default: an embedded index in each node's
# GONGKAI_SEARCH_INDEX_DIR, default var/search-index, ADR 0011) or database (SQLite FTS5
# or PostgreSQL full text, ADR 0005). Switching to database needs `gongkai search reindex`.
SEARCH_ENGINE = env("SEARCH_ENGINE", "tantivy").lower()
if SEARCH_ENGINE not in ("tantivy", "database"):
    raise ImproperlyConfigured("GONGKAI_SEARCH_ENGINE must be tantivy or database")
# Tests keep the index in memory (one per test process, emptied for every test).
SEARCH_INDEX_DIR = (
    None
    if MODE == "test" and not env("SEARCH_INDEX_DIR", "")
    else Path(env("SEARCH_INDEX_DIR", str(VAR_DIR / "search-index"))).resolve()
)
# GONGKAI_SEARCH_SYNC: worker (default: the job worker of each node applies the index's
# changes, web processes only read) or inline (whoever searches applies them first: one
# process, tests).
SEARCH_SYNC = env("SEARCH_SYNC", "inline" if MODE == "test" else "worker").lower()
if SEARCH_SYNC not in ("worker", "inline"):
    raise ImproperlyConfigured("GONGKAI_SEARCH_SYNC must be worker or inline")
# Days the index's change log is kept; a node that was away longer rebuilds its index.
SEARCH_CHANGES_KEEP_DAYS = int(env("SEARCH_CHANGES_KEEP_DAYS", "7"))
# Messages to the boards (互动交流): per address and per phone number, form and API together.
MESSAGE_SUBMIT_LIMIT_PER_ADDRESS = int(env("MESSAGE_RATE_LIMIT_PER_ADDRESS", "10"))
MESSAGE_SUBMIT_LIMIT_PER_PHONE = int(env("MESSAGE_RATE_LIMIT_PER_PHONE", "5"))
MESSAGE_SUBMIT_WINDOW = int(env("MESSAGE_RATE_WINDOW_HOURS", "24")) * 3600
# Consultations (意见征集): comments and entries per address and per phone, form and
# API together; SMS codes for votes per address and per phone.
CONSULTATION_SUBMIT_LIMIT_PER_ADDRESS = int(env("CONSULTATION_RATE_LIMIT_PER_ADDRESS", "20"))
CONSULTATION_SUBMIT_LIMIT_PER_PHONE = int(env("CONSULTATION_RATE_LIMIT_PER_PHONE", "10"))
CONSULTATION_SUBMIT_WINDOW = int(env("CONSULTATION_RATE_WINDOW_HOURS", "24")) * 3600
VOTE_CODE_LIMIT_PER_PHONE = int(env("VOTE_CODE_LIMIT_PER_PHONE", "5"))
VOTE_CODE_LIMIT_PER_ADDRESS = int(env("VOTE_CODE_LIMIT_PER_ADDRESS", "30"))
VOTE_CODE_WINDOW = int(env("VOTE_CODE_WINDOW_HOURS", "24")) * 3600
VOTE_CODE_MINUTES = int(env("VOTE_CODE_MINUTES", "10"))
