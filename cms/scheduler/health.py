"""Each job's state (schedule in words, last run, next run, late or broken), for
the dashboard panel and the health endpoint.

A job is late when the last due time that should have finished by now (allowing
the schedule's grace to start and the job's declared max_duration to run) has no
successful run at or after it. A job created after that due time is not late.
A job whose schedule row breaks its frequency's rules is *broken*: it gets a
sentence instead of due times, and never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from cms.scheduler import lease, schedules
from cms.scheduler.models import JobRun, JobSchedule
from cms.scheduler.registry import PeriodicJob, registry


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
    problem: str | None = None

    @property
    def outcome(self) -> str | None:
        return self.last_run.outcome if self.last_run else None

    @property
    def broken(self) -> bool:
        return self.problem is not None


def is_late(
    schedule: JobSchedule,
    job: PeriodicJob,
    *,
    last_success: datetime | None,
    now: datetime,
) -> bool:
    if not schedule.enabled:
        return False
    expected = schedules.previous_due(schedule, now - schedule.grace - job.max_duration)
    if expected is None or expected < schedule.created_at:
        return False
    return last_success is None or last_success < expected


def job_states(*, now: datetime | None = None) -> list[JobState]:
    """The state of every registered job that has a schedule, by name.

    Three queries whatever the number of jobs and runs: the schedules, each
    job's last run (a window per job) and each job's last success.
    """
    now = now or timezone.now()
    states = []
    schedules_by_name = {s.name: s for s in JobSchedule.objects.all()}
    names = [job.name for job in registry if job.name in schedules_by_name]
    last_runs = {
        run.job: run
        for run in JobRun.objects.filter(job__in=names)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by="job",
                order_by=(F("enqueued_at").desc(), F("pk").desc()),
            )
        )
        .filter(rank=1)
        .select_related("requested_by")
    }
    last_successes = dict(
        JobRun.objects.filter(job__in=names)
        .succeeded()
        .values("job")
        .annotate(last=Max("scheduled_for"))
        .values_list("job", "last")
    )
    for job in registry:
        schedule = schedules_by_name.get(job.name)
        if schedule is None:
            continue
        problem = schedules.problem(schedule)
        if problem is None:
            next_run = schedules.next_due(schedule, now) if schedule.enabled else None
            late = is_late(
                schedule, job, last_success=last_successes.get(job.name), now=now
            )
        else:
            next_run, late = None, False
        states.append(
            JobState(
                name=job.name,
                label=str(job.label),
                schedule=schedule,
                words=schedules.describe(schedule),
                enabled=schedule.enabled,
                last_run=last_runs.get(job.name),
                next_run=next_run,
                late=late,
                problem=problem,
            )
        )
    return states


def late_jobs(*, now: datetime | None = None) -> list[JobState]:
    return [state for state in job_states(now=now) if state.late]


def broken_jobs(*, now: datetime | None = None) -> list[JobState]:
    return [state for state in job_states(now=now) if state.broken]


def scheduler_ever_started() -> bool:
    """True once some scheduler process has taken the lease on this database."""
    return lease.ever_taken()


def scheduler_running(*, now: datetime | None = None) -> bool:
    """True if some scheduler process holds an unexpired lease."""
    return lease.current_holder(now=now) is not None
