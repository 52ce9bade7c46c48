"""What any deployment gets from the settings: host checks, deploy checks, no v3 API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from tests.live import ROOT


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "AUDIT_"))
    }
    child_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class HostHeaderTests(TestCase):
    def test_it_answers_an_unknown_host_with_400(self):
        response = self.client.get("/", HTTP_HOST="evil.example.com")
        self.assertEqual(response.status_code, 400)

    def test_it_does_not_serve_the_write_capable_v3_api(self):
        response = self.client.get("/api/v3/pages/")
        self.assertEqual(response.status_code, 404)


class ProductionSettingsTests(SimpleTestCase):
    production = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_ALLOWED_HOSTS": "bkp.example.go.id",
    }

    def test_deploy_check_is_clean_when_required_variables_are_set(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY="x9" * 30 + "-production-like-random-key",
            AUDIT_CHAIN_KEY="k7" * 30,
            **self.production,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_it_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", **self.production)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY is not set", result.stderr)

    def test_it_refuses_to_start_without_an_audit_chain_key(self):
        result = run_manage(
            "check", DJANGO_SECRET_KEY="x9" * 30 + "-production-like", **self.production
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("AUDIT_CHAIN_KEY is not set", result.stderr)


class EnvironmentReachesSettingsTests(SimpleTestCase):
    """What README documents as configurable is what Django ends up using."""

    def test_values_and_name_file_secrets_reach_the_settings_in_use(self):
        folder = Path(tempfile.mkdtemp(prefix="bkp-settings-"))
        secret = folder / "secret-key"
        secret.write_text("k7" * 30 + "-from-a-file\n")
        limit = folder / "axes-limit"
        limit.write_text("9\n")
        code = (
            "import json; from django.conf import settings as s; print(json.dumps(["
            "s.SECRET_KEY, s.AXES_FAILURE_LIMIT, "
            "s.STORAGES['dbbackup']['OPTIONS']['location'], s.ALLOWED_HOSTS]))"
        )
        result = run_manage(
            "shell",
            "--no-imports",
            "-c",
            code,
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DJANGO_SECRET_KEY_FILE=str(secret),
            AXES_FAILURE_LIMIT_FILE=str(limit),
            BACKUPS_ROOT=str(folder / "archives"),
            DJANGO_ALLOWED_HOSTS="bkp.example.go.id",
            AUDIT_CHAIN_KEY="a1" * 20,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            json.loads(result.stdout.strip().splitlines()[-1]),
            [
                "k7" * 30 + "-from-a-file",
                9,
                str(folder / "archives"),
                ["bkp.example.go.id"],
            ],
        )
