"""A database migrated before the scheduler became an app keeps every row.

The test migrates its own test database back to the old layout (the tables
owned by ``cms``), writes schedules, runs, a lease, a group permission and a
history entry through the old models, and migrates forward again.
"""

from datetime import UTC, datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from wagtail.models import ModelLogEntry

from cms.scheduler.models import JobRun, JobSchedule, SchedulerLease

OLD = [("cms", "0001_initial")]
DUE = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


class MigrateFromTheOldLayoutTest(TransactionTestCase):
    # Restore what migrations created (Wagtail's root page, locales...) afterwards.
    serialized_rollback = True

    def migrate(self, targets):
        MigrationExecutor(connection).migrate(targets)
        # The models as the migrations now applied define them.
        executor = MigrationExecutor(connection)
        return executor._create_project_state(with_applied_migrations=True).apps

    def setUp(self):
        # The content-type cache must match the rows restored after this test
        # (Wagtail's Task.__init__ looks its type up while they are deserialized;
        # a cold cache would create the row and the restore would then collide).
        cache = ContentType.objects._cache
        saved = {db: dict(models) for db, models in cache.items()}
        self.addCleanup(lambda: (cache.clear(), cache.update(saved)))

    def test_schedules_runs_permissions_and_history_survive_the_move(self):
        leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
        old_apps = self.migrate([("scheduler", None), *OLD])
        self.addCleanup(self.migrate, leaves)

        OldSchedule = old_apps.get_model("cms", "JobSchedule")
        OldRun = old_apps.get_model("cms", "JobRun")
        OldLease = old_apps.get_model("cms", "SchedulerLease")
        OldContentType = old_apps.get_model("contenttypes", "ContentType")
        OldPermission = old_apps.get_model("auth", "Permission")
        OldGroup = old_apps.get_model("auth", "Group")
        OldLogEntry = old_apps.get_model("wagtailcore", "ModelLogEntry")

        OldSchedule.objects.all().delete()
        weekly = OldSchedule.objects.create(
            name="wagtail.publish_scheduled", frequency="weekly", weekday=2, hour=7
        )
        # A row the new constraints refuse: repaired and disabled, not lost.
        OldSchedule.objects.create(name="tests.broken", frequency="weekly")
        OldSchedule.objects.create(
            name="cms.prune_job_runs", frequency="daily", hour=2, minute=30
        )
        OldRun.objects.create(job="wagtail.publish_scheduled", scheduled_for=DUE)
        OldRun.objects.create(
            job="cms.prune_job_runs", scheduled_for=DUE, outcome="failed", error="x"
        )
        OldLease.objects.create(name="default", holder="old-host")
        content_type, _ = OldContentType.objects.get_or_create(
            app_label="cms", model="jobschedule"
        )
        change, _ = OldPermission.objects.get_or_create(
            content_type=content_type,
            codename="change_jobschedule",
            defaults={"name": "Can change job schedule"},
        )
        officers = OldGroup.objects.create(name="Scheduler officers")
        officers.permissions.add(change)
        OldLogEntry.objects.create(
            content_type=content_type,
            object_id=str(weekly.pk),
            label="wagtail.publish_scheduled",
            action="wagtail.edit",
            timestamp=DUE,
        )

        self.migrate(leaves)
        ContentType.objects.clear_cache()

        self.assertEqual(JobSchedule._meta.db_table, "scheduler_jobschedule")
        schedule = JobSchedule.objects.get(name="wagtail.publish_scheduled")
        self.assertEqual(
            (schedule.frequency, schedule.weekday, schedule.hour), ("weekly", 2, 7)
        )
        broken = JobSchedule.objects.get(name="tests.broken")
        self.assertEqual((broken.weekday, broken.enabled), (0, False))
        # The pruning job follows its new name, with its run.
        self.assertTrue(
            JobSchedule.objects.filter(name="scheduler.prune_job_runs").exists()
        )
        self.assertEqual(
            sorted(JobRun.objects.values_list("job", "outcome")),
            [
                ("scheduler.prune_job_runs", "failed"),
                ("wagtail.publish_scheduled", "enqueued"),
            ],
        )
        self.assertEqual(SchedulerLease.objects.get().holder, "old-host")
        # The group keeps its permission, and the history stays findable.
        group = Group.objects.get(name="Scheduler officers")
        self.assertEqual(
            [(p.content_type.app_label, p.codename) for p in group.permissions.all()],
            [("scheduler", "change_jobschedule")],
        )
        entry = ModelLogEntry.objects.for_instance(schedule).get()
        self.assertEqual(entry.action, "wagtail.edit")
        self.assertFalse(
            ContentType.objects.filter(app_label="cms", model="jobschedule").exists()
        )
        # The moved unique constraint still makes a due time fire once.
        self.assertIn(
            "scheduler_jobrun_fires_once",
            connection.introspection.get_constraints(
                connection.cursor(), "scheduler_jobrun"
            ),
        )
