"""System checks for monitoring's settings (codes monitoring.E001...)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.checks import Error, register

from audit.monitoring import conf

POSITIVE_INTS = [
    ("MONITORING_TIMEOUT_SECONDS", "monitoring.E002"),
    ("MONITORING_FAILURES_BEFORE_OUTAGE", "monitoring.E003"),
    ("MONITORING_KEEP_DAYS", "monitoring.E004"),
    ("MONITORING_LINKCHECK_PER_MINUTE", "monitoring.E005"),
    ("MONITORING_WORKER_MAX_WAIT_SECONDS", "monitoring.E006"),
    ("MONITORING_AUDIT_MAX_AGE_HOURS", "monitoring.E007"),
    ("MONITORING_FEEDBACK_OVERDUE_DAYS", "monitoring.E008"),
]


@register()
def check_monitoring_settings(app_configs, **kwargs):
    errors = []
    for url_name in ("base URL", "reference URL"):
        value = (
            conf.base_url()
            if url_name == "base URL"
            else conf.get("MONITORING_REFERENCE_URL")
        )
        if url_name == "reference URL" and not value:
            continue
        parts = urlsplit(value or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            errors.append(
                Error(
                    f"The monitoring {url_name} {value!r} is not an http(s) address.",
                    hint="Set MONITORING_BASE_URL (or WAGTAILADMIN_BASE_URL) and "
                    "MONITORING_REFERENCE_URL to full addresses, e.g. "
                    "https://bkp.example.go.id.",
                    id="monitoring.E001",
                )
            )
    for name, code in POSITIVE_INTS:
        value = conf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"{name} must be a whole number of 1 or more.",
                    hint=f"Set {name} to a positive integer (default "
                    f"{conf.DEFAULTS[name]}).",
                    id=code,
                )
            )
    table = conf.get("MONITORING_FRESHNESS_DAYS")
    if not isinstance(table, dict) or not all(
        isinstance(v, int) and v > 0 for v in table.values()
    ):
        errors.append(
            Error(
                "MONITORING_FRESHNESS_DAYS must map section slugs to days (1 or more).",
                hint='For example {"berita": 14, "pelayanan": 180}.',
                id="monitoring.E009",
            )
        )
    urls = conf.get("MONITORING_URLS")
    if not isinstance(urls, list | tuple) or not all(
        isinstance(u, str) and u.startswith("/") for u in urls
    ):
        errors.append(
            Error(
                "MONITORING_URLS must be a list of paths starting with '/'.",
                hint="Leave it empty to probe the site's key URLs.",
                id="monitoring.E010",
            )
        )
    return errors
