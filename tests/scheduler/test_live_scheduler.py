"""The scheduler and the task worker as real processes against the test database."""

from __future__ import annotations

import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from cms.scheduler import lease
from cms.scheduler.models import Frequency, JobRun, JobSchedule, Outcome, Trigger
from tests.live import LiveTestCase, children, start_scheduler, start_worker, wait_for
from tests.scheduler.crash import EXIT_CODE
from tests.scheduler.utils import break_schedule

JOB = "wagtail.publish_scheduled"
OTHER_JOB = "scheduler.prune_job_runs"


def set_schedule(**fields) -> None:
    # created_at "now" so nothing before the test counts as missed.
    JobSchedule.objects.filter(name=JOB).update(
        created_at=timezone.now(), updated_at=timezone.now(), **fields
    )
    JobSchedule.objects.exclude(name=JOB).update(enabled=False)


def scheduled_fires() -> list:
    return list(
        JobRun.objects.filter(job=JOB)
        .order_by("scheduled_for")
        .values_list("scheduled_for", flat=True)
    )


@pytest.mark.slow
class LiveSchedulerTest(LiveTestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="cms-live-"))

    def scheduler(self, name: str, lease: str = "3", **env: str):
        return start_scheduler(
            self.tmp,
            "--lease-seconds",
            lease,
            "--poll-seconds",
            "1",
            "--holder-id",
            name,
            name=name,
            **env,
        )

    def test_two_schedulers_fire_each_due_time_once(self):
        set_schedule(frequency=Frequency.SECONDS, every=2)
        with children(self.scheduler("one"), self.scheduler("two")) as (one, two):
            wait_for(lambda: len(scheduled_fires()) >= 4, timeout=30)
            holder = lease.current_holder()
            outputs = {"one": one.output(), "two": two.output()}
        # Exactly one of them became active, and it is the one holding the lease.
        active = [name for name, out in outputs.items() if "is active" in out]
        self.assertEqual(active, [holder], outputs)
        standby = "two" if holder == "one" else "one"
        self.assertIn("waiting for the lease", outputs[standby])
        # Stopped with SIGTERM, the active scheduler gave the lease back (the
        # standby may take it over in the moment before it is stopped in turn).
        self.assertIsNone(lease.current_holder())
        stopped = {"one": one.log_path.read_text(), "two": two.log_path.read_text()}
        self.assertIn("released the lease", stopped[holder])
        fires = scheduled_fires()
        gaps = {b - a for a, b in zip(fires, fires[1:], strict=False)}
        self.assertEqual(gaps, {timedelta(seconds=2)}, fires)
        # One task enqueued per fire: nothing was enqueued twice.
        self.assertEqual(DBTaskResult.objects.count(), len(fires))

    def test_the_standby_takes_over_when_the_holder_is_killed(self):
        set_schedule(frequency=Frequency.SECONDS, every=2, grace_minutes=1)
        with children(self.scheduler("one")) as (one,):
            wait_for(lambda: "is active" in one.output(), timeout=20)
            with children(self.scheduler("two")) as (two,):
                wait_for(lambda: len(scheduled_fires()) >= 2, timeout=20)
                one.kill()  # kill -9: the lease is not released
                killed_at = time.monotonic()
                killed_wall = timezone.now()
                wait_for(lambda: "is active" in two.output(), timeout=10)
                took_over_after = time.monotonic() - killed_at
                fired_before = len(scheduled_fires())
                wait_for(lambda: len(scheduled_fires()) >= fired_before + 2, timeout=10)
        self.assertLess(took_over_after, 3 + 1.5)  # the lease time, plus start-up slack
        fires = scheduled_fires()
        self.assertEqual(len(fires), len(set(fires)))
        self.assertEqual(DBTaskResult.objects.count(), len(fires))
        # The lease outlives the kill by more than one period (3 s > 2 s), so at
        # least one due time was missed: of those, only the last ran, late.
        late = JobRun.objects.filter(trigger=Trigger.LATE, enqueued_at__gt=killed_wall)
        self.assertEqual(late.count(), 1, fires)

    def test_a_page_scheduled_to_go_live_is_published_by_scheduler_and_worker(self):
        set_schedule(frequency=Frequency.MINUTES, every=1)
        home = Page.objects.filter(depth=2).first()
        page = home.add_child(
            instance=Page(title="Pengumuman", slug="pengumuman", live=False)
        )
        page.go_live_at = timezone.now() + timedelta(seconds=1)
        page.save_revision().publish()
        page.refresh_from_db()
        self.assertFalse(page.live)

        with children(self.scheduler("one"), start_worker(self.tmp)) as (
            scheduler,
            worker,
        ):
            wait_for(
                lambda: Page.objects.get(pk=page.pk).live,
                timeout=75,
                interval=0.5,
                message=lambda: scheduler.output() + worker.output(),
            )
        run = JobRun.objects.get(job=JOB)
        # A minute boundary that passes while the scheduler is still starting is
        # caught up at once (and marked late); either way it is that due time.
        self.assertIn(run.trigger, {Trigger.SCHEDULE, Trigger.LATE})
        self.assertEqual(run.scheduled_for.second, 0)
        wait_for(
            lambda: JobRun.objects.get(pk=run.pk).outcome == "succeeded", timeout=5
        )

    def test_a_crash_between_recording_and_queueing_loses_no_due_time(self):
        # Every 20 s, so the restart (lease 2 s plus start-up) lands before the
        # next due time and catch-up sees the crashed one as the one missed.
        set_schedule(frequency=Frequency.SECONDS, every=20, grace_minutes=1)
        crashing = self.scheduler(
            "crashing", "2", SCHEDULER_TEST_CRASH_BEFORE_ENQUEUE="1"
        )
        with children(crashing):
            wait_for(lambda: crashing.proc.poll() is not None, timeout=40)
        self.assertEqual(crashing.proc.returncode, EXIT_CODE, crashing.output())
        self.assertIn(f"crash: run {JOB} due", crashing.output())
        # Nothing of the fire was committed: no run row, no task.
        self.assertEqual(scheduled_fires(), [])
        self.assertEqual(DBTaskResult.objects.count(), 0)
        crashed_due = crashing.output().split(f"crash: run {JOB} due ")[1].split()[0]

        with children(self.scheduler("restarted", "2"), start_worker(self.tmp)) as (
            scheduler,
            worker,
        ):
            run = wait_for(
                lambda: JobRun.objects.filter(
                    job=JOB, outcome=Outcome.SUCCEEDED
                ).first(),
                timeout=20,
                message=lambda: scheduler.output() + worker.output(),
            )
        self.assertEqual(run.scheduled_for, datetime.fromisoformat(crashed_due))
        self.assertEqual(run.trigger, Trigger.LATE)
        self.assertEqual(
            JobRun.objects.filter(job=JOB, scheduled_for=run.scheduled_for).count(), 1
        )
        self.assertEqual(
            DBTaskResult.objects.filter(args_kwargs__kwargs__run_id=run.pk).count(), 1
        )

    def test_a_broken_schedule_leaves_the_other_jobs_firing(self):
        set_schedule(frequency=Frequency.SECONDS, every=1)
        JobSchedule.objects.filter(name=OTHER_JOB).update(enabled=True)
        break_schedule(self, OTHER_JOB, frequency=Frequency.WEEKLY, weekday=None)
        with children(self.scheduler("one")) as (one,):
            wait_for(
                lambda: len(scheduled_fires()) >= 3,
                timeout=20,
                message=lambda: one.output(),
            )
            self.assertIsNone(one.proc.poll(), one.output())
        self.assertIn(f"Skipping job {OTHER_JOB}: broken schedule", one.output())
        self.assertFalse(JobRun.objects.filter(job=OTHER_JOB).exists())
