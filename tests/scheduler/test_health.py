from datetime import timedelta

from django.test import TestCase

from cms.scheduler.health import job_states, late_jobs
from cms.scheduler.models import JobRun, JobSchedule, Outcome
from tests.scheduler import jobs
from tests.scheduler.utils import register_job, wib

NOW = wib(2025, 3, 10, 9, 0, 30)


class JobStatesTest(TestCase):
    def setUp(self):
        # Every 5 minutes, grace 10, max duration 5: late once the 08:40 run
        # (which should have finished by 08:55... plus grace) has not succeeded.
        register_job(self, jobs.counting_job(), created_at=wib(2025, 3, 1))

    def state(self):
        return next(s for s in job_states(now=NOW) if s.name == jobs.COUNTING_JOB)

    def test_every_registered_job_has_a_state(self):
        names = {state.name for state in job_states(now=NOW)}
        self.assertLessEqual(
            {
                "wagtail.publish_scheduled",
                "scheduler.prune_job_runs",
                jobs.COUNTING_JOB,
            },
            names,
        )

    def test_a_job_that_has_never_succeeded_since_it_was_due_is_late(self):
        state = self.state()
        self.assertTrue(state.late)
        self.assertIsNone(state.last_run)
        self.assertEqual(state.next_run, wib(2025, 3, 10, 9, 5))
        self.assertIn(jobs.COUNTING_JOB, [s.name for s in late_jobs(now=NOW)])

    def test_a_job_with_a_recent_success_is_not_late(self):
        JobRun.objects.create(
            job=jobs.COUNTING_JOB,
            scheduled_for=wib(2025, 3, 10, 8, 45),
            outcome=Outcome.SUCCEEDED,
        )
        self.assertFalse(self.state().late)

    def test_a_failure_after_the_last_success_makes_it_late_in_time(self):
        JobRun.objects.create(
            job=jobs.COUNTING_JOB,
            scheduled_for=wib(2025, 3, 10, 8, 40),
            outcome=Outcome.SUCCEEDED,
        )
        JobRun.objects.create(
            job=jobs.COUNTING_JOB,
            scheduled_for=wib(2025, 3, 10, 8, 45),
            outcome=Outcome.FAILED,
            error="RuntimeError: boom",
        )
        state = self.state()
        self.assertTrue(state.late)
        self.assertEqual(state.outcome, Outcome.FAILED)

    def test_a_new_or_disabled_job_is_not_late(self):
        JobSchedule.objects.filter(name=jobs.COUNTING_JOB).update(
            created_at=NOW - timedelta(minutes=1)
        )
        self.assertFalse(self.state().late)
        JobSchedule.objects.filter(name=jobs.COUNTING_JOB).update(
            created_at=wib(2025, 3, 1), enabled=False
        )
        state = self.state()
        self.assertFalse(state.late)
        self.assertIsNone(state.next_run)


class JobStatesQueriesTest(TestCase):
    """The dashboard's job panel reads every job's state in three queries."""

    def setUp(self):
        register_job(self, jobs.counting_job(), created_at=wib(2025, 3, 1))

    def add_runs(self, count):
        names = [s.name for s in JobSchedule.objects.all()]
        JobRun.objects.bulk_create(
            JobRun(
                job=name,
                scheduled_for=wib(2025, 3, 9) + timedelta(minutes=5 * i),
                outcome=Outcome.SUCCEEDED if i % 2 else Outcome.FAILED,
            )
            for name in names
            for i in range(len(JobRun.objects.filter(job=name)), count)
        )

    def test_the_query_count_does_not_grow_with_jobs_or_runs(self):
        self.add_runs(3)
        with self.assertNumQueries(3):
            few = job_states(now=NOW)
        self.add_runs(30)
        with self.assertNumQueries(3):
            many = job_states(now=NOW)
        self.assertEqual(len(few), len(many))
        last = next(s for s in many if s.name == jobs.COUNTING_JOB).last_run
        # The newest run of the job, as the panel shows it.
        self.assertEqual(last.scheduled_for, wib(2025, 3, 9) + timedelta(minutes=145))
        self.assertEqual(last.outcome, Outcome.SUCCEEDED)
