"""A full disk: the run is recorded as failed with the OS's reason, the partial
file deleted, the previous backups kept, the officers mailed, the site up.

The full disk is a real one: a 64 KiB tmpfs mounted as the scratch folder
(needs root; skipped otherwise).
"""

from __future__ import annotations

import os
import subprocess
import unittest

from django.core import mail
from django.test import TestCase, override_settings

from audit.models import Event
from backups.creation import BackupFailed, create_backup
from backups.models import Backup
from tests.audit.utils import make_user

from .utils import BackupFolders


class FullDiskTests(BackupFolders, TestCase):
    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            raise unittest.SkipTest("Mounting a tiny tmpfs needs root.")
        self.full = self.tmp / "full"
        self.full.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(self.full)],
            capture_output=True,
            check=False,
        )
        if mounted.returncode:
            raise unittest.SkipTest(f"Cannot mount a tmpfs: {mounted.stderr!r}")
        self.addCleanup(subprocess.run, ["umount", "-l", str(self.full)], check=False)

    def test_a_full_disk_records_a_failed_run_and_keeps_the_previous_backup(self):
        make_user("officer", superuser=True)
        previous = create_backup(Backup.Kind.DATABASE, trigger="command")
        previous_path = self.archive_path(previous)
        (self.media / "big.bin").write_bytes(os.urandom(256 * 1024))

        with override_settings(BACKUPS_TMP_DIR=self.full):
            for kind in Backup.Kind.values:
                with self.subTest(kind), self.assertRaises(BackupFailed):
                    create_backup(kind, trigger="schedule")

        failed = Backup.objects.filter(status="failed")
        self.assertEqual(failed.count(), 2)
        for run in failed:
            self.assertIn("No space left on device", run.error)
        # Nothing partial left behind, on the full disk or in the storage.
        self.assertEqual(list(self.full.iterdir()), [])
        stored = sorted(p.name for p in self.archives.iterdir() if p.is_file())
        self.assertEqual(stored, [previous.filename, f"{previous.filename}.sha256"])
        self.assertEqual(previous_path.stat().st_size, previous.size)
        self.assertEqual(Event.objects.filter(action="backups.failed").count(), 2)
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(mail.outbox[0].to, ["officer@example.go.id"])
        self.assertIn("No space left on device", mail.outbox[0].body)
        self.assertLess(self.client.get("/").status_code, 500)
