"""Pruning old run records: failures (failed, lost, timed out) are kept longer."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from cms.scheduler import conf
from cms.scheduler.models import JobRun, Outcome

FAILURES = (Outcome.FAILED, Outcome.LOST, Outcome.TIMED_OUT)


def prune_runs(
    *,
    now: datetime | None = None,
    keep_days: int | None = None,
    keep_failed_days: int | None = None,
) -> int:
    """Delete run records past their keeping time; return how many went."""
    now = now or timezone.now()
    keep = timedelta(days=keep_days or conf.keep_days())
    keep_failed = timedelta(days=keep_failed_days or conf.keep_failed_days())
    runs = JobRun.objects.all()
    deleted, _ = runs.exclude(outcome__in=FAILURES).older_than(now - keep).delete()
    deleted_failed, _ = (
        runs.filter(outcome__in=FAILURES).older_than(now - keep_failed).delete()
    )
    return deleted + deleted_failed
