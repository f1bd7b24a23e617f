"""Salaklang settings: one module, read from the environment.

Zero configuration gives SQLite in ./var/ and safe production defaults; `make run` sets
SALAKLANG_LOCAL=1 (a real deployment on plain http://127.0.0.1), `make dev` sets SALAKLANG_DEV=1 (debug pages).
See README.md, "Configuration".
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# pytest (>= 8.2) sets PYTEST_VERSION for the whole run.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
DEV = env_bool("SALAKLANG_DEV", False)
DEBUG = env_bool("DEBUG", DEV)
# --- Local run and absolute links (issue 11, plat11) -----------------------------------------------
# SALAKLANG_LOCAL=1 (`make run`): served as in production (DEBUG off, the site's own error pages, collected
# static files through WhiteNoise) but over plain http on this machine, so cookies are not `Secure`.
# It is not DEBUG: debugging is `make dev` (SALAKLANG_DEV=1).
LOCAL = env_bool("SALAKLANG_LOCAL", False)
# Where people reach the site: every link that leaves it (e-mails, the complaint receipt)
# is BASE_URL + path. Set it in production, e.g. https://salaklang.phangnga.go.th
BASE_URL = (os.environ.get("BASE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")
# --- end of the local-run block ---------------------------------------------------------------

VAR_DIR = Path(os.environ.get("SALAKLANG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or DEV or TESTING:
        SECRET_KEY = "salaklang-insecure-development-key-change-me-in-production"  # noqa: S105
    else:
        # A missing key in production is a fatal misconfiguration, but `manage.py` commands such as
        # collectstatic must still run: keep a per-install key in var/ rather than a public default.
        key_file = VAR_DIR / "secret_key"
        if not key_file.exists():
            import secrets

            key_file.write_text(secrets.token_urlsafe(64))
            key_file.chmod(0o600)
        SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_tasks_db",
    # Salaklang, one app per capability
    "salaklang.core",
    "salaklang.accounts",
    "salaklang.organizations",
    "salaklang.audit",
    "salaklang.notifications",
    "salaklang.documents",
    "salaklang.calls",
    "salaklang.reviews",
    "salaklang.agendas",
    "salaklang.plans",
    "salaklang.complaints",
    "salaklang.participation",
    "salaklang.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "salaklang.core.sessions.SlidingSessionMiddleware",  # SessionMiddleware that saves at most once a minute
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "salaklang.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

if env_bool("SALAKLANG_QUERY_HEADER", False):  # `make bench` only: X-Query-Count on every response
    MIDDLEWARE.insert(0, "salaklang.core.bench_middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "salaklang.core.context_processors.navigation",
            ],
            "builtins": ["salaklang.core.templatetags.thai"],
        },
    }
]

# --- Database: SQLite by default, PostgreSQL (production) with DATABASE_URL ------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if os.environ.get("SALAKLANG_TEST_DB_SUFFIX"):
        DATABASES["default"]["TEST"] = {
            "NAME": f"test_{DATABASES['default']['NAME']}_{os.environ['SALAKLANG_TEST_DB_SUFFIX']}"
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "salaklang.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, lockouts across processes): Redis when REDIS_URL, else the database -----
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # MAX_ENTRIES: Django's default of 300 culls a third of the table at a time as soon as a few hundred visitors,
    # rate-limit windows, lockouts and cached portal pages are in it (rate limits then forget their counts). Every
    # set also runs a COUNT(*) over the table before deciding to cull, so the bound must stay small enough for that
    # count to be cheap: 50,000 entries count in well under a millisecond on SQLite, 500,000 took ~10 ms per set.
    # The portal's view counts do not live here (salaklang/portal/counting.py: the ViewMark table without Redis).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "salaklang_cache",
                    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))}}
    }
# Rendered page parts keyed on what they show (salaklang/core/fragments.py): local memory in each worker, whatever
# the shared cache is — the key comes from the database on every request, so no copy is stale, a read costs no round
# trip, and page parts never crowd rate limits or sessions out of the shared cache. ~1,000 parts of 2–10 KB a worker.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "salaklang-fragments",
                       "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "1000"))}}
# Where the portal buffers page views: "" picks Redis's cache when the cache is Redis, else the ViewMark table
# (no write per view to the post rows either way); "cache" / "database" force one (salaklang/portal/counting.py).
PORTAL_VIEW_BUFFER = os.environ.get("PORTAL_VIEW_BUFFER", "")

# --- Background tasks: Django's tasks API, database-backed worker by default -----------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if TESTING else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "salaklang.accounts.backends.UsernameOrEmailBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", 60 * 60 * 3))

# Lockout (django-axes): per account OR per address, after AXES_FAILURE_LIMIT failures.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "salaklang.accounts.views.lockout_response"
AXES_USERNAME_CALLABLE = "salaklang.accounts.backends.axes_username"
AXES_CLIENT_IP_CALLABLE = "salaklang.core.middleware.client_ip"
AXES_VERBOSE = False

# Sessions expire after SESSION_IDLE_MINUTES without activity (sliding), and on browser close.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", 120))
SESSION_SAVE_EVERY_REQUEST = False  # the sliding expiry is saved at most once a minute (salaklang/core/sessions.py)
SESSION_REFRESH_SECONDS = 3600 if TESTING else 60  # tests: no refresh write in the middle of a query count
# Issue 16: a call's proposals XLSX of more rows than this is written by the task worker (progress page + notification).
CALLS_EXPORT_INLINE_ROWS = int(os.environ.get("CALLS_EXPORT_INLINE_ROWS", "20000"))
# A ZIP of at most this many proposal PDFs (70–100 ms each: about 2 s) is still written in the request.
CALLS_ZIP_INLINE_ROWS = int(os.environ.get("CALLS_ZIP_INLINE_ROWS", "20"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Security --------------------------------------------------------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", not (DEBUG or DEV or LOCAL or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the <meta> tag, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0))
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Client address: REMOTE_ADDR unless a trusted proxy count is configured (see README).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

# --- Uploads: size-limited, checked by content, stored outside the web root -----------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_MB", 20)) * 1024 * 1024
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/files/"  # never served directly: views check access, then stream
STORAGES = {
    "default": {"BACKEND": "salaklang.core.uploads.RollbackAwareStorage"},  # issue 10: no orphan on rollback
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Internationalization: Thai first, English second ---------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Salaklang <no-reply@salaklang.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_host = os.environ.get("EMAIL_HOST", "")
if _email_host:
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host,
            "port": int(os.environ.get("EMAIL_PORT", 25)),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 20,
        },
    }
elif TESTING:
    _mailer = {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
else:
    # No SMTP server configured: mail is written to var/outbox/ so nothing is lost.
    _mailer = {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "outbox")},
    }
MAILERS = {"default": _mailer}

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "salaklang.api.authentication.ApiKeyAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute", "user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Salaklang API",
    "DESCRIPTION": "REST API of Salaklang (ศาลากลาง). Authenticate with a session or an API key "
    "(header `Authorization: Api-Key <key>`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Domain defaults (all editable) ----------------------------------------------------------
SALAKLANG = {
    "SITE_NAME": os.environ.get("SITE_NAME", "Salaklang"),
    "PAGE_SIZE": 50,
}

# Deadlines, retention and limits of the capabilities (days unless named otherwise); every one can be set
# from the environment. Complaint deadlines per category are kept in the database (admin).
COMPLAINTS_REOPEN_DAYS = int(os.environ.get("COMPLAINTS_REOPEN_DAYS", "30"))
COMPLAINTS_RETENTION_DAYS = int(os.environ.get("COMPLAINTS_RETENTION_DAYS", str(5 * 365)))
COMPLAINTS_MAX_UPLOAD_BYTES = int(float(os.environ.get("COMPLAINTS_MAX_UPLOAD_MB", "10")) * 1024 * 1024)
COMPLAINTS_DEFAULT_PROVINCE = os.environ.get("COMPLAINTS_DEFAULT_PROVINCE", "PNA")
COMPLAINTS_DATA_REQUEST_DAYS = int(os.environ.get("COMPLAINTS_DATA_REQUEST_DAYS", "30"))  # PDPA: answer within 30 days
COMPLAINTS_EXTENSION_DAYS = int(os.environ.get("COMPLAINTS_EXTENSION_DAYS", "7"))  # proposed by the extension form
AGENDAS_OPINION_DUE_DAYS = int(os.environ.get("AGENDAS_OPINION_DUE_DAYS", "14"))  # proposed by the new-round form
PLANS_REPORT_DUE_DAYS = int(os.environ.get("PLANS_REPORT_DUE_DAYS", "15"))
PARTICIPATION_COMMENT_RATE = os.environ.get("PARTICIPATION_COMMENT_RATE", "10/h")
PARTICIPATION_SUPPORT_RATE = os.environ.get("PARTICIPATION_SUPPORT_RATE", "30/h")  # support / withdraw
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "10/h")  # reset e-mails asked per address
CITIZEN_SIGNUP_RATE = os.environ.get("CITIZEN_SIGNUP_RATE", "5/h")  # citizen accounts created per address

# Rate limits ("N/s|m|h|d") of the public complaint pages, the complaint API and Open311.
COMPLAINTS_SUBMIT_RATE = os.environ.get("COMPLAINTS_SUBMIT_RATE", "10/h")  # filings per address
COMPLAINTS_ACTION_RATE = os.environ.get("COMPLAINTS_ACTION_RATE", "20/h")  # rate, reopen, data request
COMPLAINTS_RECEIPT_RATE = os.environ.get("COMPLAINTS_RECEIPT_RATE", "10/m")  # receipt PDFs
COMPLAINTS_OPEN_DATA_RATE = os.environ.get("COMPLAINTS_OPEN_DATA_RATE", "60/m")
COMPLAINTS_TRACK_MISS_RATE = os.environ.get("COMPLAINTS_TRACK_MISS_RATE", "20/m")  # unknown tracking codes
API_COMPLAINT_RATE = os.environ.get("API_COMPLAINT_RATE", "600/m")
API_COMPLAINT_STATUS_RATE = os.environ.get("API_COMPLAINT_STATUS_RATE", "120/m")
OPEN311_READ_RATE = os.environ.get("OPEN311_READ_RATE", "300/m")
OPEN311_KEY_RATE = os.environ.get("OPEN311_KEY_RATE", "600/m")
OPEN311_BAD_KEY_RATE = os.environ.get("OPEN311_BAD_KEY_RATE", "30/m")
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "")  # empty: "Provincial Damrongdhama centre, hotline 1567"
ICS_DOMAIN = os.environ.get("ICS_DOMAIN", "salaklang")  # the right-hand side of calendar event UIDs


def env_sizes(name: str, defaults: dict[str, int]) -> dict[str, int]:
    """``PAGE_SIZES=complaints=40,portal=10`` overrides some of the defaults."""
    sizes = dict(defaults)
    for item in env_list(name, ""):
        key, _sep, value = item.partition("=")
        if key.strip() in sizes and value.strip().isdigit() and int(value) > 0:
            sizes[key.strip()] = int(value)
    return sizes


# Rows per page of the HTML lists ("lists": every list without its own entry).
PAGE_SIZES = env_sizes("PAGE_SIZES", {
    "lists": 30, "audit": 50, "calls_board": 50, "calls_proposals": 50, "plan_links": 50, "complaints": 25,
    "openinfo_centre": 30, "opinion_matrix": 50, "organizations": 50, "participation": 20,
    "participation_comments": 50, "plans_provinces": 40, "portal": 20, "reviews_queue": 50, "reviews_ranking": 50,
})

# --- Public portal (salaklang.portal, issue 13) ------------------------------------------------
INSTALLED_APPS += ["django.contrib.sitemaps", "salaklang.portal"]
# A province's own host name (Site.host) shows its portal at "/"; must sit before the login requirement.
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.LoginRequiredMiddleware"),
                  "salaklang.portal.hosts.PortalHostMiddleware")
# Public portal pages for anonymous visitors (no session cookie) are answered from the cache before the session
# middleware; an entry lives at most this many seconds (0 turns the page cache off). See salaklang/portal/pagecache.py.
MIDDLEWARE.insert(MIDDLEWARE.index("salaklang.core.sessions.SlidingSessionMiddleware"),
                  "salaklang.portal.pagecache.PageCacheMiddleware")
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "60"))
# The portal shown at "/" of the shared site to visitors (a province code; empty: the list of provinces).
PORTAL_LANDING_SITE = os.environ.get("PORTAL_LANDING_SITE", "PNA")
# Feed import: hosts allowed although they resolve to a private/loopback address; largest feed accepted.
PORTAL_IMPORT_ALLOWED_HOSTS = env_list("PORTAL_IMPORT_ALLOWED_HOSTS", "")
PORTAL_IMPORT_MAX_BYTES = int(float(os.environ.get("PORTAL_IMPORT_MAX_MB", "10")) * 1024 * 1024)
# --- end of the public portal block ----------------------------------------------------------

# --- Open information centre and ITA disclosures (salaklang.openinfo, issue 14) ----------------
INSTALLED_APPS += ["salaklang.openinfo"]
# --- end of the open information block ----------------------------------------------------------

INSTALLED_APPS += ["salaklang.search"]  # issue 15: Thai search over everything a person may see
SEARCH_ANON_RATE = os.environ.get("SEARCH_ANON_RATE", "30/m")  # searches per address for people not signed in

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "ERROR"}},
}
CSRF_FAILURE_VIEW = "salaklang.core.views.csrf_failure"

# --- Issue 10: privacy and abuse (input guard, API limits, throttling) ------------------------------------------
# Every request passes the input guard (control characters out of text, late refusals as 400s); request bodies
# are limited (DATA_UPLOAD_MAX_MEMORY_SIZE above, DATA_UPLOAD_MAX_NUMBER_FIELDS below); the REST API parses JSON
# with a depth limit and throttles every client — signed in, anonymous, and wrong API keys (per address).
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
                  "salaklang.core.guard.InputGuardMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware"),
                  "salaklang.core.guard.PrivateCacheMiddleware")
MIDDLEWARE.insert(0, "salaklang.core.middleware.RequestArrivalMiddleware")  # deadlines: the arrival time
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "salaklang.core.guard.GuardedJSONParser",
    "rest_framework.parsers.FormParser",
    "rest_framework.parsers.MultiPartParser",
]
REST_FRAMEWORK["EXCEPTION_HANDLER"] = "salaklang.api.exceptions.api_exception_handler"
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "rest_framework.throttling.AnonRateThrottle",
    "rest_framework.throttling.UserRateThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("API_ANON_RATE", "120/minute"),
    "user": os.environ.get("API_USER_RATE", "600/minute"),
}
API_BAD_KEY_RATE = os.environ.get("API_BAD_KEY_RATE", "20/m")  # wrong API keys per address (sliding window)
