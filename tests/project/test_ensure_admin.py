"""cms_ensure_admin: the newcomer's first admin account, created once."""

from __future__ import annotations

import os
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings


class AdminCommandTestCase(TestCase):
    def setUp(self):
        self.var = Path(tempfile.mkdtemp(prefix="bkp-admin-"))
        self.addCleanup(shutil.rmtree, self.var, ignore_errors=True)
        patcher = override_settings(VAR_DIR=self.var)
        patcher.enable()
        self.addCleanup(patcher.disable)

    def run_command(self, **env: str) -> str:
        out = StringIO()
        clean = {
            k: v for k, v in os.environ.items() if not k.startswith("DJANGO_ADMIN")
        }
        with mock.patch.dict(os.environ, {**clean, **env}, clear=True):
            call_command("cms_ensure_admin", stdout=out)
        return out.getvalue()


class EnsureAdminTests(AdminCommandTestCase):
    def test_it_creates_a_superuser_with_a_generated_password_it_tells_once(self):
        output = self.run_command()
        note = (self.var / "initial-admin.txt").read_text()
        password = note.split("password: ")[1].strip()
        self.assertIn(password, output)
        self.assertEqual(
            oct((self.var / "initial-admin.txt").stat().st_mode & 0o777), "0o600"
        )
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser)
        self.assertTrue(admin.check_password(password))

    def test_it_does_nothing_when_an_admin_exists(self):
        self.run_command()
        output = self.run_command(DJANGO_ADMIN_USERNAME="second")
        self.assertIn("already exists", output)
        self.assertEqual(get_user_model().objects.count(), 1)

    def test_it_takes_the_account_from_the_environment(self):
        self.run_command(
            DJANGO_ADMIN_USERNAME="petugas",
            DJANGO_ADMIN_EMAIL="petugas@bkp.example.go.id",
            DJANGO_ADMIN_PASSWORD="Kuat-dan-panjang-2026",
        )
        officer = get_user_model().objects.get(username="petugas")
        self.assertTrue(officer.check_password("Kuat-dan-panjang-2026"))
        self.assertFalse((self.var / "initial-admin.txt").exists())

    def test_it_reads_the_password_from_a_file(self):
        secret = self.var / "admin-password"
        secret.write_text("Kuat-dan-panjang-2026\n")
        self.run_command(DJANGO_ADMIN_PASSWORD_FILE=str(secret))
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.check_password("Kuat-dan-panjang-2026"))
        self.assertFalse((self.var / "initial-admin.txt").exists())

    def test_it_refuses_a_weak_password_from_the_environment(self):
        with self.assertRaisesMessage(
            CommandError, "DJANGO_ADMIN_PASSWORD is too weak"
        ):
            self.run_command(DJANGO_ADMIN_PASSWORD="12345")
        self.assertFalse(get_user_model().objects.exists())


class InitialPasswordNoteTests(AdminCommandTestCase):
    """var/initial-admin.txt goes as soon as its password no longer logs in."""

    def setUp(self):
        super().setUp()
        self.run_command()
        self.note = self.var / "initial-admin.txt"
        self.admin = get_user_model().objects.get(username="admin")

    def test_it_is_removed_when_the_password_is_changed(self):
        self.admin.set_password("Baru-dan-panjang-2026")
        self.admin.save()
        self.assertFalse(self.note.exists())

    def test_it_stays_while_the_generated_password_still_works(self):
        self.client.post(
            "/admin/login/",
            {
                "username": "admin",
                "password": self.note.read_text().split("password: ")[1].strip(),
            },
        )
        self.admin.refresh_from_db()
        self.assertIsNotNone(self.admin.last_login)
        self.admin.first_name = "Petugas"
        self.admin.save()
        self.assertTrue(self.note.exists())

    def test_changing_another_users_password_leaves_it(self):
        other = get_user_model().objects.create_user("petugas", password="x-pw-1")
        other.set_password("y-pw-2")
        other.save()
        self.assertTrue(self.note.exists())

    def test_the_next_run_removes_it_when_the_password_changed_unseen(self):
        # As a raw update (or another process's change) sends no signal.
        self.admin.set_password("Baru-dan-panjang-2026")
        get_user_model().objects.filter(pk=self.admin.pk).update(
            password=self.admin.password
        )
        self.assertTrue(self.note.exists())
        output = self.run_command()
        self.assertIn("Removed var/initial-admin.txt", output)
        self.assertFalse(self.note.exists())

    def test_the_next_run_removes_it_when_the_account_is_gone(self):
        self.admin.delete()
        self.run_command(DJANGO_ADMIN_PASSWORD="Kuat-dan-panjang-2026")
        self.assertFalse(self.note.exists())
