"""Settings for Samen: one file, every value from the environment.

Defaults are for a developer's laptop (SQLite, a Celery broker on the file system,
mail to the console). Production sets the variables documented in `.env.example`;
there are no per-developer settings files.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("SAMEN_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

# --- Core -------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=True)
# The development key is only accepted while DEBUG is on; production must set its own.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key" if DEBUG else environ.Env.NOTSET
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1

INSTALLED_APPS = [
    "samen.apps.SamenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER = TemplatesSetting
    "django_htmx",
    "csp",
    "django_filters",
    "import_export",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    # The ground floor, then the engines several apps use, the domain apps in the order their
    # imports run (partnerships ← roles ← network / placements ← matching, formtemplates ←
    # placementforms / pdca, cycle ← quality), and on top the portal that composes them; the
    # demo data lives apart (docs/architecture.md).
    "samen",
    "notifications",
    "documents",
    "questionnaires",
    "partnerships",
    "roles",
    "network",
    "placements",
    "matching",
    "formtemplates",
    "placementforms",
    "pdca",
    "cycle",
    "quality",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer early (static files, redirects, 403/404), so every
    # response carries the Content-Security-Policy header.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samen.locale.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which refuses a Host outside ALLOWED_HOSTS.
    "samen.origin.OriginMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "roles.middleware.RequireMFAMiddleware",
    # A view that lost a race for the database: a 503 "probeer het opnieuw", never a 500.
    "samen.errors.BusyMiddleware",
    # Last: resolves /<partnership>/… and runs the view inside that tenant's scope.
    "roles.middleware.TenantMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "samen.wsgi.application"

# Form widgets render with the project's templates (templates/ first), so that
# templates/django/forms/widgets/select.html writes a select's options without an include
# each; Django's own widget templates come from the "django.forms" app.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
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
                "samen.context_processors.tenant",
                "roles.context_processors.partnerships",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'samen.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep each worker's database connection between requests (opening one to PostgreSQL costs
# several milliseconds a page); checked before reuse, so a restarted database is no error.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time and ignores select_for_update(); so that simultaneous
    # submits queue up instead of failing with "database is locked": readers never block the
    # writer (WAL), every transaction takes the write lock when it begins (IMMEDIATE; a
    # deferred one that read first cannot wait for it), and a writer waits up to 20 s for its
    # turn (a lost race after that: samen.errors.BusyMiddleware, a 503 "probeer het opnieuw").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Seconds a request waits for Redis (cache and broker) before giving up: a Redis that is down
# or hangs makes a request fail or degrade quickly, never hang.
REDIS_CONNECT_TIMEOUT = 2
REDIS_SOCKET_TIMEOUT = 3
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
else:
    # Per-process cache: fine for one developer; allauth's rate limits need Redis in production
    # (`check --deploy` fails without it, see samen/checks.py).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(env.str("SAMEN_MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Media holds generated PDFs; they are served only through permission-checked views. A URL on
# a host that does not exist: nothing (not even Django's test server) serves the files directly.
MEDIA_URL = "https://media.invalid/"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Accounts (django-allauth) -------------------------------------------------
AUTH_USER_MODEL = "roles.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "roles.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samen] "
# People get accounts by invitation from their partnership, not by signing up themselves.
SAMEN_OPEN_SIGNUP = env.bool("SAMEN_OPEN_SIGNUP", default=False)
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so they are visible and testable.
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Samen"
# Coordinators and stuurgroep members must use TOTP; the demo can switch this off.
SAMEN_REQUIRE_MFA = env.bool("SAMEN_REQUIRE_MFA", default=True)

# django-guardian: we never grant to the anonymous user, so no anonymous user row.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Samen <noreply@samen.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP command may wait for the server. Without it a hanging mail server blocks the
# reminder sweep for ever (notifications.checks holds it below the sweep's claim timeout).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
SAMEN_BASE_URL = env.str("SAMEN_BASE_URL", default="http://localhost:8000")
# Links in mails and the agenda feed: production's SAMEN_BASE_URL; without it, in the demo and
# development (DEBUG), the address the portal is reached on (samen/origin.py). Never a request's
# Host header in production: `check --deploy` asks for SAMEN_BASE_URL (samen.E003).
SAMEN_LINKS_FOLLOW_REQUEST = env.bool(
    "SAMEN_LINKS_FOLLOW_REQUEST", default=DEBUG and "SAMEN_BASE_URL" not in env.ENVIRON
)
# The agenda feed holds this many months back, up to the end of the next schooljaar.
SAMEN_AGENDA_MONTHS_BACK = env.int("SAMEN_AGENDA_MONTHS_BACK", default=3)
# Moments someone only coordinates are counted per day and kind in their agenda feed when
# more than this many share the day and kind (cycle/agenda.py); 1: from two on.
SAMEN_AGENDA_SUMMARY_ABOVE = env.int("SAMEN_AGENDA_SUMMARY_ABOVE", default=1)

# --- Celery -----------------------------------------------------------------
# Without REDIS_URL, Celery uses kombu's file-system transport: a worker and beat
# that need no server, for the first README command.
CELERY_DATA_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        # Without these a publish to a Redis that accepts connections but never answers waits
        # for ever. The worker's BRPOP polls every second, well within the socket timeout.
        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
        "socket_timeout": REDIS_SOCKET_TIMEOUT,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
# Outcomes are database rows (e.g. documents.Render.status), so no result backend.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Web requests send tasks ("PDF maken"): with the broker down, sending fails within seconds
# instead of retrying for long. The work itself is a database row, so nothing is lost: the
# sweep below sends it again (documents.services.sweep_renders).
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Every five minutes: a sweep with nothing due costs one query, and a failed attempt is tried
# again soon after its back-off ends. The demo sets a few seconds.
SAMEN_REMINDER_SWEEP_SECONDS = env.int("SAMEN_REMINDER_SWEEP_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "send-due-notifications": {
        # Sends the reminders (and every other notification) that are due, each mail once,
        # in batches until nothing is due (notifications.services.sweep).
        "task": "notifications.tasks.send_due_notifications",
        "schedule": float(SAMEN_REMINDER_SWEEP_SECONDS or 300),
    },
    "sweep-renders": {
        # Re-sends PDF renders that never reached the queue; fails those whose worker died.
        "task": "documents.tasks.sweep_renders",
        "schedule": 120.0,
    },
    "generate-cycle-moments": {
        # Each partnership's review moments from its kwaliteitscyclus: this schooljaar's (a
        # school that entered the path gets its start moments the next night) and, from
        # 1 June, next schooljaar's. Creates nothing twice (cycle.generation.generate_due).
        "task": "cycle.tasks.generate_cycle_moments",
        "schedule": crontab(hour=2, minute=15),
    },
    "purge-stale-uploads": {
        # Import files whose preview was never confirmed (samen.uploads keeps them two hours).
        "task": "samen.tasks.purge_stale_uploads",
        "schedule": crontab(minute=30),
    },
    "purge-jobs": {
        # Background downloads and import results older than SAMEN_JOB_MAX_AGE_HOURS, with
        # their files; fails jobs whose worker died, re-sends those the broker never got.
        "task": "samen.tasks.purge_jobs",
        "schedule": crontab(minute="*/15"),
    },
}
SAMEN_PDF_TIME_LIMIT = env.int("SAMEN_PDF_TIME_LIMIT", default=300)
# Background jobs (samen/jobs.py). A list's download of more rows than this is made by the
# worker while the page shows its progress (CSV ~0.2 ms, XLSX ~0.5 ms a row: 2,000 rows stay
# within about a second in the request); every import's confirmation runs there. The files
# and results are kept this many hours, for their owner only. The worker re-resolves the
# owner's access with SAMEN_ACCESS_FOR, as roles.middleware.TenantMiddleware does.
SAMEN_EXPORT_BACKGROUND_ROWS = env.int("SAMEN_EXPORT_BACKGROUND_ROWS", default=2000)
SAMEN_JOB_MAX_AGE_HOURS = env.int("SAMEN_JOB_MAX_AGE_HOURS", default=24)
SAMEN_JOB_TIME_LIMIT = env.int("SAMEN_JOB_TIME_LIMIT", default=900)
SAMEN_ACCESS_FOR = "roles.access.access_for"

# --- Security (production) -----------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache (Redis in production) and written through to the database:
# one query fewer on every page, and nothing lost when the cache is flushed.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): our own scripts, styles and images only, nothing
# inline. base.html's htmx-config keeps htmx from injecting its indicator <style> (the rules
# live in samen.css) and from copying style="" attributes when it settles a swap. img-src
# allows data: for the TOTP QR code (allauth renders it as a data: URI). tests/test_csp.py
# checks the header and the templates; the browser tests fail on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
