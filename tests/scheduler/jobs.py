"""Jobs used only by the tests: registered in a test, unregistered after it."""

from __future__ import annotations

from datetime import timedelta

from cms.scheduler.registry import Every, PeriodicJob, recorded_task

FAILING_JOB = "tests.failing"
COUNTING_JOB = "tests.counting"
calls: list[str] = []


@recorded_task()
def failing_task() -> None:
    raise RuntimeError(
        "Upload failed for postgres://backup:s3cr3t-pass@db.example/bkp password=hunter2"
    )


@recorded_task()
def counting_task() -> int:
    calls.append("ran")
    return len(calls)


def failing_job() -> PeriodicJob:
    return PeriodicJob(
        name=FAILING_JOB,
        task=failing_task,
        default=Every(minutes=5),
        label="Failing test job",
        grace=timedelta(minutes=10),
    )


def counting_job() -> PeriodicJob:
    return PeriodicJob(
        name=COUNTING_JOB,
        task=counting_task,
        default=Every(minutes=5),
        label="Counting test job",
        grace=timedelta(minutes=10),
        max_duration=timedelta(minutes=5),
    )
