from datetime import timedelta

import time_machine
from django.test import TestCase

from cms.scheduler.firing import fire
from cms.scheduler.health import job_states
from cms.scheduler.models import JobRun, Outcome
from cms.scheduler.recovery import close_stuck_runs
from tests.scheduler import jobs
from tests.scheduler.test_scheduler import make_scheduler
from tests.scheduler.utils import register_job, wib

NOW = wib(2025, 3, 10, 9, 0, 30)


class StuckRunsTest(TestCase):
    """The counting job may run 5 minutes (its max_duration)."""

    def setUp(self):
        jobs.calls.clear()
        travel = time_machine.travel(NOW, tick=False)
        travel.start()
        self.addCleanup(travel.stop)
        register_job(self, jobs.counting_job(), created_at=wib(2025, 3, 1))

    def run_at(self, due, outcome, *, enqueued_ago, started_ago=None):
        return JobRun.objects.create(
            job=jobs.COUNTING_JOB,
            scheduled_for=due,
            enqueued_at=NOW - enqueued_ago,
            started_at=NOW - started_ago if started_ago else None,
            outcome=outcome,
        )

    def test_runs_open_past_the_max_duration_are_closed_with_their_own_outcome(self):
        lost = self.run_at(
            wib(2025, 3, 10, 8, 50), Outcome.ENQUEUED, enqueued_ago=timedelta(minutes=6)
        )
        timed_out = self.run_at(
            wib(2025, 3, 10, 8, 45),
            Outcome.RUNNING,
            enqueued_ago=timedelta(minutes=16),
            started_ago=timedelta(minutes=5, seconds=1),
        )
        waiting = self.run_at(
            wib(2025, 3, 10, 8, 55), Outcome.ENQUEUED, enqueued_ago=timedelta(minutes=4)
        )
        running = self.run_at(
            wib(2025, 3, 10, 9, 0),
            Outcome.RUNNING,
            enqueued_ago=timedelta(minutes=9),
            started_ago=timedelta(minutes=4),
        )

        self.assertEqual(close_stuck_runs(), 2)

        def outcome(run):
            run.refresh_from_db()
            return run.outcome

        self.assertEqual(outcome(lost), Outcome.LOST)
        self.assertEqual(outcome(timed_out), Outcome.TIMED_OUT)
        self.assertEqual(outcome(waiting), Outcome.ENQUEUED)
        self.assertEqual(outcome(running), Outcome.RUNNING)
        timed_out.refresh_from_db()
        self.assertEqual(timed_out.duration, timedelta(minutes=5, seconds=1))
        self.assertIn("maximum duration", timed_out.error)

    def test_a_lost_run_shows_the_job_late(self):
        self.run_at(
            wib(2025, 3, 10, 8, 40),
            Outcome.ENQUEUED,
            enqueued_ago=timedelta(minutes=20),
        )
        close_stuck_runs()
        state = next(s for s in job_states() if s.name == jobs.COUNTING_JOB)
        self.assertTrue(state.late)
        self.assertEqual(state.outcome, Outcome.LOST)

    def test_the_scheduler_closes_them_on_start_and_the_next_due_time_fires(self):
        lost = self.run_at(
            wib(2025, 3, 10, 8, 40),
            Outcome.ENQUEUED,
            enqueued_ago=timedelta(minutes=20),
        )
        scheduler = make_scheduler(self, "only")
        with self.assertLogs("cms.scheduler.recovery", "WARNING"):
            scheduler.tick()
        lost.refresh_from_db()
        self.assertEqual(lost.outcome, Outcome.LOST)
        # Catch-up on start ran the 09:00 due time; the job is no longer late.
        caught_up = JobRun.objects.get(scheduled_for=wib(2025, 3, 10, 9, 0))
        self.assertEqual(caught_up.outcome, Outcome.SUCCEEDED)
        self.assertFalse(
            next(s for s in job_states() if s.name == jobs.COUNTING_JOB).late
        )
        run = fire(jobs.COUNTING_JOB, wib(2025, 3, 10, 9, 5))
        run.refresh_from_db()
        self.assertEqual(run.outcome, Outcome.SUCCEEDED)
        self.assertEqual(jobs.calls, ["ran", "ran"])

    def test_the_panel_names_the_new_outcomes_in_indonesian(self):
        from django.utils import translation

        with translation.override("id"):
            self.assertEqual(str(Outcome.LOST.label), "Hilang (tidak pernah dimulai)")
            self.assertEqual(str(Outcome.TIMED_OUT.label), "Melewati batas waktu")
