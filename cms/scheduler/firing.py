"""Firing a job: record the due time and enqueue the job's task, in one transaction.

The JobRun row and the task both go into the database in one transaction
(django-tasks-db's backend writes its queue row with a plain INSERT on the same
connection), so a crash between the two loses neither alone: either the due time
is recorded *and* queued, or nothing is, and catch-up fires it on restart. The
unique (job, scheduled_for) constraint turns a second fire of the same due time
(two schedulers around a takeover) into an IntegrityError: only one enqueues.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.scheduler import schedules
from cms.scheduler.models import JobRun, JobSchedule, Outcome, Trigger
from cms.scheduler.registry import registry

logger = logging.getLogger(__name__)


def seed_schedules() -> int:
    """Create a schedule with its job's default for every registered job lacking one."""
    existing = set(JobSchedule.objects.values_list("name", flat=True))
    created = 0
    for job in registry:
        if job.name in existing:
            continue
        try:
            with transaction.atomic():
                JobSchedule.objects.create(
                    name=job.name,
                    grace_minutes=int(job.grace.total_seconds() // 60),
                    **job.default.as_fields(),
                )
            created += 1
        except IntegrityError:
            pass  # a concurrent seeder won
    return created


def _enqueue(run: JobRun) -> None:
    """Queue ``run``'s task inside the caller's transaction."""
    job = registry.get(run.job)
    try:
        with transaction.atomic():
            result = job.task.enqueue(run_id=run.pk)
    except Exception:
        logger.exception("Could not enqueue job %s (run %s)", run.job, run.pk)
        JobRun.objects.filter(pk=run.pk).update(
            outcome=Outcome.FAILED, error="The task could not be enqueued."
        )
        return
    JobRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id)[:64])


def fire(
    name: str,
    scheduled_for: datetime,
    *,
    trigger: str = Trigger.SCHEDULE,
    user=None,
) -> JobRun | None:
    """Record and enqueue one run of ``name``; None if that due time already fired."""
    if name not in registry:
        logger.warning("Not firing %s: no such job is registered", name)
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = JobRun.objects.create(
                    job=name,
                    scheduled_for=scheduled_for,
                    trigger=trigger,
                    requested_by=user,
                    enqueued_at=timezone.now(),
                )
        except IntegrityError:
            logger.info("Job %s due at %s has already fired", name, scheduled_for)
            return None
        _enqueue(run)
    return run


def run_now(name: str, *, user) -> JobRun | None:
    """Fire ``name`` at once on an officer's request, recorded as theirs."""
    return fire(name, timezone.now(), trigger=Trigger.RUN_NOW, user=user)


def missed_due_time(schedule: JobSchedule, now: datetime) -> datetime | None:
    """The due time to catch up for ``schedule``, or None if nothing was missed.

    A due time is missed if it is the last one at or before ``now``, came after
    the schedule existed and after the job's last scheduled fire, and is no older
    than the schedule's grace.
    """
    if not schedule.enabled or schedule.name not in registry:
        return None
    due = schedules.previous_due(schedule, now)
    if due is None or due < schedule.created_at or now - due > schedule.grace:
        return None
    last = (
        JobRun.objects.fired_by_schedule()
        .filter(job=schedule.name)
        .order_by("-scheduled_for")
        .values_list("scheduled_for", flat=True)
        .first()
    )
    if last is not None and last >= due:
        return None
    return due


def catch_up(*, now: datetime | None = None) -> list[JobRun]:
    """Fire, once and marked late, every job whose last due time was missed.

    A broken schedule is logged and skipped: it never stops the others.
    """
    now = now or timezone.now()
    runs = []
    for schedule in JobSchedule.objects.filter(enabled=True):
        try:
            due = missed_due_time(schedule, now)
        except schedules.BadSchedule as err:
            logger.error("Skipping job %s: broken schedule (%s)", schedule.name, err)
            continue
        if due is not None:
            run = fire(schedule.name, due, trigger=Trigger.LATE)
            if run is not None:
                logger.warning(
                    "Job %s missed its run at %s: running it late", run.job, due
                )
                runs.append(run)
    return runs
