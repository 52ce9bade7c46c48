from __future__ import annotations

from django.test import TestCase, override_settings

from backups.archive import file_sha256
from backups.creation import create_backup
from backups.models import Backup
from backups.retention import prune

from .utils import BackupFolders


class SecondLocationTests(BackupFolders, TestCase):
    def test_each_archive_is_copied_to_the_second_location_and_pruned_there(self):
        disk = self.tmp / "external-disk"
        disk.mkdir()
        (self.media / "a.txt").write_text("a")
        with override_settings(BACKUPS_SECOND_LOCATION=str(disk)):
            backup = create_backup(Backup.Kind.MEDIA, trigger="command")
            copy = disk / backup.filename
            self.assertEqual(backup.locations, [backup.filename, str(copy)])
            self.assertEqual(file_sha256(copy), backup.sha256)
            checksum = (disk / f"{backup.filename}.sha256").read_text()
            self.assertEqual(checksum.split()[0], backup.sha256)

            # A newer one on the same day replaces it under the daily policy.
            older = Backup.objects.filter(pk=backup.pk)
            older.update(started_at=backup.started_at.replace(year=2020))
            create_backup(Backup.Kind.MEDIA, trigger="command")
            with override_settings(
                BACKUPS_KEEP_DAILY=1, BACKUPS_KEEP_WEEKLY=0, BACKUPS_KEEP_MONTHLY=0
            ):
                self.assertEqual([b.pk for b in prune()], [backup.pk])
            self.assertFalse(copy.exists())
            self.assertFalse(self.archive_path(backup).exists())

    def test_a_second_location_that_cannot_be_written_fails_the_run_and_says_so(self):
        # The "disk" is a file: the copy fails, and so does removing the partial
        # archive there; the run is still recorded as failed, with an audit event,
        # and nothing is left in the first location.
        not_a_disk = self.tmp / "not-a-disk"
        not_a_disk.write_text("a file, not a mount point")
        (self.media / "a.txt").write_text("a")
        from audit.models import Event
        from backups.creation import BackupFailed

        with override_settings(BACKUPS_SECOND_LOCATION=str(not_a_disk / "backups")):
            with self.assertRaises(BackupFailed):
                create_backup(Backup.Kind.MEDIA, trigger="command")
        backup = Backup.objects.get()
        self.assertEqual(backup.status, Backup.Status.FAILED)
        self.assertTrue(backup.error)
        self.assertTrue(Event.objects.filter(action="backups.failed").exists())
        self.assertEqual(list(self.archives.glob("*.tar*")), [])
