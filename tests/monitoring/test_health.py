from __future__ import annotations

import time
from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from audit.models import VerificationRun
from audit.monitoring.health import HOOK_NAME, Check
from audit.monitoring.models import ProbeRun
from backups.models import Backup
from cms.scheduler import lease as scheduler_lease

DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def waiting_task(age: timedelta) -> DBTaskResult:
    when = timezone.now() - age
    return DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="audit.monitoring.tasks.probe_task",
        queue_name="default",
        backend_name="default",
        run_after=when,
        priority=0,
    )


def old_backup_check():
    return Check("backup", False, "last good backup is 3 days old")


def make_good_backups(now) -> None:
    """A good, drilled backup of each kind, taken two hours before ``now``."""
    for kind in (Backup.Kind.DATABASE, Backup.Kind.MEDIA):
        Backup.objects.create(
            kind=kind,
            trigger="schedule",
            status=Backup.Status.SUCCEEDED,
            drill_status=Backup.Drill.PASSED,
            started_at=now - timedelta(hours=2),
            finished_at=now - timedelta(hours=2),
        )


@override_settings(TASKS=DB_TASKS, MONITORING_HEALTH_TOKEN="s3cret-token-for-tests")
class HealthTests(TestCase):
    def setUp(self):
        # Everything fine: a scheduler holds its lease, the chain was verified.
        scheduler_lease.acquire("test-scheduler", seconds=300)
        now = timezone.now()
        VerificationRun.objects.create(
            started_at=now - timedelta(hours=1), finished_at=now, ok=True
        )
        # ... and the backups app has a recent good backup of each kind.
        make_good_backups(now)
        self.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.com", "password-for-tests"
        )

    def test_all_fine_answers_200_with_only_a_status_for_anonymous(self):
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_a_stopped_worker_fails_and_leaks_nothing_to_anonymous(self):
        waiting_task(timedelta(minutes=30))
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"status": "fail"})
        self.assertNotIn(b"worker", response.content)

    def test_a_running_worker_with_a_fresh_task_is_fine(self):
        waiting_task(timedelta(seconds=5))
        self.assertEqual(self.client.get("/health/").status_code, 200)

    def test_officers_and_token_holders_see_which_check_failed(self):
        waiting_task(timedelta(minutes=30))
        self.client.force_login(self.admin)
        checks = self.client.get("/health/").json()["checks"]
        self.assertFalse(checks["worker"]["ok"])
        self.assertTrue(checks["database"]["ok"])
        self.client.logout()
        response = self.client.get(
            "/health/", headers={"X-Health-Token": "s3cret-token-for-tests"}
        )
        self.assertFalse(response.json()["checks"]["worker"]["ok"])
        wrong = self.client.get("/health/", headers={"X-Health-Token": "guess"})
        self.assertNotIn("checks", wrong.json())

    def test_an_old_backup_reported_by_the_backups_app_fails(self):
        with hooks.register_temporarily(HOOK_NAME, lambda: old_backup_check):
            response = self.client.get("/health/")
            self.assertEqual(response.status_code, 503)
            self.assertEqual(response.json(), {"status": "fail"})
            self.client.force_login(self.admin)
            detail = self.client.get("/health/").json()["checks"]["backup"]
        self.assertEqual(detail["detail"], "last good backup is 3 days old")

    def test_the_backups_app_reports_a_missing_or_old_backup(self):
        self.client.force_login(self.admin)
        self.assertEqual(self.client.get("/health/").status_code, 200)
        Backup.objects.filter(kind=Backup.Kind.DATABASE).update(
            started_at=timezone.now() - timedelta(days=3)
        )
        response = self.client.get("/health/")
        self.assertEqual(response.status_code, 503)
        backup = response.json()["checks"]["backup"]
        self.assertFalse(backup["ok"])
        self.assertEqual(backup["detail"], "no recent good backup: database")

    def test_no_scheduler_fails(self):
        scheduler_lease.release("test-scheduler")
        self.assertEqual(self.client.get("/health/").status_code, 503)

    def test_an_unverified_or_failed_audit_chain_fails(self):
        VerificationRun.objects.update(started_at=timezone.now() - timedelta(days=3))
        self.assertEqual(self.client.get("/health/").status_code, 503)

    def test_it_is_quick_and_never_probes(self):
        self.client.get("/health/")  # warm up (hooks, URL resolver)
        # Database, worker, scheduler, audit chain, and the backups app's one query.
        with self.assertNumQueries(5):
            start = time.perf_counter()
            response = self.client.get("/health/")
            elapsed = time.perf_counter() - start
        self.assertEqual(response.status_code, 200)
        self.assertLess(elapsed, 0.1)
        self.assertFalse(ProbeRun.objects.exists())


