"""Closing runs that will never finish by themselves.

A run stays "enqueued" if its task never reached a worker (the queue row was
lost, the worker is gone) and "running" if the worker died mid-run. Such a run
would look busy forever; once it has been open longer than its job's declared
``max_duration`` it is closed as lost or timed out. Its due time stays recorded
(the job shows late until a later run succeeds) and the next due time fires as
usual.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from cms.scheduler.models import JobRun, Outcome
from cms.scheduler.recording import finish_run
from cms.scheduler.registry import registry

logger = logging.getLogger(__name__)

# For a run whose job is no longer declared.
DEFAULT_MAX_DURATION = timedelta(minutes=10)

LOST_ERROR = "The task never started within the job's maximum duration."
TIMED_OUT_ERROR = "The task did not finish within the job's maximum duration."


def close_stuck_runs(*, now: datetime | None = None) -> int:
    """Close runs open longer than their job's max_duration; return how many."""
    now = now or timezone.now()
    closed = 0
    for run in JobRun.objects.unfinished().only(
        "pk", "job", "outcome", "enqueued_at", "started_at"
    ):
        job = registry.get(run.job)
        limit = job.max_duration if job is not None else DEFAULT_MAX_DURATION
        if run.outcome == Outcome.RUNNING and run.started_at is not None:
            if now - run.started_at <= limit:
                continue
            outcome, error = Outcome.TIMED_OUT, TIMED_OUT_ERROR
        else:
            if now - run.enqueued_at <= limit:
                continue
            outcome, error = Outcome.LOST, LOST_ERROR
        if finish_run(
            run.pk,
            outcome=outcome,
            started_at=run.started_at,
            error=error,
            unless_changed_from=run.outcome,
        ):
            logger.warning("Closed run %s of job %s as %s", run.pk, run.job, outcome)
            closed += 1
    return closed
