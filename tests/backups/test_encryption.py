"""GPG round trip: an encrypted backup drills and restores with the right key,
and is refused, live data untouched, with another."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import unittest

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from backups.creation import create_backup
from backups.models import Backup

from .utils import BackupFolders, live_state


def make_keyring(email: str) -> str:
    import gnupg

    # Short path: gpg-agent's socket lives in it.
    home = tempfile.mkdtemp(prefix="gpg-", dir="/tmp")
    gpg = gnupg.GPG(gnupghome=home)
    key = gpg.gen_key(
        gpg.gen_key_input(
            key_type="RSA", key_length=2048, name_email=email, no_protection=True
        )
    )
    if not key.fingerprint:
        raise unittest.SkipTest(f"gpg cannot make a key here: {key.stderr}")
    return home


class EncryptionTests(BackupFolders, TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if shutil.which("gpg") is None:
            raise unittest.SkipTest("The gpg program is not installed.")
        cls.ours = make_keyring("backups@example.go.id")
        cls.theirs = make_keyring("other@example.go.id")

    @classmethod
    def tearDownClass(cls):
        for home in (cls.ours, cls.theirs):
            subprocess.run(
                ["gpgconf", "--homedir", home, "--kill", "gpg-agent"], check=False
            )
            shutil.rmtree(home, ignore_errors=True)
        super().tearDownClass()

    def test_an_encrypted_backup_drills_and_refuses_another_key(self):
        with override_settings(
            BACKUPS_GPG_RECIPIENT="backups@example.go.id", BACKUPS_GPG_HOME=self.ours
        ):
            backup = create_backup(Backup.Kind.DATABASE, trigger="command")
            self.assertTrue(backup.encrypted)
            self.assertRegex(backup.filename, r"\.tar(\.gz)?\.gpg$")
            self.assertEqual(backup.drill_status, "passed", backup.drill_error)
            path = self.archive_path(backup)
            self.assertNotIn(b"manifest.json", path.read_bytes()[:4096])
            out = io.StringIO()
            call_command("backups_restore", backup.filename, "--check", stdout=out)
            self.assertIn("is sound", out.getvalue())

        before = live_state()
        with override_settings(BACKUPS_GPG_HOME=self.theirs):
            with self.assertRaises(CommandError) as caught:
                call_command("backups_restore", backup.filename, stdout=io.StringIO())
        self.assertEqual(
            str(caught.exception),
            "The archive is encrypted with a key this machine does not hold.",
        )
        self.assertEqual(live_state(), before)
        self.assertFalse(Backup.objects.filter(trigger="restore").exists())
