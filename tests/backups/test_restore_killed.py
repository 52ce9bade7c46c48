"""A restore killed with SIGKILL half-way leaves the old or the new database, whole."""

from __future__ import annotations

import signal
import sys
import time
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from backups import maintenance
from backups.creation import create_backup
from backups.models import Backup
from tests.live import Child, LiveTestCase, child_env

from .utils import BackupFolders, drop_padding, pad_database, sqlite_integrity


class KilledRestoreTests(BackupFolders, LiveTestCase):
    def padding_rows(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM test_padding")
            return cursor.fetchone()[0]

    def test_a_restore_killed_half_way_leaves_one_whole_database(self):
        self.addCleanup(drop_padding)
        # Big enough that the swap takes a while.
        pad_database(24)
        rows = self.padding_rows()
        Group.objects.create(name="in-the-backup")
        backup = create_backup(Backup.Kind.DATABASE, trigger="command", drill=False)
        archive = self.archive_path(backup)
        flag = self.tmp / "maintenance.flag"
        outcomes = set()
        for delay in (0.0, 0.2):
            Group.objects.get_or_create(name="after-the-backup")
            connection.close()
            child = Child(
                "restore",
                [sys.executable, "-m", "tests.backups.slow_restore", str(archive)],
                child_env(
                    BACKUPS_MAINTENANCE_FLAG=str(flag),
                    BACKUPS_ROOT=str(self.tmp / "child-archives"),
                ),
                self.tmp / f"restore-{delay}.log",
            )
            # Wait until the swap is under way (SQLite reports its steps), or
            # for the maintenance flag (PostgreSQL's pg_restore is silent).
            deadline = time.monotonic() + 120
            while child.proc.poll() is None:
                if "swap " in child.output() or (
                    connection.vendor != "sqlite" and flag.exists()
                ):
                    break
                self.assertLess(time.monotonic(), deadline, child.output())
                time.sleep(0.005)
            time.sleep(delay)
            child.kill()
            child.proc.wait()
            self.assertEqual(child.proc.returncode, -signal.SIGKILL, child.output())

            if connection.vendor == "sqlite":
                self.assertEqual(
                    sqlite_integrity(connection.settings_dict["NAME"]), "ok"
                )
            # Whole: every row of the big table, and the markers of one state.
            self.assertEqual(self.padding_rows(), rows)
            self.assertTrue(Group.objects.filter(name="in-the-backup").exists())
            old = Group.objects.filter(name="after-the-backup").exists()
            outcomes.add("old" if old else "new")
            # Killed mid-swap, the flag stays: writes answer 503 until an
            # officer ends maintenance.
            self.assertTrue(flag.exists(), child.output())
            self.assertEqual(self.client.post("/").status_code, 503)
            call_command("backups_restore", "--end-maintenance", stdout=StringIO())
            self.assertFalse(maintenance.is_on())
        # Both outcomes are correct; which one a kill lands in depends on timing.
        self.assertTrue(outcomes <= {"old", "new"})
