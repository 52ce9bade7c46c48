"""The scheduler's settings and their defaults, in one place.

Each setting is named ``SCHEDULER_<NAME>``. The names used before the scheduler
became an app, ``CMS_SCHEDULER_<NAME>``, are still read when the new name is not
set (and a system check, scheduler.W001, asks to rename them).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, int] = {
    # How long the lease lasts without renewal: a standby takes over this late.
    "SCHEDULER_LEASE_SECONDS": 60,
    # How often the active scheduler looks for edited schedules, at most.
    "SCHEDULER_POLL_SECONDS": 30,
    # How long run records are kept; failed ones (and lost, timed out) longer.
    "SCHEDULER_KEEP_DAYS": 90,
    "SCHEDULER_KEEP_FAILED_DAYS": 365,
}


def old_name(name: str) -> str:
    return f"CMS_{name}"


def get(name: str) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    return getattr(settings, old_name(name), DEFAULTS[name])


def lease_seconds() -> int:
    return get("SCHEDULER_LEASE_SECONDS")


def poll_seconds() -> int:
    return get("SCHEDULER_POLL_SECONDS")


def keep_days() -> int:
    return get("SCHEDULER_KEEP_DAYS")


def keep_failed_days() -> int:
    return get("SCHEDULER_KEEP_FAILED_DAYS")
