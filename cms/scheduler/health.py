"""Each job's state (schedule in words, last run, next run, late or not), for the
dashboard panel and the health endpoint.

A job is late when the last due time that should have finished by now (allowing
the schedule's grace to start and the job's declared max_duration to run) has no
successful run at or after it. A job created after that due time is not late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from cms.models import JobRun, JobSchedule
from cms.scheduler import lease
from cms.scheduler.registry import PeriodicJob, registry
from cms.scheduler.schedules import describe


@dataclass(frozen=True)
class JobState:
    name: str
    label: str
    schedule: JobSchedule
    words: str
    enabled: bool
    last_run: JobRun | None
    next_run: datetime | None
    late: bool

    @property
    def outcome(self) -> str | None:
        return self.last_run.outcome if self.last_run else None


def is_late(
    schedule: JobSchedule,
    job: PeriodicJob,
    *,
    last_success: datetime | None,
    now: datetime,
) -> bool:
    if not schedule.enabled:
        return False
    expected = schedule.previous_due(now - schedule.grace - job.max_duration)
    if expected is None or expected < schedule.created_at:
        return False
    return last_success is None or last_success < expected


def job_states(*, now: datetime | None = None) -> list[JobState]:
    """The state of every registered job that has a schedule, by name."""
    now = now or timezone.now()
    states = []
    schedules = {s.name: s for s in JobSchedule.objects.all()}
    for job in registry:
        schedule = schedules.get(job.name)
        if schedule is None:
            continue
        runs = JobRun.objects.filter(job=job.name).select_related("requested_by")
        last_run = runs.order_by("-enqueued_at", "-pk").first()
        last_success = (
            runs.succeeded()
            .order_by("-scheduled_for")
            .values_list("scheduled_for", flat=True)
            .first()
        )
        states.append(
            JobState(
                name=job.name,
                label=str(job.label),
                schedule=schedule,
                words=describe(schedule),
                enabled=schedule.enabled,
                last_run=last_run,
                next_run=schedule.next_due(now) if schedule.enabled else None,
                late=is_late(schedule, job, last_success=last_success, now=now),
            )
        )
    return states


def late_jobs(*, now: datetime | None = None) -> list[JobState]:
    return [state for state in job_states(now=now) if state.late]


def scheduler_running(*, now: datetime | None = None) -> bool:
    """True if some scheduler process holds an unexpired lease."""
    return lease.current_holder(now=now) is not None
