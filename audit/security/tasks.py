"""Periodic work of visitor activity, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from audit.security import detection, logins, traffic
from audit.security.housekeeping import prune_aggregates
from cms.scheduler.registry import Daily, Every, periodic


@periodic(
    name="security.flush",
    default=Every(minutes=5),
    label=_("Store counted security signals and traffic"),
    grace=timedelta(minutes=4),
    max_duration=timedelta(minutes=4),
)
def flush_counts_task() -> None:
    """Drain the cache's counters into signal and traffic rows."""
    detection.flush_signals()
    traffic.flush_traffic()


@periodic(
    name="security.prune",
    default=Daily(hour=3, minute=30),
    label=_("Prune old login attempts and visitor aggregates"),
    max_duration=timedelta(minutes=30),
)
def prune_task() -> None:
    logins.prune_attempts()
    prune_aggregates()