def fresh_install_time():
    """When migrate finished on this test database (its last migration)."""
    return MigrationRecorder.Migration.objects.aggregate(last=Max("applied"))["last"]


@override_settings(TASKS=DB_TASKS, MONITORING_HEALTH_TOKEN="s3cret-token-for-tests")
class FreshInstallTests(TestCase):
    """A site just migrated: nothing verified, backed up or scheduled yet.

    Work that has never run is not yet due until its limit has passed since the
    install; overdue or failed work still fails."""

    def at(self, **since_install):
        travel = time_machine.travel(
            fresh_install_time() + timedelta(**since_install), tick=False
        )
        travel.start()
        self.addCleanup(travel.stop)

    def get(self):
        return self.client.get(
            "/health/", headers={"X-Health-Token": "s3cret-token-for-tests"}
        )

    def test_a_fresh_site_is_healthy_and_says_what_is_not_yet_due(self):
        self.at(minutes=1)
        anonymous = self.client.get("/health/")
        self.assertEqual(anonymous.status_code, 200)
        self.assertEqual(anonymous.json(), {"status": "ok"})

        checks = self.get().json()["checks"]
        self.assertTrue(all(check["ok"] for check in checks.values()), checks)
        # Minutes since each app's first migration: one or two, as migrate ran.
        self.assertRegex(
            checks["audit_chain"]["detail"],
            r"^not yet due: installed \d min ago \(limit 30 h\)$",
        )
        self.assertRegex(
            checks["backup"]["detail"],
            r"^database not yet due: installed \d min ago \(limit 26 h\); "
            r"media not yet due: installed \d min ago \(limit 170 h\)$",
        )
        self.assertEqual(
            checks["scheduler"]["detail"], "not yet due: not started, no job late yet"
        )

    def test_a_first_backup_overdue_fails(self):
        self.at(hours=27)
        scheduler_lease.acquire("test-scheduler", seconds=300)
        response = self.get()
        self.assertEqual(response.status_code, 503)
        checks = response.json()["checks"]
        self.assertEqual(checks["backup"]["detail"], "no recent good backup: database")
        # The chain's first verification is allowed 30 hours.
        self.assertTrue(checks["audit_chain"]["ok"])

    def test_a_failed_first_backup_fails_at_once(self):
        self.at(minutes=30)
        Backup.objects.create(
            kind=Backup.Kind.DATABASE,
            trigger="user",
            status=Backup.Status.FAILED,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        response = self.get()
        self.assertEqual(response.status_code, 503)
        backup = response.json()["checks"]["backup"]
        self.assertEqual(backup["detail"], "no recent good backup: database")

    def test_a_chain_never_verified_fails_once_overdue(self):
        self.at(hours=31)
        scheduler_lease.acquire("test-scheduler", seconds=300)
        make_good_backups(timezone.now())
        response = self.get()
        self.assertEqual(response.status_code, 503)
        checks = response.json()["checks"]
        self.assertEqual(
            checks["audit_chain"], {"ok": False, "detail": "never verified"}
        )
        self.assertTrue(checks["backup"]["ok"])

    def test_a_scheduler_never_started_fails_once_a_job_is_late(self):
        self.at(minutes=30)
        response = self.get()
        self.assertEqual(response.status_code, 503)
        detail = response.json()["checks"]["scheduler"]["detail"]
        self.assertTrue(detail.startswith("never started; late: "), detail)
        self.assertIn("monitoring.probe", detail)
