"""Periodic work of monitoring, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from audit.monitoring import availability, history, linkcheck
from cms.scheduler.registry import Daily, Every, periodic


@periodic(
    name="monitoring.probe",
    default=Every(minutes=5),
    label=_("Probe the public website"),
    grace=timedelta(minutes=4),
    max_duration=timedelta(minutes=4),
)
def probe_task() -> None:
    availability.run_probes()


@periodic(
    name="monitoring.fold_days",
    default=Daily(hour=0, minute=20),
    label=_("Summarise yesterday's probes"),
    grace=timedelta(hours=6),
)
def fold_days_task() -> None:
    history.fold_days()


@periodic(
    name="monitoring.check_links",
    default=Daily(hour=3, minute=30),
    label=_("Check the links of the public website"),
    grace=timedelta(hours=3),
    max_duration=timedelta(hours=2),
)
def check_links_task() -> None:
    linkcheck.check_links()
