"""Problems opened by what the audit trail records: one per cause."""

from __future__ import annotations

from django.core import mail
from django.test import TestCase, override_settings

from audit.models import Event
from audit.monitoring.availability import run_probes
from audit.problems import causes
from audit.problems.models import Problem
from audit.problems.opening import open_problem
from audit.trail import record
from backups.creation import BackupFailed, create_backup
from backups.drill import run_drill
from backups.models import Backup
from tests.backups.utils import BackupFolders
from tests.monitoring.utils import StubSite
from tests.problems.utils import People


class OpenProblemTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()

    def open(self, key="outage:1", **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return open_problem(
                source="outage",
                cause_key=key,
                title=kwargs.pop("title", "Website mati"),
                severity="critical",
                **kwargs,
            )

    def test_a_cause_already_open_returns_the_open_problem(self):
        first = self.open(link="/admin/monitoring/")
        again = self.open(title="Lagi")
        self.assertEqual(again.pk, first.pk)
        self.assertEqual(Problem.objects.count(), 1)
        self.assertEqual(Event.objects.filter(action="problems.opened").count(), 1)
        # Only the first opening mailed the officers.
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(
            sorted(mail.outbox[0].to), ["dewi@example.go.id", "rina@example.go.id"]
        )
        opened = first.steps.get()
        self.assertEqual((opened.to_status, opened.actor), ("open", None))
        self.assertEqual(opened.actor_label, "system:outage")

    def test_another_cause_or_a_closed_problem_opens_a_new_one(self):
        first = self.open()
        other = self.open("outage:2")
        self.assertNotEqual(first.pk, other.pk)
        Problem.objects.filter(pk=first.pk).update(status="verified")
        again = self.open()
        self.assertNotIn(again.pk, (first.pk, other.pk))
        self.assertEqual(Problem.objects.filter(cause_key="outage:1").count(), 2)

    def test_each_recorded_source_opens_its_problem(self):
        cases = [
            (
                "backups.failed",
                {"kind": "media", "error": "disk"},
                "backup",
                "backup:media",
            ),
            ("audit.verify_failed", {"message": "hash"}, "audit", "audit:verify"),
            (
                "scheduler.run_failed",
                {"job": "monitoring.probe"},
                "job",
                "job:monitoring.probe",
            ),
            (
                "feedback.overdue_reminded",
                {"items": [1, 2]},
                "feedback",
                "feedback:overdue",
            ),
            (
                "security.signal_alerted",
                {"kind": "scanner"},
                "security",
                "security:scanner",
            ),
        ]
        for action, details, source, key in cases:
            with self.subTest(action), self.captureOnCommitCallbacks(execute=True):
                record(
                    action, actor="system:test", obj=("x.y", 1, "X"), details=details
                )
                record(
                    action, actor="system:test", obj=("x.y", 2, "X"), details=details
                )
            problem = Problem.objects.get(cause_key=key)
            self.assertEqual(problem.source, source)
        feedback = Problem.objects.get(source="feedback")
        self.assertEqual(
            feedback.title, "Masukan publik melewati batas waktu (2 butir)"
        )
        self.assertEqual(feedback.link, "/admin/feedback/?overdue=true")

    def test_an_event_it_cannot_read_never_breaks_the_source(self):
        event = Event(action="backups.failed", details="{not json")
        with self.assertLogs("audit.problems.causes", "ERROR"):
            self.assertIsNone(causes.open_for_event(event))
        # And through the trail: the source's record still commits.
        with self.captureOnCommitCallbacks(execute=True):
            record("backups.failed", actor="system:test", details={"kind": "x" * 500})
        self.assertTrue(Event.objects.filter(action="backups.failed").exists())


PATHS = ["/", "/en/"]


@override_settings(
    MONITORING_URLS=PATHS,
    MONITORING_FAILURES_BEFORE_OUTAGE=3,
    MONITORING_ALERT_EMAILS=["petugas@example.com"],
    MONITORING_TIMEOUT_SECONDS=2,
    MONITORING_REFERENCE_URL="",
)
class OutageTests(TestCase):
    def probe(self):
        with self.captureOnCommitCallbacks(execute=True):
            return run_probes()

    def test_an_outage_opens_one_problem_not_one_per_failed_probe(self):
        with StubSite(status=500) as site, self.settings(MONITORING_BASE_URL=site.url):
            for _run in range(7):
                self.probe()
            site.status = 200
            self.probe()
        self.assertEqual(
            Event.objects.filter(action="monitoring.outage_opened").count(), 1
        )
        problem = Problem.objects.get()
        self.assertEqual(problem.source, "outage")
        self.assertEqual(problem.severity, "critical")
        self.assertTrue(problem.title.startswith("Website tidak dapat diakses"))
        self.assertEqual(problem.link, "/admin/monitoring/")
        # The outage's end is noted; a person still resolves the problem.
        self.assertEqual(problem.status, "open")
        self.assertIn("Gangguan berakhir setelah", problem.description)

        # A second outage is a second cause.
        with StubSite(status=500) as site, self.settings(MONITORING_BASE_URL=site.url):
            for _run in range(3):
                self.probe()
        self.assertEqual(Problem.objects.count(), 2)


class BackupTests(BackupFolders, TestCase):
    def test_a_failed_backup_opens_a_problem(self):
        # A second location not there (a disk not mounted): the run fails for real.
        with (
            self.settings(BACKUPS_SECOND_LOCATION=str(self.tmp / "not-mounted")),
            self.captureOnCommitCallbacks(execute=True),
            self.assertRaises(BackupFailed),
        ):
            create_backup(Backup.Kind.MEDIA, trigger="schedule")
        problem = Problem.objects.get()
        self.assertEqual(
            (problem.source, problem.cause_key), ("backup", "backup:media")
        )
        self.assertEqual(problem.severity, "high")
        self.assertEqual(problem.link, "/admin/backups/")

    def test_a_failed_drill_opens_a_problem(self):
        backup = create_backup(Backup.Kind.DATABASE, trigger="command", drill=False)
        self.archive_path(backup).write_bytes(b"not the archive")
        with self.captureOnCommitCallbacks(execute=True):
            self.assertFalse(run_drill(backup))
        problem = Problem.objects.get()
        self.assertEqual(
            (problem.source, problem.cause_key), ("backup", "drill:database")
        )
        self.assertIn("checksum", problem.title)


class LateJobTests(People, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_people()

    def test_late_jobs_open_one_problem_each_and_a_failure_joins_it(self):
        from datetime import timedelta

        import time_machine
        from django.utils import timezone

        from cms.scheduler.health import late_jobs

        with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
            late = {state.name for state in late_jobs()}
            self.assertIn("monitoring.probe", late)
            with self.captureOnCommitCallbacks(execute=True):
                causes.open_for_late_jobs()
                causes.open_for_late_jobs()
                record(
                    "scheduler.run_failed",
                    actor="system:monitoring.probe",
                    obj=("scheduler.jobrun", 1, "monitoring.probe"),
                    details={"job": "monitoring.probe"},
                )
        keys = set(Problem.objects.values_list("cause_key", flat=True))
        self.assertEqual(keys, {f"job:{name}" for name in late})
        probe = Problem.objects.get(cause_key="job:monitoring.probe")
        self.assertEqual(probe.source, "job")
        self.assertTrue(probe.title.startswith("Tugas terjadwal terlambat"))
        self.assertEqual(probe.link, "/admin/scheduler/job-runs/")
