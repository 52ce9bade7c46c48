from datetime import timedelta

from django.test import TestCase, override_settings
from django.utils import timezone

from cms.scheduler.firing import fire
from cms.scheduler.models import JobRun, Outcome
from cms.scheduler.pruning import prune_runs


def run(days_ago: int, outcome: str) -> JobRun:
    return JobRun.objects.create(
        job="scheduler.prune_job_runs",
        scheduled_for=timezone.now() - timedelta(days=days_ago, seconds=1),
        outcome=outcome,
    )


class PruneRunsTest(TestCase):
    def test_it_keeps_runs_90_days_and_failures_365_days(self):
        kept = [
            run(89, Outcome.SUCCEEDED),
            run(364, Outcome.FAILED),
            run(364, Outcome.LOST),
            run(364, Outcome.TIMED_OUT),
        ]
        run(91, Outcome.SUCCEEDED)
        run(366, Outcome.FAILED)
        run(366, Outcome.LOST)
        self.assertEqual(prune_runs(), 3)
        self.assertEqual(list(JobRun.objects.order_by("pk")), kept)

    @override_settings(SCHEDULER_KEEP_DAYS=7, SCHEDULER_KEEP_FAILED_DAYS=30)
    def test_the_keeping_times_are_settings(self):
        run(8, Outcome.SUCCEEDED)
        failed = run(8, Outcome.FAILED)
        self.assertEqual(prune_runs(), 1)
        self.assertEqual(list(JobRun.objects.all()), [failed])

    def test_the_pruning_job_records_its_own_run(self):
        old = run(100, Outcome.SUCCEEDED)
        # Fired as the scheduler fires it: recorded, queued, run by the (inline)
        # worker through the job's recorded task.
        fired = fire("scheduler.prune_job_runs", timezone.now())
        self.assertFalse(JobRun.objects.filter(pk=old.pk).exists())
        own = JobRun.objects.get(pk=fired.pk)
        self.assertEqual(own.outcome, Outcome.SUCCEEDED)
        self.assertIsNotNone(own.started_at)
        self.assertIsNotNone(own.finished_at)
        self.assertGreaterEqual(own.duration, timedelta(0))
        self.assertEqual(own.error, "")
