from __future__ import annotations

import csv
import io

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from audit.models import Event
from backups import maintenance
from backups.creation import create_backup
from backups.models import Backup
from tests.audit.utils import make_user

from .utils import BackupFolders


class AdminTests(BackupFolders, TestCase):
    def setUp(self):
        super().setUp()
        self.superuser = make_user("chief", superuser=True)
        self.officer = make_user(
            "officer",
            perms=[
                "wagtailadmin.access_admin",
                "backups.view_backup",
                "backups.add_backup",
            ],
        )
        self.outsider = make_user("outsider", perms=["wagtailadmin.access_admin"])

    def test_only_a_superuser_may_download_an_archive(self):
        backup = create_backup(Backup.Kind.MEDIA, trigger="command")
        url = reverse("backups:download", args=[backup.pk])

        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 403)

        self.client.force_login(self.superuser)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            b"".join(response.streaming_content), self.archive_path(backup).read_bytes()
        )
        self.assertIn("attachment", response["Content-Disposition"])
        event = Event.objects.get(action="backups.downloaded")
        self.assertEqual(event.actor, "chief")

    def add_runs(self, count: int) -> None:
        for n in range(count):
            Backup.objects.create(
                kind="media", trigger="user", triggered_by=self.officer,
                status="succeeded", started_at=f"2026-11-{n % 28 + 1:02d}T03:00:00+07:00",
                filename=f"m{n}.tar.gz", size=1000, sha256="0" * 64,
            )  # fmt: skip

    def test_the_list_shows_each_run_and_needs_the_permission(self):
        url = reverse("backups:index")
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 403)

        self.client.force_login(self.officer)
        Backup.objects.create(
            kind="database", trigger="schedule", status="succeeded",
            drill_status="failed", drill_error="Row counts differ from the snapshot",
            started_at="2026-11-25T02:00:00+07:00", filename="d.tar.gz", size=2048,
            sha256="1" * 64,
        )  # fmt: skip
        Backup.objects.create(
            kind="database", trigger="schedule", status="failed",
            started_at="2026-11-24T02:00:00+07:00", error="No space left on device",
        )  # fmt: skip
        self.add_runs(5)
        response = self.client.get(url)
        # In Indonesian, the officer's admin language, in Jakarta time.
        self.assertContains(response, "Cadangkan sekarang")
        self.assertContains(response, "Rabu, 25 November 2026 02.00 WIB")
        self.assertContains(response, "Uji pemulihan")
        self.assertContains(response, "Gagal")
        self.assertContains(response, "Row counts differ from the snapshot")
        self.assertContains(response, "No space left on device")
        self.assertContains(response, "2,0\xa0KB")
        self.assertContains(response, "m4.tar.gz")
        # The officer is no superuser: no download link.
        self.assertNotContains(response, "/download/")

        # Filtered: only failed drills.
        response = self.client.get(url, {"drill_status": "failed"})
        self.assertContains(response, "d.tar.gz")
        self.assertNotContains(response, "m4.tar.gz")

        # And in English, for an officer who chose it.
        profile = UserProfile.get_for_user(self.officer)
        profile.preferred_language = "en"
        profile.save()
        response = self.client.get(url)
        self.assertContains(response, "Back up now")
        self.assertContains(response, "Wednesday, 25 November 2026 02:00 WIB")
        self.assertContains(response, "Started (WIB)")

    def test_the_list_costs_the_same_queries_for_5_and_50_runs(self):
        url = reverse("backups:index")
        self.client.force_login(self.superuser)
        self.add_runs(5)
        # A first request fills the per-process caches (content types), which
        # another test may or may not have filled already: counts by order.
        self.client.get(url)
        with CaptureQueriesContext(connection) as five:
            response = self.client.get(url)
        self.assertContains(response, "/download/", count=5)
        self.add_runs(45)
        with CaptureQueriesContext(connection) as fifty:
            response = self.client.get(url)
        self.assertContains(response, "/download/", count=50)
        self.assertEqual(len(five), len(fifty))

    def test_the_list_exports_csv_in_jakarta_time(self):
        Backup.objects.create(
            kind="database", trigger="schedule", status="succeeded",
            drill_status="passed", started_at="2026-11-25T02:00:00+07:00",
            finished_at="2026-11-25T02:00:03+07:00", filename="d.tar.gz",
            size=2048, sha256="1" * 64,
        )  # fmt: skip
        self.client.force_login(self.officer)
        response = self.client.get(reverse("backups:index"), {"export": "csv"})
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
        )
        self.assertEqual(rows[0][:4], ["Dimulai (WIB)", "Jenis", "Pemicu", "Status"])
        row = dict(zip(rows[0], rows[1], strict=True))
        self.assertEqual(row["Dimulai (WIB)"], "2026-11-25 02:00:00")
        self.assertEqual(row["Pemicu"], "Jadwal")
        self.assertEqual(row["Uji pemulihan"], "Lulus")
        self.assertEqual(row["Durasi (detik)"], "3.0")
        self.assertEqual(row["SHA-256"], "1" * 64)
        response = self.client.get(reverse("backups:index"), {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)

    def test_back_up_now_runs_a_backup_for_the_officer(self):
        self.client.force_login(self.officer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("backups:create"), {"kind": "media"})
        self.assertRedirects(response, reverse("backups:index"))
        backup = Backup.objects.get()
        self.assertEqual(backup.triggered_by, self.officer)
        self.assertEqual(backup.status, "succeeded")
        self.client.force_login(self.outsider)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("backups:create"), {"kind": "media"})
        self.assertEqual(Backup.objects.count(), 1)

    def test_the_dashboard_warns_when_the_newest_good_backup_is_too_old(self):
        Backup.objects.create(
            kind="database", trigger="schedule", status="succeeded",
            drill_status="passed", started_at="2020-01-01T02:00:00+07:00",
            filename="old.tar.gz", sha256="0" * 64,
        )  # fmt: skip
        self.client.force_login(self.officer)
        response = self.client.get(reverse("wagtailadmin_home"))
        # In the officer's admin language: one warning per kind (the database's
        # is too old, media has none yet).
        self.assertContains(response, 'id="backups-section"')
        self.assertContains(response, "help-warning", count=2)
        self.assertContains(response, "2020")

    def test_writes_answer_503_while_a_restore_runs(self):
        maintenance.turn_on()
        self.addCleanup(maintenance.turn_off)
        self.assertEqual(self.client.post("/").status_code, 503)
        self.assertLess(self.client.get("/").status_code, 500)

    @override_settings(BACKUPS_ALERT_EMAILS=["duty@example.go.id"])
    def test_a_failed_drill_mails_the_configured_officers(self):
        from django.core import mail

        from backups.drill import run_drill

        backup = create_backup(Backup.Kind.DATABASE, trigger="command", drill=False)
        self.archive_path(backup).write_bytes(b"not the archive")
        self.assertFalse(run_drill(backup))
        backup.refresh_from_db()
        self.assertEqual(backup.drill_status, "failed")
        self.assertIn("does not match its checksum", backup.drill_error)
        self.assertEqual(mail.outbox[0].to, ["duty@example.go.id"])
