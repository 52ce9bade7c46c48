"""Tests: fast, self-contained, and on whichever database DATABASE_URL names."""

from __future__ import annotations

import os
from pathlib import Path

from cms.settings.base import *  # noqa: F403
from cms.settings.base import CACHES as BASE_CACHES
from cms.settings.base import DATABASES, REDIS_URL, STORAGES, VAR_DIR
from cms.settings.env import envbool, envint

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
AUDIT_CHAIN_KEY = "test-only-audit-chain-key-not-for-production-0123456789"  # noqa: S105
AUDIT_CHECKPOINT_PATH = VAR_DIR / f"test-audit-checkpoint-{os.getpid()}.json"
# Django's flush (TransactionTestCase) empties every table with DELETE/TRUNCATE,
# which the guard triggers refuse: tests that check the guard install it
# themselves inside their own transaction (tests/audit/test_immutability.py).
AUDIT_DB_GUARD = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "cms.pagecache.backends.PageMemoryCache",
        "LOCATION": "test-pages",
    },
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-fragments",
    },
}
if REDIS_URL:
    # A server started by a test with REDIS_URL shares Redis as production
    # does (tests/pagecache/test_invalidation_live.py).
    CACHES = BASE_CACHES
# Off: tests roll back without a commit, so no generation would be drawn and one
# test would get another's page. tests/pagecache turns it on (and its servers).
CMS_PAGE_CACHE = envbool("CMS_PAGE_CACHE", False)
CMS_PAGE_CACHE_GENERATION_FILE = Path(
    os.environ.get("CMS_PAGE_CACHE_GENERATION_FILE")
    or VAR_DIR / f"test-pagecache-generation-{os.getpid()}"
)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Set here, not through BACKUPS_ROOT: base built STORAGES from it already.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("BACKUPS_ROOT") or str(VAR_DIR / "test-backups")
        },
    },
}
# Servers started by a test (tests/live.py) serve static files from the sources,
# as runserver does: the browser tests get the real CSS and JS, uncollected.
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
# Stored reports (PDF, CSV) of test runs, apart from a developer's own.
REPORTS_ROOT = VAR_DIR / "test-reports"
# Traffic counts go to the cache at once (tests/security/test_traffic.py checks
# the batching of a web process on its own).
SECURITY_TRAFFIC_PUSH_SECONDS = 0
SECURITY_RATE_BATCH = 1
SECURITY_BLOCK_REFRESH_SECONDS = 0
# No flush inside a test's request (a server started by a test may ask for one).
SECURITY_LOCAL_FLUSH_SECONDS = envint("SECURITY_LOCAL_FLUSH_SECONDS", 0)

# Tasks run inline in the test process. Child processes started by a test (the
# worker, the scheduler, a web server: see tests/live.py) set
# CMS_TEST_LIVE_TASKS=1 to use the real database queue instead.
if envbool("CMS_TEST_LIVE_TASKS", False):
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    # A child may be pointed at a real SMTP server instead (or at a closed
    # port: tests/home/test_feedback_mail_live.py).
    if envbool("CMS_TEST_SMTP", False):
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A file, not memory, so processes started by a test share the test database;
# one per test run (by process id), so runs side by side never share a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {})
    DATABASES["default"]["TEST"].setdefault(
        "NAME", str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")
    )

# A child scheduler started by tests/scheduler/test_live_scheduler.py with this
# variable dies between recording a run and queueing its task.
if envbool("SCHEDULER_TEST_CRASH_BEFORE_ENQUEUE", False):
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.scheduler.crash.CrashBeforeEnqueueConfig"]  # noqa: F405

# One maintenance flag per test run, so parallel runs never see each other's.
BACKUPS_MAINTENANCE_FLAG = Path(
    os.environ.get("BACKUPS_MAINTENANCE_FLAG")
    or VAR_DIR / f"test-maintenance-{os.getpid()}.flag"
)
