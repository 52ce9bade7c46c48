"""Recording a job's run as the worker executes it.

The admin shows a short error (exception type and first line of its message,
with anything that looks like a credential masked); the full traceback goes to
the log only, never into the database.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from cms.scheduler.models import JobRun, Outcome

logger = logging.getLogger(__name__)

ERROR_MAX_LENGTH = 300

_SECRETS = [
    # scheme://user:password@host
    (re.compile(r"(\w+://[^:/\s]+:)[^@\s]+@"), r"\1***@"),
    # password=..., token: ..., secret=..., key=...
    (
        re.compile(
            r"(?i)\b(password|passwd|pwd|secret|token|api[_-]?key|key)\b(\s*[=:]\s*)\S+"
        ),
        r"\1\2***",
    ),
]


def short_error(exc: BaseException) -> str:
    """One line saying what went wrong, safe to show in the admin."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    for pattern, replacement in _SECRETS:
        message = pattern.sub(replacement, message)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    if len(text) > ERROR_MAX_LENGTH:
        text = text[: ERROR_MAX_LENGTH - 1] + "…"
    return text


def finish_run(
    run_id: int,
    *,
    outcome: str,
    started_at: datetime | None,
    error: str = "",
    unless_changed_from: str | None = None,
) -> bool:
    """Close run ``run_id`` with its outcome: the one place a run is finished.

    With ``unless_changed_from``, only a run still in that outcome is closed (a
    sort of optimistic lock against a worker that picks the run up meanwhile).
    """
    finished_at = timezone.now()
    runs = JobRun.objects.filter(pk=run_id)
    if unless_changed_from is not None:
        runs = runs.filter(outcome=unless_changed_from)
    # The run's new state and its audit event commit together, or not at all.
    with transaction.atomic():
        closed = runs.update(
            finished_at=finished_at,
            duration=finished_at - started_at if started_at else None,
            outcome=outcome,
            error=error,
        )
        if closed:
            run = JobRun.objects.select_related("requested_by").get(pk=run_id)
            record(
                "scheduler.run_finished"
                if outcome == Outcome.SUCCEEDED
                else "scheduler.run_failed",
                actor=run.requested_by or f"system:{run.job}",
                obj=run,
                details={
                    "job": run.job,
                    "trigger": run.trigger,
                    "scheduled_for": run.scheduled_for,
                    "outcome": outcome,
                    "duration_seconds": run.duration_seconds,
                    "error": error,
                },
            )
    return bool(closed)


def record_run(run_id: int | None, func: Callable[[], Any]) -> Any:
    """Run ``func``, recording start, end, duration and outcome on JobRun ``run_id``."""
    started_at = timezone.now()
    if run_id is not None:
        JobRun.objects.filter(pk=run_id).update(
            started_at=started_at, outcome=Outcome.RUNNING
        )
    try:
        result = func()
    except Exception as exc:
        logger.exception("Periodic job run %s failed", run_id)
        if run_id is not None:
            finish_run(
                run_id,
                outcome=Outcome.FAILED,
                started_at=started_at,
                error=short_error(exc),
            )
        raise
    if run_id is not None:
        finish_run(run_id, outcome=Outcome.SUCCEEDED, started_at=started_at)
    return result
