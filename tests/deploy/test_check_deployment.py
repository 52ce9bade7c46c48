"""cms_check_deployment: plain sentences for each problem, exit 1 when any."""

from __future__ import annotations

import functools
import shutil
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from cms.deployment import (
    check_folders,
    check_migrations,
    check_public_site,
    check_settings,
    check_worker,
)

GOOD_KEY = "k" * 60


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base's name)
        pass


class CheckDeploymentTests(TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-check-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def storages_with_backups_in(self, folder: Path) -> dict:
        return {
            **settings.STORAGES,
            "dbbackup": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(folder)},
            },
        }

    def test_it_names_each_unsafe_setting(self):
        with override_settings(
            DEBUG=True,
            SECRET_KEY="dev-only-insecure-key",
            ALLOWED_HOSTS=["*"],
            CMS_TRUSTED_PROXY_COUNT=0,
        ):
            problems = check_settings().problems
        text = "\n".join(problems)
        for expected in (
            "DEBUG is on",
            "DJANGO_SECRET_KEY is missing, short or a development key",
            "DJANGO_ALLOWED_HOSTS does not name the site",
            "DJANGO_TRUSTED_PROXY_COUNT is 0",
        ):
            self.assertIn(expected, text)

    @override_settings(
        SECRET_KEY=GOOD_KEY,
        AUDIT_CHAIN_KEY=GOOD_KEY,
        ALLOWED_HOSTS=["bkp.example.go.id"],
        CMS_TRUSTED_PROXY_COUNT=1,
        WAGTAILADMIN_BASE_URL="https://bkp.example.go.id",
    )
    def test_production_values_pass_the_settings_check(self):
        report = check_settings()
        self.assertEqual(report.problems, [])
        self.assertEqual(report.fine, ["Production settings are in place."])

    @override_settings(
        SECRET_KEY=GOOD_KEY,
        AUDIT_CHAIN_KEY=GOOD_KEY,
        ALLOWED_HOSTS=["bkp.example.go.id"],
        CMS_TRUSTED_PROXY_COUNT=0,
        CMS_TRUSTED_PROXIES=["127.0.0.1"],
        WAGTAILADMIN_BASE_URL="https://bkp.example.go.id",
    )
    def test_a_list_of_trusted_proxies_is_enough(self):
        self.assertEqual(check_settings().problems, [])

    def test_an_up_to_date_database_passes(self):
        self.assertEqual(check_migrations().problems, [])

    def test_it_refuses_backups_inside_a_served_folder(self):
        media = self.tmp / "media"
        (media / "backups").mkdir(parents=True)
        with override_settings(
            MEDIA_ROOT=media, STORAGES=self.storages_with_backups_in(media / "backups")
        ):
            problems = check_folders().problems
        self.assertEqual(len(problems), 1)
        self.assertIn("is inside MEDIA_ROOT", problems[0])

    def test_it_reports_a_missing_folder(self):
        with override_settings(
            MEDIA_ROOT=self.tmp / "nowhere",
            STORAGES=self.storages_with_backups_in(self.tmp / "backups-nowhere"),
        ):
            problems = check_folders().problems
        self.assertEqual(len(problems), 2)
        self.assertIn("The media folder", problems[0])
        self.assertIn("does not exist", problems[1])

    def test_it_finds_media_and_backups_a_naive_web_server_serves(self):
        # A web server that serves the whole state folder, as a careless
        # `root /srv/bkp/var;` would.
        media, backups = self.tmp / "media", self.tmp / "backups"
        media.mkdir()
        backups.mkdir()
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(QuietHandler, directory=self.tmp)
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        (self.tmp / "robots.txt").write_text("User-agent: *\n")
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with override_settings(
            MEDIA_ROOT=media, STORAGES=self.storages_with_backups_in(backups)
        ):
            problems = check_public_site(url).problems
        self.assertEqual(len(problems), 4, problems)
        for kind in ("documents", "SVG image", "HTML", "backup"):
            self.assertTrue(
                any(f"serves a {kind} file it must not" in p for p in problems), kind
            )
        # The probes are removed again.
        self.assertEqual(list(media.rglob("deploy-check-*")), [])
        self.assertEqual(list(backups.iterdir()), [])

    def test_an_unreachable_site_is_one_sentence(self):
        problems = check_public_site("http://127.0.0.1:9").problems
        self.assertEqual(len(problems), 1)
        self.assertIn("cannot be reached", problems[0])

    def test_a_worker_running_the_probe_task_passes(self):
        # The test settings run tasks at once, as a live worker would.
        report = check_worker(wait=2)
        self.assertEqual(report.problems, [])

    def test_the_command_exits_non_zero_with_one_sentence(self):
        out = StringIO()
        with self.assertRaises(CommandError) as raised:
            call_command("cms_check_deployment", "--worker-wait", "0", stdout=out)
        self.assertRegex(
            str(raised.exception),
            r"^The deployment has \d+ problem\(s\) to fix, listed above\.$",
        )
        self.assertIn("FIX   ", out.getvalue())
        self.assertIn("OK    The database is reachable", out.getvalue())
