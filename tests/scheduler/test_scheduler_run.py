from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from cms.scheduler import lease
from cms.scheduler.models import JobSchedule, SchedulerLease
from cms.scheduler.registry import registry


class SchedulerRunCommandTest(TestCase):
    def test_once_takes_the_lease_seeds_schedules_and_releases_it(self):
        JobSchedule.objects.all().delete()
        out = StringIO()
        call_command("scheduler_run", "--once", "--holder-id", "test", stdout=out)
        self.assertIn("Scheduler test is active", out.getvalue())
        self.assertIn("released the lease", out.getvalue())
        self.assertEqual(
            set(JobSchedule.objects.values_list("name", flat=True)),
            {job.name for job in registry},
        )
        self.assertIsNone(lease.current_holder())

    def test_once_stands_by_while_another_scheduler_holds_the_lease(self):
        lease.acquire("other", seconds=60)
        out = StringIO()
        call_command("scheduler_run", "--once", "--holder-id", "test", stdout=out)
        self.assertNotIn("is active", out.getvalue())
        self.assertEqual(SchedulerLease.objects.get().holder, "other")


class RegistryTest(TestCase):
    def test_the_project_registers_publishing_and_pruning(self):
        publish = registry.get("wagtail.publish_scheduled")
        self.assertEqual(publish.default.every, 5)
        self.assertIn("scheduler.prune_job_runs", registry)

    def test_schedules_are_seeded_on_migrate(self):
        schedule = JobSchedule.objects.get(name="wagtail.publish_scheduled")
        self.assertEqual((schedule.frequency, schedule.every), ("minutes", 5))
