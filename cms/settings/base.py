"""Settings shared by every environment.

dev.py, production.py and test.py override only what differs. Everything that
differs per deployment is read from the environment through cms.settings.env;
this file holds no real secret. Runtime state (SQLite file, media, backups,
collected static) lives under the git-ignored ``var/`` unless told otherwise.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from cms.settings.env import envbool, envint, envlist, envpath, envstr

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = envpath("CMS_VAR_DIR", BASE_DIR / "var")

DEBUG = False
SECRET_KEY = envstr("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "cms.scheduler",
    "cms.pagecache",
    "home",
    "audit",
    "audit.monitoring",
    "audit.reports",
    "audit.security",
    "backups",
    "audit.problems",
    # After our apps, before Wagtail's: fills the Wagtail admin's Indonesian gaps.
    "cms.wagtail_id",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "dbbackup",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: answers blocked clients, sees disallowed hosts (audit/security).
    "audit.security.middleware.VisitorActivityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise right after SecurityMiddleware, so static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Keeps the client at hand for audit events recorded deep inside Wagtail.
    "audit.middleware.ClientMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside django-csp: the admin, on its own paths only, keeps inline scripts.
    "audit.security.middleware.AdminScriptPolicyMiddleware",
    # Uploaded documents and media served inert (nosniff, CSP default-src none).
    "audit.security.middleware.DownloadHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # django-axes last, as its docs require.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite by default, tuned for a web server plus a worker plus a scheduler
# writing at once: WAL so readers never block the writer, a busy timeout so a
# writer waits instead of failing, and IMMEDIATE transactions so a transaction
# takes the write lock up front instead of failing half-way on upgrade.
SQLITE_PATH = envpath("CMS_SQLITE_PATH", VAR_DIR / "db.sqlite3")
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
    ),
}

DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=envint("DJANGO_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    # The one side effect of settings: SQLite cannot create its own folder.
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "bkp",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bkp",
        }
    }

# Wagtail looks image renditions up here before the database: no query per
# image once seen. Apart from the default cache, so that clearing the page cache
# keeps them; entries name the image's file hash, so they are never stale.
CACHES["renditions"] = {
    **CACHES["default"],
    "LOCATION": REDIS_URL or "bkp-renditions",
    "TIMEOUT": 7 * 24 * 60 * 60,
}
if not REDIS_URL:
    CACHES["renditions"]["OPTIONS"] = {"MAX_ENTRIES": 20_000}

# Whole pages for anonymous visitors (cms/pagecache), apart from the counters
# above, so a full page cache never culls them: local memory per process (the
# generation then lives in a file) or Redis beside the rest.
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
else:
    CACHES["pages"] = {
        # LocMemCache without pickling: the entries are immutable.
        "BACKEND": "cms.pagecache.backends.PageMemoryCache",
        "LOCATION": "bkp-pages",
        "OPTIONS": {"MAX_ENTRIES": envint("CMS_PAGE_CACHE_MAX_ENTRIES", 1000)},
    }

# Rendered parts of public pages (home.fragments: the chrome around every
# page, the home page's lists, a listing's cards), keyed by the content they
# show, so never stale; apart from the pages, so each can be cleared alone.
CACHES["fragments"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bkp-fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
)
CACHES["fragments"]["TIMEOUT"] = 24 * 60 * 60

# --- Authentication and login protection ---------------------------------
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login never reaches the model backend.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# The axes defaults (3 failures, IP only, locked forever) do not fit a public
# site: lock a username from one client after 5 failures, for 30 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30))
# A per-client group too, with its own higher cap (audit/security handler).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
# One function decides who the client of a request is (audit.client): the
# socket's REMOTE_ADDR; or, when the socket's peer is one of the trusted proxies
# listed (addresses or networks), the first address in X-Forwarded-For, walking
# from the right, that is not one of them; or, behind N trusted proxies whose
# addresses are not known, the address N hops from the right. axes, the audit
# trail, the form's rate limit and security signals all use it.
# (AXES_IPWARE_* would need django-ipware, which is not installed: never set them.)
CMS_TRUSTED_PROXIES = envlist("DJANGO_TRUSTED_PROXIES")
CMS_TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "audit.client.client_address"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

# --- Internationalisation ----------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Bahasa Indonesia")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks the site's own codes, so every page URL it builds is real.
# Wagtail's id_ID catalogue is merged into ours for "id" (cms/wagtail_id).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The admin's JavaScript strings (Wagtail's JS catalogue reads only LOCALE_PATHS).
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language (Django's DATE_FORMAT etc.): cms/formats/<lang>/.
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media --------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = envpath("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = envpath("DJANGO_MEDIA_ROOT", VAR_DIR / "media")
MEDIA_URL = "/media/"
BACKUPS_ROOT = envpath("BACKUPS_ROOT", VAR_DIR / "backups")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUPS_ROOT)},
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Background work ---------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Periodic jobs (cms.scheduler): one leased scheduler enqueues, workers run. The
# defaults live in cms/scheduler/conf.py; an environment variable of the same name
# (or its old name, CMS_SCHEDULER_...) overrides one.
for _name in (
    "SCHEDULER_LEASE_SECONDS",
    "SCHEDULER_POLL_SECONDS",
    "SCHEDULER_KEEP_DAYS",
    "SCHEDULER_KEEP_FAILED_DAYS",
):
    for _env_name in (_name, f"CMS_{_name}"):
        if os.environ.get(_env_name, "").strip():
            globals()[_name] = envint(_env_name, 0)
            break

# --- Audit trail (audit/) -----------------------------------------------------
# The HMAC key of the hash chain lives in the environment, never in the database.
# Production refuses to start without it; dev and tests use a fixed insecure key.
AUDIT_CHAIN_KEY = envstr("AUDIT_CHAIN_KEY") or ""
# The head (sequence and hash) written after every verification, outside the DB.
AUDIT_CHECKPOINT_PATH = envpath(
    "AUDIT_CHECKPOINT_PATH", VAR_DIR / "audit-checkpoint.json"
)
# Who is mailed when verification fails; empty: every active user who may view
# the trail (and has an email address).
AUDIT_ALERT_EMAILS = envlist("AUDIT_ALERT_EMAILS")
# PostgreSQL triggers (and SQLite ones) refusing UPDATE/DELETE on the event table.
AUDIT_DB_GUARD = envbool("AUDIT_DB_GUARD", True)

# --- Monitoring (audit/monitoring) ------------------------------------------
# Defaults and the full list in audit/monitoring/conf.py; the scalar ones are
# read from environment variables of the same name.
MONITORING_BASE_URL = envstr("MONITORING_BASE_URL", "")
MONITORING_REFERENCE_URL = envstr("MONITORING_REFERENCE_URL", "")
MONITORING_HEALTH_TOKEN = envstr("MONITORING_HEALTH_TOKEN", "")
MONITORING_ALERT_EMAILS = envlist("MONITORING_ALERT_EMAILS")
MONITORING_FAILURES_BEFORE_OUTAGE = envint("MONITORING_FAILURES_BEFORE_OUTAGE", 3)
MONITORING_TIMEOUT_SECONDS = envint("MONITORING_TIMEOUT_SECONDS", 10)
MONITORING_LINKCHECK_PER_MINUTE = envint("MONITORING_LINKCHECK_PER_MINUTE", 60)

# --- Feedback inbox and form (home/inbox.py, home/antibot.py) -----------------
# Defaults live in home/antibot.py and home/inbox_mail.py / home/inbox.py; an
# environment variable of the same name overrides one.
for _name in (
    "HOME_FEEDBACK_OVERDUE_WORKING_DAYS",
    "HOME_FEEDBACK_MIN_SECONDS",
    "HOME_FEEDBACK_MAX_AGE_SECONDS",
    "HOME_FEEDBACK_RATE_LIMIT",
    "HOME_FEEDBACK_RATE_PERIOD_SECONDS",
    "HOME_FEEDBACK_MAIL_MAX_ATTEMPTS",
    "HOME_FEEDBACK_MAIL_RETRY_SECONDS",
):
    if os.environ.get(_name, "").strip():
        globals()[_name] = envint(_name, 0)
# Who gets the daily overdue reminder; empty: every active user who may
# handle feedback (home.change_feedbackitem).
HOME_FEEDBACK_OFFICER_EMAILS = envlist("HOME_FEEDBACK_OFFICER_EMAILS")

# --- Visitor activity (audit/security) ------------------------------------------
# django-axes through our handler: 5 failures per username and client (above),
# SECURITY_CLIENT_FAILURE_LIMIT (20) per client across usernames, 30 minutes
# cool-off (AXES_COOLOFF_MINUTES). A locked client is refused before any password
# hash, and its further attempts neither write nor extend the lockout.
AXES_HANDLER = "audit.security.handlers.ClientCapHandler"
AXES_LOCKOUT_CALLABLE = "audit.security.lockout.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
SECURITY_CLIENT_FAILURE_LIMIT = envint("SECURITY_CLIENT_FAILURE_LIMIT", 20)
SECURITY_BLOCK_AFTER = envint("SECURITY_BLOCK_AFTER", 200)
SECURITY_BLOCK_MINUTES = envint("SECURITY_BLOCK_MINUTES", 60)
SECURITY_ALERT_EMAILS = envlist("SECURITY_ALERT_EMAILS")
SECURITY_MONITORING = envbool("SECURITY_MONITORING", True)
SECURITY_TRAFFIC = envbool("SECURITY_TRAFFIC", True)
# Without REDIS_URL each web process stores its own counts this often (seconds).
SECURITY_LOCAL_FLUSH_SECONDS = envint("SECURITY_LOCAL_FLUSH_SECONDS", 300)

# --- Email -------------------------------------------------------------------
EMAIL_BACKEND = envstr(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = envstr("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = envpath("DJANGO_EMAIL_FILE_PATH", VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = envstr("DJANGO_DEFAULT_FROM_EMAIL", "website@bkp.example.go.id")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", a) for a in envlist("DJANGO_ADMINS")]

# --- Security ------------------------------------------------------------------
# DENY for every response (deploy check W019). Wagtail's own preview views opt
# in to SAMEORIGIN, so editing previews work; a link clicked inside a preview
# iframe will not load (wagtail#9123), which we accept for clickjacking safety.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A content security policy that keeps the Wagtail admin working (it needs
# inline styles and scripts) while forbidding other origins, plugins and framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # No inline scripts on the public site; the admin adds 'unsafe-inline'
        # on /admin/ only (audit.security.middleware.AdminScriptPolicyMiddleware).
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Balai Kesehatan Penerbangan"
WAGTAILADMIN_BASE_URL = envstr("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always downloaded as attachments, never rendered in our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars fetched from gravatar.com: privacy, and the CSP allows only this origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Wagtail's login form with its password label translated.
WAGTAILADMIN_USER_LOGIN_FORM = "cms.wagtail_id.forms.LoginForm"

REST_FRAMEWORK = {
    # Read-only, public API: JSON only, no browsable forms, no session writes.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# --- Moderation workflow (home/moderation.py) ------------------------------------
# Working days each step of "Koordinasi Konten" may take, in workflow order
# (officer review, supervisor approval); a later step keeps the last number.
# Checked by `manage.py check` (home.E101).
HOME_MODERATION_DUE_DAYS = envlist("HOME_MODERATION_DUE_DAYS", ["2", "2"])
# Office hours (site time zone) that count as working time for turnaround.
HOME_WORKING_HOURS = (
    envint("HOME_WORKING_HOUR_START", 8),
    envint("HOME_WORKING_HOUR_END", 16),
)
# Turnaround per subdivision is computed over approvals of this many days.
HOME_TURNAROUND_DAYS = envint("HOME_TURNAROUND_DAYS", 90)

# --- Logging -------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "WARNING"},
        # Two INFO lines per fire; our own scheduler logs what matters.
        "apscheduler": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO (the SOP reports' PDFs).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# --- Several machines (README, "Several machines") ------------------------------
# Everything below is off unless configured: one machine needs none of it.
# Media on S3-compatible storage (django-storages) when a bucket is named. Images
# are then served from the bucket (or AWS_S3_CUSTOM_DOMAIN, e.g. a CDN) under
# media/images/ and media/original_images/; documents still go through Wagtail's
# document view, which checks privacy, so the bucket itself need not be public
# for them (give public read to those two image prefixes only).
MEDIA_S3_BUCKET = envstr("DJANGO_MEDIA_S3_BUCKET")
BACKUPS_S3_BUCKET = envstr("BACKUPS_S3_BUCKET")


def _s3_options(bucket: str, *, location: str, signed: bool) -> dict:
    return {
        "bucket_name": bucket,
        "location": location,
        "endpoint_url": envstr("AWS_S3_ENDPOINT_URL"),
        "region_name": envstr("AWS_S3_REGION_NAME"),
        "access_key": envstr("AWS_ACCESS_KEY_ID"),
        "secret_key": envstr("AWS_SECRET_ACCESS_KEY"),
        "addressing_style": envstr("AWS_S3_ADDRESSING_STYLE"),
        "custom_domain": None if signed else envstr("AWS_S3_CUSTOM_DOMAIN"),
        "querystring_auth": signed,
        "default_acl": None,
        "file_overwrite": False,
    }


if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3_options(MEDIA_S3_BUCKET, location="media", signed=False),
    }
if BACKUPS_S3_BUCKET:
    # Backup archives: private, signed URLs only, never under any public prefix.
    STORAGES["dbbackup"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": _s3_options(BACKUPS_S3_BUCKET, location="backups", signed=True),
    }

# Wagtail's frontend-cache purge: a page published or unpublished is purged from
# a CDN or caching proxy, where one is configured.
WAGTAILFRONTENDCACHE = {}
for _index, _url in enumerate(envlist("WAGTAIL_FRONTEND_CACHE_PURGE_URLS")):
    WAGTAILFRONTENDCACHE[f"http{_index}"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _url,
    }
if envstr("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": envstr("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": envstr("CLOUDFLARE_ZONE_ID"),
    }
if envstr("AWS_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": envstr("AWS_CLOUDFRONT_DISTRIBUTION_ID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.frontend_cache"
    )
# Several sites sharing one Redis keep their keys apart.
if REDIS_URL:
    CACHES["default"]["KEY_PREFIX"] = envstr("DJANGO_CACHE_KEY_PREFIX", "bkp")
    CACHES["renditions"]["KEY_PREFIX"] = CACHES["default"]["KEY_PREFIX"] + "-renditions"
    CACHES["pages"]["KEY_PREFIX"] = CACHES["default"]["KEY_PREFIX"] + "-pages"
    CACHES["fragments"]["KEY_PREFIX"] = CACHES["default"]["KEY_PREFIX"] + "-fragments"

# --- Backups (backups/conf.py holds every default) -----------------------------
# Archives go to STORAGES["dbbackup"] (above, at BACKUPS_ROOT: outside MEDIA_ROOT
# and STATIC_ROOT, never served).
BACKUPS_SITE_ID = envstr("BACKUPS_SITE_ID", "bkp-website")
BACKUPS_KEEP_DAILY = envint("BACKUPS_KEEP_DAILY", 7)
BACKUPS_KEEP_WEEKLY = envint("BACKUPS_KEEP_WEEKLY", 4)
BACKUPS_KEEP_MONTHLY = envint("BACKUPS_KEEP_MONTHLY", 12)
BACKUPS_SECOND_LOCATION = envstr("BACKUPS_SECOND_LOCATION", "") or None
BACKUPS_ALERT_EMAILS = envlist("BACKUPS_ALERT_EMAILS")
BACKUPS_MAINTENANCE_FLAG = envpath(
    "BACKUPS_MAINTENANCE_FLAG", VAR_DIR / "maintenance.flag"
)
# Writes answer 503 while a restore runs; right after WhiteNoise, before sessions.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "backups.middleware.MaintenanceMiddleware",
)
# GPG-encrypt archives to this key (fingerprint or address in the keyring at
# BACKUPS_GPG_HOME, default ~/.gnupg); empty: no encryption.
BACKUPS_GPG_RECIPIENT = envstr("BACKUPS_GPG_RECIPIENT", "") or None
BACKUPS_GPG_HOME = envstr("BACKUPS_GPG_HOME", "") or None

# --- Page cache (cms/pagecache) ---------------------------------------------
# Whole pages for anonymous visitors, never stale: any content change draws a
# new generation, seen by every worker on the next request (cms.pagecache.generation).
# CMS_PAGE_CACHE=off turns it off, for measurement and debugging.
CMS_PAGE_CACHE = envbool("CMS_PAGE_CACHE", True)
CMS_PAGE_CACHE_TIMEOUT = envint("CMS_PAGE_CACHE_TIMEOUT", 24 * 3600)
# The generation's file when the page cache is per process (no REDIS_URL): on
# the machine's own disk, shared by the web, worker and scheduler processes.
CMS_PAGE_CACHE_GENERATION_FILE = envpath(
    "CMS_PAGE_CACHE_GENERATION_FILE", VAR_DIR / "pagecache-generation"
)
# Inside SecurityMiddleware, WhiteNoise, visitor activity and the maintenance
# switch (blocked clients refused, hits counted, security headers added), outside
# sessions, CSRF, auth and CSP (a hit touches no database).
MIDDLEWARE.insert(
    MIDDLEWARE.index("backups.middleware.MaintenanceMiddleware") + 1,
    "cms.pagecache.middleware.PageCacheMiddleware",
)
