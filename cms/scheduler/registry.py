"""The one place periodic jobs are declared.

An app declares a job next to its tasks, in its ``tasks.py``::

    @periodic(
        name="wagtail.publish_scheduled",
        default=Every(minutes=5),
        label=_("Publish scheduled pages"),
    )
    def publish_scheduled_task() -> None: ...

``periodic`` turns the function into a django-tasks ``Task`` that takes the id of
its ``JobRun`` (so the run is recorded wherever the worker runs it) and adds the
job to :data:`registry`. The registry is filled by importing every installed
app's ``tasks`` module (``registry.autodiscover()``, called from
``SchedulerConfig.ready``). The registry knows jobs by name; it reads no model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Case, CharField, F, Value, When
from django.utils.module_loading import autodiscover_modules
from django_tasks import task
from django_tasks.base import Task

from cms.scheduler.frequencies import FIELDS, Frequency
from cms.scheduler.recording import record_run


@dataclass(frozen=True)
class ScheduleSpec:
    """A job's default schedule, in the same terms as a JobSchedule row."""

    frequency: str
    every: int | None = None
    minute: int = 0
    hour: int = 0
    weekday: int | None = None
    day: int | None = None

    def as_fields(self) -> dict[str, Any]:
        return {
            "frequency": self.frequency,
            **{name: getattr(self, name) for name in FIELDS},
        }


def Every(*, minutes: int = 0, seconds: int = 0) -> ScheduleSpec:  # noqa: N802
    """Every N minutes (or, for tests and benchmarks only, every N seconds)."""
    if seconds:
        return ScheduleSpec(Frequency.SECONDS, every=seconds)
    return ScheduleSpec(Frequency.MINUTES, every=minutes)


def Hourly(*, minute: int = 0) -> ScheduleSpec:  # noqa: N802
    return ScheduleSpec(Frequency.HOURLY, minute=minute)


def Daily(*, hour: int, minute: int = 0) -> ScheduleSpec:  # noqa: N802
    return ScheduleSpec(Frequency.DAILY, hour=hour, minute=minute)


def Weekly(*, weekday: int, hour: int, minute: int = 0) -> ScheduleSpec:  # noqa: N802
    return ScheduleSpec(Frequency.WEEKLY, weekday=weekday, hour=hour, minute=minute)


def Monthly(*, day: int, hour: int, minute: int = 0) -> ScheduleSpec:  # noqa: N802
    return ScheduleSpec(Frequency.MONTHLY, day=day, hour=hour, minute=minute)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task
    default: ScheduleSpec
    label: Any  # a lazy translation
    grace: timedelta = timedelta(minutes=10)
    max_duration: timedelta = timedelta(minutes=10)


@dataclass
class JobRegistry:
    _jobs: dict[str, PeriodicJob] = field(default_factory=dict)

    def register(self, job: PeriodicJob) -> None:
        existing = self._jobs.get(job.name)
        if existing is not None and existing.task.module_path != job.task.module_path:
            raise ValueError(f"Two periodic jobs are named {job.name!r}.")
        self._jobs[job.name] = job

    def unregister(self, name: str) -> None:
        self._jobs.pop(name, None)

    def get(self, name: str) -> PeriodicJob | None:
        return self._jobs.get(name)

    def __iter__(self) -> Iterator[PeriodicJob]:
        return iter(sorted(self._jobs.values(), key=lambda job: job.name))

    def __contains__(self, name: object) -> bool:
        return name in self._jobs

    def choices(self) -> list[tuple[str, str]]:
        return [(job.name, str(job.label)) for job in self]

    def label(self, name: str) -> str:
        """The job's label in the active language, or its name if it is not declared."""
        job = self.get(name)
        return str(job.label) if job is not None else name

    def label_expression(self, field: str = "job") -> Case:
        """Each row's job label, computed by the database (for listings and exports)."""
        return Case(
            *[When(**{field: job.name}, then=Value(str(job.label))) for job in self],
            default=F(field),
            output_field=CharField(),
        )

    def autodiscover(self) -> None:
        autodiscover_modules("tasks")


registry = JobRegistry()


def recorded_task(**task_options: Any) -> Callable[[Callable[[], Any]], Task]:
    """Make ``func`` a task that takes a JobRun id and records the run around it."""

    def decorator(func: Callable[[], Any]) -> Task:
        @functools.wraps(func)
        def run(run_id: int | None = None) -> Any:
            return record_run(run_id, func)

        return task(**task_options)(run)

    return decorator


def periodic(
    *,
    name: str,
    default: ScheduleSpec,
    label: Any,
    grace: timedelta = timedelta(minutes=10),
    max_duration: timedelta = timedelta(minutes=10),
    **task_options: Any,
) -> Callable[[Callable[[], Any]], Task]:
    """Declare ``func`` as the periodic job ``name`` and return its task."""

    def decorator(func: Callable[[], Any]) -> Task:
        job_task = recorded_task(**task_options)(func)
        registry.register(
            PeriodicJob(
                name=name,
                task=job_task,
                default=default,
                label=label,
                grace=grace,
                max_duration=max_duration,
            )
        )
        return job_task

    return decorator
