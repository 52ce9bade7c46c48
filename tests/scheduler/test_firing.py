"""Recording a run and queueing its task happen in one transaction."""

from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.scheduler.firing import fire
from cms.scheduler.models import JobRun
from tests.scheduler import jobs
from tests.scheduler.utils import register_job

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


class Crash(Exception):
    pass


@override_settings(TASKS=DATABASE_QUEUE)
class FireInOneTransactionTest(TestCase):
    def setUp(self):
        register_job(self, jobs.counting_job())

    def test_a_fire_records_the_run_and_queues_its_task_together(self):
        run = fire(jobs.COUNTING_JOB, timezone.now())
        task = DBTaskResult.objects.get()
        self.assertEqual(task.args_kwargs["kwargs"], {"run_id": run.pk})
        run.refresh_from_db()
        self.assertEqual(run.task_result_id, str(task.pk))

    def test_nothing_is_left_of_a_fire_whose_transaction_dies(self):
        # As when the process dies before commit: neither half survives.
        with self.assertRaises(Crash), transaction.atomic():
            fire(jobs.COUNTING_JOB, timezone.now())
            raise Crash
        self.assertFalse(JobRun.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())

    def test_a_due_time_fires_once(self):
        due = timezone.now()
        self.assertIsNotNone(fire(jobs.COUNTING_JOB, due))
        self.assertIsNone(fire(jobs.COUNTING_JOB, due))
        self.assertEqual(DBTaskResult.objects.count(), 1)
