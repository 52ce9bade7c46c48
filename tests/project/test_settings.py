"""What any deployment gets from the settings: host checks, deploy checks, no v3 API."""

from __future__ import annotations

import os
import subprocess
import sys

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
