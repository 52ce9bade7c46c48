"""Backup, drill and restore end to end, on whichever database the suite runs."""

from __future__ import annotations

import threading
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from audit.models import Event
from audit.trail import current_head, record
from backups.archive import file_sha256, unpack
from backups.creation import create_backup
from backups.models import Backup
from cms.pagecache import generation
from tests.live import LiveTestCase

from .utils import BackupFolders, write_pairs


class RoundTripTests(BackupFolders, LiveTestCase):
    def test_a_restored_backup_brings_back_exactly_what_was_backed_up(self):
        User = get_user_model()
        User.objects.create_user("kept", email="kept@example.go.id")
        before = sorted(User.objects.values_list("username", flat=True))
        record("audit.verified", actor="system:test")
        head = current_head()

        backup = create_backup(Backup.Kind.DATABASE, trigger="command")

        self.assertEqual(backup.status, "succeeded")
        self.assertEqual(backup.drill_status, "passed", backup.drill_error)
        path = self.archive_path(backup)
        self.assertEqual(file_sha256(path), backup.sha256)
        sidecar = path.with_name(path.name + ".sha256").read_text()
        self.assertEqual(sidecar.split()[0], backup.sha256)
        self.assertTrue(Event.objects.filter(action="backups.created").exists())
        self.assertTrue(Event.objects.filter(action="backups.drill_passed").exists())
        manifest = unpack(path, self.tmp).manifest
        # The chain's head at backup time, with the run and inside the archive.
        self.assertTrue(head)
        self.assertEqual(backup.audit_head, head)
        self.assertEqual(manifest["audit_head"], head)

        User.objects.filter(username="kept").delete()
        User.objects.create_user("added-later")
        pages_before = generation.current()
        out = StringIO()
        call_command("backups_restore", str(path), stdout=out)
        # No cached page rendered before the restore is served after it.
        self.assertNotEqual(generation.current(), pages_before)

        self.assertIn("Restored the database", out.getvalue())
        self.assertEqual(
            sorted(User.objects.values_list("username", flat=True)), before
        )
        # The runs taken since (the safety backup) are still listed.
        safety = Backup.objects.get(trigger="restore")
        self.assertTrue(self.archive_path(safety).exists())
        # The restore is in the restored trail, chained on the restored head.
        self.assertEqual(
            Event.objects.order_by("-sequence")[0].action, "backups.restored"
        )
        self.assertTrue(current_head())

    def test_a_backup_taken_while_editors_write_is_consistent(self):
        write_pairs(0, 5)
        stop = threading.Event()

        def writer():
            n = 1000
            try:
                while not stop.is_set():
                    write_pairs(n, 1)
                    n += 1
            finally:
                connection.close()

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            backup = create_backup(Backup.Kind.DATABASE, trigger="command")
        finally:
            stop.set()
            thread.join()
        self.assertEqual(backup.drill_status, "passed", backup.drill_error)

        call_command(
            "backups_restore", str(self.archive_path(backup)), stdout=StringIO()
        )

        a = Group.objects.filter(name__endswith="-a").count()
        b = Group.objects.filter(name__endswith="-b").count()
        self.assertEqual(a, b)
        self.assertGreaterEqual(a, 5)

    def test_media_round_trip(self):
        (self.media / "images").mkdir()
        (self.media / "images" / "a.jpg").write_bytes(b"\xff\xd8 first")
        (self.media / "documents").mkdir()
        (self.media / "documents" / "sop.pdf").write_bytes(b"%PDF sop")
        backup = create_backup(Backup.Kind.MEDIA, trigger="command")
        (self.media / "images" / "a.jpg").write_bytes(b"changed")
        (self.media / "documents" / "new.pdf").write_bytes(b"new")
        pages_before = generation.current()

        call_command("backups_restore", backup.filename, stdout=StringIO())

        self.assertNotEqual(generation.current(), pages_before)

        self.assertEqual(
            (self.media / "images" / "a.jpg").read_bytes(), b"\xff\xd8 first"
        )
        self.assertEqual(
            (self.media / "documents" / "sop.pdf").read_bytes(), b"%PDF sop"
        )
        self.assertFalse((self.media / "documents" / "new.pdf").exists())
