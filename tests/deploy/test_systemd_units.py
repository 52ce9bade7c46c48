"""The systemd units and the environment file template in deploy/.

`systemd-analyze verify` runs when it is installed (Debian 12 has it with
systemd); it needs the programs a unit starts to exist, so the units are
checked with /srv/bkp/app pointed at this checkout.
"""

from __future__ import annotations

import configparser
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management import get_commands
from django.test import SimpleTestCase

from tests.live import ROOT

UNITS = ROOT / "deploy" / "systemd"
SERVICES = ["bkp-web.service", "bkp-worker.service", "bkp-scheduler.service"]
ENV_TEMPLATE = ROOT / "deploy" / "bkp.env.example"
HARDENING = {
    "User": "bkp",
    "Group": "bkp",
    "NoNewPrivileges": "yes",
    "PrivateTmp": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "ReadWritePaths": "/srv/bkp/var",
    "UMask": "0027",
    "CapabilityBoundingSet": "",
    "Restart": "on-failure",
    "EnvironmentFile": "/etc/bkp/bkp.env",
}


def parse(name: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def env_template() -> dict[str, str]:
    """Every VARIABLE=value in the template, commented-out examples included."""
    values = {}
    for line in ENV_TEMPLATE.read_text().splitlines():
        match = re.match(r"^#?([A-Z][A-Z0-9_]+)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


class SystemdUnitTests(SimpleTestCase):
    def test_each_service_runs_hardened_as_the_site_user_and_restarts(self):
        for name in SERVICES:
            service = parse(name)["Service"]
            for key, value in HARDENING.items():
                with self.subTest(unit=name, key=key):
                    self.assertEqual(service.get(key), value)

    def test_the_target_starts_and_stops_the_three_together(self):
        target = parse("bkp.target")
        self.assertEqual(target["Unit"]["Wants"].split(), SERVICES)
        self.assertEqual(target["Install"]["WantedBy"], "multi-user.target")
        for name in SERVICES:
            unit = parse(name)
            self.assertEqual(unit["Unit"]["PartOf"], "bkp.target")
            self.assertEqual(unit["Install"]["WantedBy"], "bkp.target")

    def test_each_service_starts_something_this_checkout_has(self):
        commands = get_commands()
        for name in SERVICES:
            argv = parse(name)["Service"]["ExecStart"].split()
            with self.subTest(unit=name):
                self.assertTrue(argv[0].startswith("/srv/bkp/app/.venv/bin/"))
                if "manage.py" in argv:
                    self.assertIn(argv[argv.index("manage.py") + 1], commands)
                for arg in argv[1:]:
                    if arg.startswith("/srv/bkp/app/"):
                        path = ROOT / arg.removeprefix("/srv/bkp/app/")
                        self.assertTrue(path.exists(), arg)

    def test_the_environment_file_keeps_state_where_the_units_may_write(self):
        values = env_template()
        self.assertEqual(values["CMS_VAR_DIR"], HARDENING["ReadWritePaths"])
        for name in ("DJANGO_MEDIA_ROOT", "DJANGO_STATIC_ROOT", "BACKUPS_ROOT"):
            self.assertTrue(values[name].startswith(values["CMS_VAR_DIR"] + "/"))
        self.assertFalse(
            values["BACKUPS_ROOT"].startswith(values["DJANGO_MEDIA_ROOT"] + "/")
        )

    def test_systemd_analyze_verify_accepts_the_units(self):
        analyze = shutil.which("systemd-analyze")
        if analyze is None:
            self.skipTest("systemd-analyze is not installed (Debian: systemd).")
        with tempfile.TemporaryDirectory() as tmp:
            for unit in [*SERVICES, "bkp.target"]:
                text = (UNITS / unit).read_text()
                text = text.replace("/srv/bkp/app", str(ROOT))
                text = text.replace("/srv/bkp/var", tmp)
                (Path(tmp) / unit).write_text(text)
            result = subprocess.run(
                [analyze, "verify", "--man=no", *sorted(Path(tmp).glob("bkp*"))],
                capture_output=True,
                text=True,
                check=False,
            )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr.strip(), "")


class EnvironmentTemplateTests(SimpleTestCase):
    def test_every_variable_is_one_the_project_reads(self):
        sources = "\n".join(
            path.read_text()
            for path in [*(ROOT / "cms" / "settings").glob("*.py")]
            + [ROOT / "deploy" / "gunicorn.conf.py"]
        )
        for name in env_template():
            if name == "DJANGO_SETTINGS_MODULE":  # read by Django itself
                continue
            with self.subTest(name):
                self.assertTrue(f'"{name}"' in sources, f"nothing reads {name}")

    def test_the_filled_in_template_passes_check_deploy(self):
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "AUDIT_", "CMS_", "DATABASE_"))
            }
            for name, value in env_template().items():
                env[name] = value.replace("CHANGE-ME", secrets.token_urlsafe(48))
            # This machine's folders instead of /srv/bkp/var.
            for name in (
                "CMS_VAR_DIR",
                "DJANGO_MEDIA_ROOT",
                "DJANGO_STATIC_ROOT",
                "BACKUPS_ROOT",
            ):
                env[name] = env[name].replace("/srv/bkp/var", tmp)
            env.pop("DATABASE_URL")  # commented out: SQLite under CMS_VAR_DIR
            env.pop("REDIS_URL")
            # commented out: the template trusts a count, not a list, of proxies
            env.pop("DJANGO_TRUSTED_PROXIES")
            result = subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "check",
                    "--deploy",
                    "--fail-level",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no issues", result.stdout)
