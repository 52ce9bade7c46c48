"""The database refuses a schedule that breaks its frequency's rules; if one gets
in anyway, the scheduler and the admin carry on around it."""

from datetime import timedelta

import time_machine
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse

from cms.scheduler.frequencies import Frequency
from cms.scheduler.health import job_states
from cms.scheduler.models import JobRun, JobSchedule
from tests.scheduler import jobs
from tests.scheduler.test_scheduler import make_scheduler
from tests.scheduler.utils import SchedulerTestCase, break_schedule, register_job, wib

BROKEN_JOB = "scheduler.prune_job_runs"


class ConstraintTest(TestCase):
    def test_the_database_refuses_rows_that_break_their_frequency(self):
        cases = [
            {"frequency": Frequency.WEEKLY, "weekday": None},
            {"frequency": Frequency.MONTHLY, "day": None},
            {"frequency": Frequency.MONTHLY, "day": 29},
            {"frequency": Frequency.MINUTES, "every": None},
            {"frequency": Frequency.MINUTES, "every": 1441},
            {"frequency": Frequency.SECONDS, "every": 0},
            {"frequency": Frequency.DAILY, "hour": 24},
            {"frequency": Frequency.HOURLY, "minute": 60},
            {"frequency": Frequency.DAILY, "weekday": 7},
            {"frequency": "yearly"},
        ]
        for fields in cases:
            with self.subTest(fields), self.assertRaises(IntegrityError):
                with transaction.atomic():
                    JobSchedule.objects.filter(name=BROKEN_JOB).update(**fields)

    def test_it_accepts_every_sound_row(self):
        JobSchedule.objects.filter(name=BROKEN_JOB).update(
            frequency=Frequency.WEEKLY, weekday=6, hour=23, minute=59, day=None
        )
        JobSchedule.objects.filter(name=BROKEN_JOB).update(
            frequency=Frequency.SECONDS, every=86400
        )


class BrokenRowTest(SchedulerTestCase):
    def setUp(self):
        jobs.calls.clear()
        travel = time_machine.travel(wib(2025, 3, 10, 9, 0, 30), tick=False)
        self.traveller = travel.start()
        self.addCleanup(travel.stop)
        register_job(self, jobs.counting_job(), created_at=wib(2025, 3, 1))
        break_schedule(self, BROKEN_JOB, frequency=Frequency.WEEKLY, weekday=None)

    def test_the_scheduler_skips_the_broken_job_and_fires_the_others(self):
        scheduler = make_scheduler(self, "only")
        with self.assertLogs("cms.scheduler", "ERROR") as logs:
            scheduler.tick()
        self.assertIn(
            f"Skipping job {BROKEN_JOB}: broken schedule", "\n".join(logs.output)
        )
        self.assertTrue(scheduler.active)
        self.assertIsNone(scheduler.next_run_time(BROKEN_JOB))
        self.assertEqual(
            scheduler.next_run_time(jobs.COUNTING_JOB), wib(2025, 3, 10, 9, 5)
        )
        self.traveller.shift(timedelta(minutes=4, seconds=30))
        scheduler.tick()
        scheduler.fire_due(jobs.COUNTING_JOB, now=wib(2025, 3, 10, 9, 5))
        # 09:00 (caught up on start) and 09:05 (on time) ran; the broken job never.
        self.assertEqual(
            sorted(
                JobRun.objects.filter(job=jobs.COUNTING_JOB).values_list(
                    "scheduled_for", flat=True
                )
            ),
            [wib(2025, 3, 10, 9, 0), wib(2025, 3, 10, 9, 5)],
        )
        self.assertEqual(jobs.calls, ["ran", "ran"])
        self.assertFalse(JobRun.objects.filter(job=BROKEN_JOB).exists())

    def test_the_broken_job_is_shown_broken_in_plain_words(self):
        state = next(s for s in job_states() if s.name == BROKEN_JOB)
        self.assertTrue(state.broken)
        self.assertIsNone(state.next_run)
        self.client.force_login(self.officer)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="scheduler-jobs-section"')
        self.assertContains(response, "Rusak")
        self.assertContains(response, "Jadwal ini rusak")
        # The other jobs are still listed with their next run.
        self.assertContains(response, "Menayangkan dan menurunkan halaman terjadwal")

    def test_the_listing_and_the_run_report_still_answer(self):
        JobRun.objects.create(job=BROKEN_JOB, scheduled_for=wib(2025, 3, 9, 2, 30))
        self.client.force_login(self.officer)
        listing = self.client.get(reverse("job_schedules:index"))
        self.assertContains(listing, "Jadwal rusak")
        self.assertEqual(
            self.client.get(reverse("scheduler:job_runs")).status_code, 200
        )
        schedule = JobSchedule.objects.get(name=BROKEN_JOB)
        edit = self.client.get(reverse("job_schedules:edit", args=[schedule.pk]))
        self.assertEqual(edit.status_code, 200)
