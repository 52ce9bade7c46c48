"""Monitoring's settings (``MONITORING_<NAME>``) and their defaults, in one place.

Each may be set in the settings module; ``cms/settings/base.py`` reads the
scalar ones from environment variables of the same name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # The public address probes and the link checker go through (the real
    # stack: proxy, web server, Django). Empty: WAGTAILADMIN_BASE_URL.
    "MONITORING_BASE_URL": "",
    # Paths probed; empty: the key URLs, found in the page tree at each run
    # (both homes, each section, the feedback page, the API, a static file, a
    # media file).
    "MONITORING_URLS": [],
    # A static file that answers without the database: the control target.
    "MONITORING_STATIC_PATH": "/static/css/site.css",
    # A known-good address outside the site (e.g. the ministry's home page):
    # when it fails too, the monitor's own network is down, not the site.
    "MONITORING_REFERENCE_URL": "",
    "MONITORING_TIMEOUT_SECONDS": 10,
    # Consecutive failed probe runs that open an outage.
    "MONITORING_FAILURES_BEFORE_OUTAGE": 3,
    # Who is mailed about outages; empty: every active user who may view the
    # monitoring screens (and has an address).
    "MONITORING_ALERT_EMAILS": [],
    # Raw probe results are kept this long; days are kept as aggregates.
    "MONITORING_KEEP_DAYS": 90,
    # A request header carrying this token gets the health endpoint's details.
    "MONITORING_HEALTH_TOKEN": "",
    # The worker is stopped when a task waits longer than this.
    "MONITORING_WORKER_MAX_WAIT_SECONDS": 600,
    # The audit chain must have been verified (and passed) within this.
    "MONITORING_AUDIT_MAX_AGE_HOURS": 30,
    # Expected freshness per section (slug of a section under a home page),
    # in days; sections not named get the default.
    "MONITORING_FRESHNESS_DAYS": {
        "berita": 14,
        "news": 14,
        "pelayanan": 180,
        "services": 180,
    },
    "MONITORING_DEFAULT_FRESHNESS_DAYS": 90,
    # Feedback unanswered longer than this is overdue.
    "MONITORING_FEEDBACK_OVERDUE_DAYS": 5,
    # The link checker's pace and size limits.
    "MONITORING_LINKCHECK_PER_MINUTE": 60,
    "MONITORING_LINKCHECK_MAX_PAGES": 1000,
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def base_url() -> str:
    return (get("MONITORING_BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
