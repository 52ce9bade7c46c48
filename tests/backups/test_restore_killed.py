"""A restore killed with SIGKILL half-way leaves the old or the new database,
whole; and the old or the new media, whole."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from backups import maintenance
from backups.creation import create_backup
from backups.models import Backup
from tests.live import Child, LiveTestCase, child_env

from .utils import BackupFolders, drop_padding, pad_database, sqlite_integrity

OLD_MEDIA = {"images/b.png": b"live now", "documents/only-live.pdf": b"live"}
NEW_MEDIA = {"images/a.png": b"in the archive", "documents/report.pdf": b"archived"}


def write_media(root: Path, files: dict[str, bytes]) -> None:
    """Make the folder ``root`` names (through a link too) hold ``files`` only."""
    folder = Path(os.path.realpath(root))
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def read_media(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


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

    def test_a_media_restore_killed_between_steps_leaves_old_or_new_media(self):
        flag = self.tmp / "maintenance.flag"
        for layout in ("folder", "link"):
            root = self.tmp / f"{layout}-site" / "media"
            root.parent.mkdir()
            if layout == "link":
                # MEDIA_ROOT a link to a folder on "another disk".
                (self.tmp / "disk" / "media").mkdir(parents=True)
                root.symlink_to(self.tmp / "disk" / "media")
            with override_settings(MEDIA_ROOT=str(root)):
                write_media(root, NEW_MEDIA)
                backup = create_backup(Backup.Kind.MEDIA, trigger="command")
                archive = self.archive_path(backup)
                outcomes = []
                # Kill after the 1st step, the 2nd, ... until one finishes.
                for steps in range(1, 20):
                    write_media(root, OLD_MEDIA)
                    finished = self.kill_media_restore(root, archive, flag, steps)
                    state = read_media(root)
                    self.assertIn(state, (OLD_MEDIA, NEW_MEDIA), (layout, steps))
                    outcomes.append("new" if state == NEW_MEDIA else "old")
                    self.assertEqual(root.is_symlink(), layout == "link")
                    call_command(
                        "backups_restore", "--end-maintenance", stdout=StringIO()
                    )
                    self.assertEqual(
                        [
                            p
                            for p in root.parent.iterdir()
                            if ".media-restore" in p.name
                        ],
                        [],
                    )
                    if finished:
                        break
                # Killed early the old files stay; late, the new ones are whole.
                self.assertEqual(outcomes[0], "old", layout)
                self.assertEqual(outcomes[-1], "new", layout)

    def kill_media_restore(self, root, archive, flag, steps: int) -> bool:
        """Run a restore, kill it after ``steps`` steps; whether it finished."""
        connection.close()
        child = Child(
            "media-restore",
            [
                sys.executable,
                "-m",
                "tests.backups.slow_media_restore",
                str(root),
                str(archive),
            ],
            child_env(
                BACKUPS_MAINTENANCE_FLAG=str(flag),
                BACKUPS_ROOT=str(self.tmp / "child-archives"),
            ),
            self.tmp / f"media-restore-{steps}.log",
        )
        deadline = time.monotonic() + 120
        while child.proc.poll() is None:
            if child.output().count("step ") >= steps:
                child.kill()
                return False
            self.assertLess(time.monotonic(), deadline, child.output())
            time.sleep(0.01)
        child.stop()
        self.assertEqual(child.proc.returncode, 0, child.output())
        self.assertIn("restored", child.output())
        return True
