from datetime import timedelta

import time_machine
from django.test import TestCase
from django.urls import reverse

from cms.scheduler.loop import Scheduler
from cms.scheduler.models import Frequency, JobRun, JobSchedule, Trigger
from tests.scheduler import jobs
from tests.scheduler.utils import SchedulerTestCase, register_job, wib


def make_scheduler(testcase, holder: str) -> Scheduler:
    scheduler = Scheduler(holder=holder, lease_seconds=60, poll_seconds=30)
    scheduler.start(paused=True)  # jobs get next run times but never fire by themselves
    testcase.addCleanup(scheduler.shutdown)
    return scheduler


class TwoSchedulersTest(TestCase):
    def setUp(self):
        jobs.calls.clear()
        travel = time_machine.travel(wib(2025, 3, 10, 9, 0, 30), tick=False)
        self.traveller = travel.start()
        self.addCleanup(travel.stop)
        register_job(self, jobs.counting_job(), created_at=wib(2025, 3, 10, 9, 0, 10))

    def test_two_schedulers_fire_a_due_job_once(self):
        first = make_scheduler(self, "first")
        second = make_scheduler(self, "second")
        first.tick()
        second.tick()
        self.assertTrue(first.active)
        self.assertFalse(second.active)
        self.assertIsNotNone(first.next_run_time(jobs.COUNTING_JOB))
        self.assertIsNone(second.next_run_time(jobs.COUNTING_JOB))

        self.traveller.shift(timedelta(minutes=4, seconds=30))  # 09:05:00, due
        first.tick()
        second.tick()
        with self.captureOnCommitCallbacks(execute=True):
            first.fire_due(jobs.COUNTING_JOB, now=wib(2025, 3, 10, 9, 5, 0))
            second.fire_due(jobs.COUNTING_JOB, now=wib(2025, 3, 10, 9, 5, 0))

        run = JobRun.objects.get(job=jobs.COUNTING_JOB)
        self.assertEqual(run.scheduled_for, wib(2025, 3, 10, 9, 5))
        self.assertEqual(run.outcome, "succeeded")
        self.assertEqual(jobs.calls, ["ran"])

    def test_a_double_fire_around_a_takeover_enqueues_once(self):
        first = make_scheduler(self, "first")
        first.tick()
        self.traveller.shift(timedelta(minutes=4, seconds=30))
        first.tick()
        with self.captureOnCommitCallbacks(execute=True):
            first.fire_due(jobs.COUNTING_JOB, now=wib(2025, 3, 10, 9, 5, 0))
        # The first scheduler stalls past its lease; the second takes over and
        # catches up; then the first wakes up and fires the same due time.
        self.traveller.shift(timedelta(seconds=61))
        second = make_scheduler(self, "second")
        with self.captureOnCommitCallbacks(execute=True):
            second.tick()
            first.fire_due(jobs.COUNTING_JOB, now=wib(2025, 3, 10, 9, 5, 0))
        self.assertTrue(second.active)
        self.assertEqual(JobRun.objects.filter(job=jobs.COUNTING_JOB).count(), 1)
        self.assertEqual(jobs.calls, ["ran"])

    def test_the_holder_gives_way_when_it_loses_the_lease(self):
        first = make_scheduler(self, "first")
        first.tick()
        self.traveller.shift(timedelta(seconds=61))
        second = make_scheduler(self, "second")
        second.tick()
        first.tick()
        self.assertTrue(second.active)
        self.assertFalse(first.active)
        self.assertIsNone(first.next_run_time(jobs.COUNTING_JOB))


class CatchUpTest(TestCase):
    def setUp(self):
        jobs.calls.clear()
        register_job(
            self,
            jobs.counting_job(),
            frequency=Frequency.DAILY,
            hour=2,
            minute=0,
            grace_minutes=30,
            created_at=wib(2025, 1, 1),
        )
        JobRun.objects.create(
            job=jobs.COUNTING_JOB,
            scheduled_for=wib(2025, 3, 9, 2, 0),
            outcome="succeeded",
        )

    def start_at(self, when):
        with time_machine.travel(when, tick=False):
            scheduler = make_scheduler(self, f"at-{when:%H%M}")
            with self.captureOnCommitCallbacks(execute=True):
                scheduler.tick()
            scheduler.shutdown()

    def test_a_job_missed_while_down_runs_once_on_restart_marked_late(self):
        self.start_at(wib(2025, 3, 10, 2, 20))
        self.start_at(wib(2025, 3, 10, 2, 25))  # restarted again: nothing more

        late = JobRun.objects.get(job=jobs.COUNTING_JOB, trigger=Trigger.LATE)
        self.assertEqual(late.scheduled_for, wib(2025, 3, 10, 2, 0))
        self.assertEqual(late.outcome, "succeeded")
        self.assertEqual(jobs.calls, ["ran"])

    def test_a_job_missed_beyond_its_grace_is_not_run(self):
        self.start_at(wib(2025, 3, 10, 2, 31))
        self.assertFalse(JobRun.objects.filter(trigger=Trigger.LATE).exists())
        self.assertEqual(jobs.calls, [])

    def test_a_job_created_after_its_due_time_is_not_caught_up(self):
        JobSchedule.objects.filter(name=jobs.COUNTING_JOB).update(
            created_at=wib(2025, 3, 10, 2, 10)
        )
        self.start_at(wib(2025, 3, 10, 2, 20))
        self.assertEqual(jobs.calls, [])

    def test_a_disabled_job_is_not_caught_up(self):
        JobSchedule.objects.filter(name=jobs.COUNTING_JOB).update(enabled=False)
        self.start_at(wib(2025, 3, 10, 2, 20))
        self.assertEqual(jobs.calls, [])


class AdminEditReschedulesTest(SchedulerTestCase):
    def test_an_admin_edit_changes_the_next_fire_time_without_restart(self):
        schedule = register_job(self, jobs.counting_job())
        with time_machine.travel(wib(2025, 3, 10, 9, 1), tick=False) as traveller:
            scheduler = make_scheduler(self, "only")
            scheduler.tick()
            self.assertEqual(
                scheduler.next_run_time(jobs.COUNTING_JOB), wib(2025, 3, 10, 9, 5)
            )

            traveller.shift(timedelta(seconds=5))
            self.client.force_login(self.officer)
            response = self.client.post(
                reverse("job_schedules:edit", args=[schedule.pk]),
                {
                    "frequency": "daily",
                    "hour": "2",
                    "minute": "30",
                    "enabled": "on",
                    "grace_minutes": "10",
                },
            )
            self.assertEqual(response.status_code, 302)

            traveller.shift(timedelta(seconds=20))
            scheduler.tick()  # the scheduler's next poll
            self.assertEqual(
                scheduler.next_run_time(jobs.COUNTING_JOB), wib(2025, 3, 11, 2, 30)
            )

    def test_disabling_a_job_removes_it_from_the_scheduler(self):
        register_job(self, jobs.counting_job())
        with time_machine.travel(wib(2025, 3, 10, 9, 1), tick=False) as traveller:
            scheduler = make_scheduler(self, "only")
            scheduler.tick()
            traveller.shift(timedelta(seconds=5))
            schedule = JobSchedule.objects.get(name=jobs.COUNTING_JOB)
            schedule.enabled = False
            schedule.save()
            scheduler.tick()
            self.assertIsNone(scheduler.next_run_time(jobs.COUNTING_JOB))
