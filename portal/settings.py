"""Settings of the Art. 8 portal, read from the environment.

One file for every environment: safe development defaults (SQLite, eager Celery,
console e-mail) and production values through environment variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-development-key-change-me-" + "x" * 20)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The portal's public address, for links in e-mails sent by tasks (portal/links.py).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation requires: data texts in every language.
    "modeltranslation",
    "portal.apps.PortalAdminConfig",  # django.contrib.admin with the second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "post_office",
    "simple_history",
    "csp",
    "portal",
    "applications",
    "demand",
    "registrations",
    "billing",
    "coordination",
    "privacy",
    "demo",  # `manage.py demo`: last, it may import every app before it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below) on every response.
    "csp.middleware.CSPMiddleware",
    # Serves collected static files in production (gunicorn has no static file server),
    # already compressed, so static files never reach the GZip middleware below it.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses the pages. Since Django 4.2 it mitigates BREACH (a compression side channel
    # that guesses secrets such as the CSRF token from response sizes) by adding random
    # bytes to the gzip header ("Heal the Breach"); CSRF tokens are masked per response too.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in user's preferred language (User.language) wins over the cookie.
    "portal.languages.UserLanguageMiddleware",
    # Adds request.user.is_verified(): has this session passed the second factor?
    "django_otp.middleware.OTPMiddleware",
    # Gives the registration history (django-simple-history) the user of the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# A strict policy: only the portal's own files run or style the page, no inline script,
# style attribute or handler (behaviour lives in static/js/portal.js), no plugins, no
# <base>, forms post only to the portal, and no other site may frame it (clickjacking).
# Images may be data: URIs (the two-factor QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.navigation",
            ],
        },
    },
]

# Django keeps one connection per thread (gunicorn's gthread workers too), checked before
# reuse, so a connection the server or PgBouncer closed is replaced, not an error page.
# Behind PgBouncer in transaction mode: DISABLE_SERVER_SIDE_CURSORS=1 (docs/scaling.md).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", default=True),
        disable_server_side_cursors=env_bool("DISABLE_SERVER_SIDE_CURSORS"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails a request (and /readyz/) after this, not minutes later.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
else:
    # A covering index (Index.include) is a plain one on SQLite, the zero-setup default:
    # the same queries, only not answered from the index alone.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rendered psychologist overviews (applications/overview.py). Without
# CACHE_URL each process keeps its own in memory; CACHE_URL=redis://… shares one copy.
# Sessions stay in the database; with CACHE_URL they are read through the cache
# (portal.sessions: a cache outage costs a query, never a page or a logout).
CACHE_URL = os.environ.get("CACHE_URL", "")
SESSION_ENGINE = "portal.sessions" if CACHE_URL else "django.contrib.sessions.backends.db"
# The signed-in user, their roles and networks read through that cache too, for at most
# this long (portal.user_cache); 0 turns it off, as it is without a shared cache.
USER_CACHE_SECONDS = int(os.environ.get("USER_CACHE_SECONDS", "60" if CACHE_URL else "0"))
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A slow or absent Redis costs a page at most this, then it renders uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    )
}

# The public support-request form (demand.throttle, django-ratelimit in the cache above:
# set CACHE_URL in production, or each process counts on its own): sendings per IP
# address, requests per e-mail address ("number/period", period s, m, h or d).
DEMAND_REQUESTS_PER_IP = "20/h"
DEMAND_REQUESTS_PER_EMAIL = "5/d"

AUTH_USER_MODEL = "portal.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login rate limiting (django-axes): the axes backend only refuses locked-out attempts,
# the model backend authenticates. 5 failures per username and IP lock for 15 minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.auth.PortalBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
AXES_VERBOSE = False
# Behind a reverse proxy: the header holding the client's address (portal/client_ip.py),
# for the lockout above and the request form's rate limits below.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.client_ip"
RATELIMIT_IP_META_KEY = "portal.client_ip.client_ip"
# Two-factor authentication (TOTP, django-otp): when on, coordinators, network staff and
# administrators must confirm an authenticator app and enter its code once per session
# before any role page (portal.permissions.role_required) or admin page
# (portal.admin_site). Psychologists are never asked.
REQUIRE_2FA_FOR_STAFF = env_bool("REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = "Art. 8-portaal"
# The admin's device list shows no secrets or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "nl-be")
# Dutch is the source; French (Belgium) for the Walloon and Brussels networks; English
# third. fr-be reads locale/fr (gettext falls back from fr_BE to fr), see docs/languages.md.
LANGUAGES = [("nl-be", _("Nederlands")), ("fr-be", _("Français")), ("en", _("English"))]
# Data texts (call names, themes) have a column per language; an empty one shows Dutch.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl-be"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl-be",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("nl-be",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
if not DEBUG:
    # Hashed, compressed file names so browsers may cache them forever; needs collectstatic.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "portal.static_storage.StaticFilesStorage",
        },
    }
# Uploads (signed agreements) are private: stored outside static/, served by a view
# that checks permissions, never by the web server directly.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Where `manage.py backup` writes its archives when no path is given (README: Backup and restore).
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", BASE_DIR / "var" / "backups"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Every e-mail, Django's own (password reset) included, is a row of django-post-office's
# outbox written in the caller's transaction; portal.outbox sends it through the real
# transport, which the environment variable EMAIL_BACKEND names.
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {
        "default": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
    },
    # A failed send is queued again EMAIL_RETRY_MINUTES later, at most EMAIL_MAX_RETRIES
    # times; then the message is marked failed (admin: Post Office › Emails).
    "MAX_RETRIES": int(os.environ.get("EMAIL_MAX_RETRIES", "8")),
    "RETRY_INTERVAL": timedelta(minutes=int(os.environ.get("EMAIL_RETRY_MINUTES", "15"))),
    # Never "now": the request would wait for the SMTP server.
    "DEFAULT_PRIORITY": "medium",
    # post_office's own Celery hook enqueues a task in the request; beat drives ours.
    "CELERY_ENABLED": False,
    # The Log table keeps failures only, with the SMTP error; a sent mail's status says enough.
    "LOG_LEVEL": 1,
}
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# An SMTP server that stops answering fails the send (it is retried) instead of holding
# the sender, and with it every other message, forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "art8-portaal@localhost")

# Celery: without a broker the tasks run eagerly in-process (zero-setup `make run`).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager, a long task (the ZIP of a run's PDFs) runs in a thread so the request answers at
# once (portal.queueing); the tests run it in the request, inside their transaction.
EAGER_TASKS_IN_THREAD = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Fail fast when the broker is down, so that a request that enqueues a task answers at
# once (portal.queueing logs the failure; the work is picked up later): connecting gives
# up after CELERY_BROKER_TIMEOUT seconds, a command after 1.5 times that, and a publish
# is retried once. Celery's defaults retry the result store 20 times a second apart
# (19 s per request with Redis down) and wait forever on a broker that stops answering.
_broker_timeout = float(os.environ.get("CELERY_BROKER_TIMEOUT", "0.5"))
CELERY_BROKER_CONNECTION_TIMEOUT = _broker_timeout
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": _broker_timeout,
    "socket_timeout": _broker_timeout * 1.5,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.1,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = _broker_timeout
CELERY_REDIS_SOCKET_TIMEOUT = _broker_timeout * 1.5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0}}
# /readyz/ fails when no worker wrote the heartbeat (every minute) for this many seconds.
WORKER_HEARTBEAT_MAX_AGE = int(os.environ.get("WORKER_HEARTBEAT_MAX_AGE", "300"))
CELERY_BEAT_SCHEDULE: dict = {
    # Every night at 02:00: start the run of each network's last closed month, once (the
    # night after its closing day: docs/month-closing.md).
    "monthly-billing": {
        "task": "billing.tasks.run_monthly_billing",
        "schedule": crontab(minute=0, hour=2),
    },
    # Every minute: send the outbox (portal.outbox), retries included.
    "send-queued-mail": {
        "task": "portal.tasks.send_queued_mail",
        "schedule": timedelta(minutes=1),
        # A run the workers could not pick up within the minute is superseded by the next.
        "options": {"expires": 55},
    },
    # Every minute: a worker writes its heartbeat, which /readyz/ reads (portal.readiness).
    "worker-heartbeat": {
        "task": "portal.tasks.record_worker_heartbeat",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 55},
    },
    # Every 3 minutes: restart billing runs whose worker died or whose task never reached
    # the broker (billing.recovery). A sweep still waiting after 2 minutes is dropped.
    "resume-stalled-billing-runs": {
        "task": "billing.tasks.resume_stalled_runs",
        "schedule": timedelta(minutes=3),
        "options": {"expires": 120},
    },
    # Every night at 03:30: delete and erase what is past its retention period
    # (privacy.retention, docs/privacy.md).
    "retention": {
        "task": "privacy.tasks.apply_retention_task",
        "schedule": crontab(minute=30, hour=3),
    },
    # Every night at 04:15, after the billing run and the retention job changed what they
    # show: the day's overview of every psychologist who signed in lately
    # (applications.overview), so their first visit of the day finds it rendered.
    "overview-prerender": {
        "task": "applications.tasks.prerender_overviews",
        "schedule": crontab(minute=15, hour=4),
    },
    # Every day at 07:00: remind coordinators and psychologists of due call-3 evaluations.
    "evaluation-reminders": {
        "task": "applications.tasks.send_evaluation_reminders",
        "schedule": crontab(minute=0, hour=7),
    },
    # Every day at 07:05: remind psychologists of a month that closes within three days
    # (registrations.closing_services).
    "closing-reminders": {
        "task": "registrations.tasks.send_closing_reminders_task",
        "schedule": crontab(minute=5, hour=7),
    },
    # Every day at 07:30, after the reminders of 07:00 so they are in it: the digest of
    # every user who chose one e-mail a day (portal.digest).
    "notification-digests": {
        "task": "portal.tasks.send_digests",
        "schedule": crontab(minute=30, hour=7),
    },
}
# Printed at the bottom of every invoice PDF; the default in the invoice's language.
INVOICE_FOOTER = os.environ.get("INVOICE_FOOTER") or _("Vrijgesteld van btw – art. 44 §1 W.btw")

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Configured here, post_office adds no second handler of its own (each line twice).
    "loggers": {"post_office": {"handlers": ["console"], "propagate": False}},
}

# Error reporting, off unless SENTRY_DSN is set; what is (not) sent: portal/error_reporting.py.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from portal import error_reporting

    error_reporting.init(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
