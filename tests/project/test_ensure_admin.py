"""cms_ensure_admin: the newcomer's first admin account, created once."""

from __future__ import annotations

import os
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings


class EnsureAdminTests(TestCase):
    def setUp(self):
        self.var = Path(tempfile.mkdtemp(prefix="bkp-admin-"))
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

    def test_it_refuses_a_weak_password_from_the_environment(self):
        with self.assertRaisesMessage(
            CommandError, "DJANGO_ADMIN_PASSWORD is too weak"
        ):
            self.run_command(DJANGO_ADMIN_PASSWORD="12345")
        self.assertFalse(get_user_model().objects.exists())
