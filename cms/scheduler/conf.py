"""The scheduler's settings and their defaults, in one place."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings

# Every schedule is expressed in Jakarta time (WIB), whatever TIME_ZONE says.
TIME_ZONE = ZoneInfo("Asia/Jakarta")

DEFAULTS = {
    "CMS_SCHEDULER_LEASE_SECONDS": 60,
    "CMS_SCHEDULER_POLL_SECONDS": 30,
    "CMS_SCHEDULER_KEEP_DAYS": 90,
    "CMS_SCHEDULER_KEEP_FAILED_DAYS": 365,
}


def get(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])


def lease_seconds() -> int:
    return get("CMS_SCHEDULER_LEASE_SECONDS")


def poll_seconds() -> int:
    return get("CMS_SCHEDULER_POLL_SECONDS")


def keep_days() -> int:
    return get("CMS_SCHEDULER_KEEP_DAYS")


def keep_failed_days() -> int:
    return get("CMS_SCHEDULER_KEEP_FAILED_DAYS")
