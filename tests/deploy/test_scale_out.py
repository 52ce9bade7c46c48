"""Several machines by configuration only: S3-compatible media and backups
(django-storages) and Wagtail's frontend-cache purge, each from the environment.

No S3 server is started (moto is not a dependency): the storages are built
and asked for URLs, which needs no network. The purge is real: a page published
by a process with the production settings sends PURGE to a local server.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.test import SimpleTestCase

from tests.deploy.stack import production_env, run_manage
from tests.live import ROOT, Child, LiveTestCase, children, manage, wait_for

SHOW = """
import json
from django.conf import settings
from django.core.files.storage import storages
print(json.dumps({
    "default": settings.STORAGES["default"]["BACKEND"],
    "dbbackup": settings.STORAGES["dbbackup"]["BACKEND"],
    "image_url": storages["default"].url("images/runway.fill-600x340.png"),
    "backup_url": storages["dbbackup"].url("db-2026-11-25.psql.bin"),
    "purge": sorted(settings.WAGTAILFRONTENDCACHE),
    "app": "wagtail.contrib.frontend_cache" in settings.INSTALLED_APPS,
}))
"""


def settings_for(env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        base = production_env(Path(tmp), 443)
        base.pop("DATABASE_URL")
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + SHOW],
            cwd=ROOT,
            env={**base, **env},
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return json.loads(result.stdout)


S3 = {
    "DJANGO_MEDIA_S3_BUCKET": "bkp-media",
    "BACKUPS_S3_BUCKET": "bkp-backups",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.internal",
    "AWS_S3_REGION_NAME": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
    "AWS_SECRET_ACCESS_KEY": "example-secret-example-secret-example-00",
}


class StorageSettingsTests(SimpleTestCase):
    def test_without_configuration_everything_stays_on_local_disk(self):
        shown = settings_for({})
        self.assertEqual(
            shown["default"], "django.core.files.storage.FileSystemStorage"
        )
        self.assertEqual(shown["image_url"], "/media/images/runway.fill-600x340.png")
        self.assertEqual(shown["purge"], [])
        self.assertFalse(shown["app"])

    def test_a_bucket_moves_media_and_backups_to_s3(self):
        shown = settings_for(S3)
        self.assertEqual(shown["default"], "storages.backends.s3.S3Storage")
        self.assertEqual(shown["dbbackup"], "storages.backends.s3.S3Storage")
        # Images: plain public URLs under media/, cacheable.
        self.assertTrue(
            shown["image_url"].startswith(
                "https://s3.example.internal/bkp-media/media/images/runway"
            ),
            shown["image_url"],
        )
        self.assertNotIn("Signature", shown["image_url"])
        # Backups: another bucket, never a public URL.
        self.assertIn("bkp-backups/backups/db-2026-11-25", shown["backup_url"])
        self.assertIn("Signature", shown["backup_url"])

    def test_images_can_be_served_from_a_cdn_domain(self):
        shown = settings_for({**S3, "AWS_S3_CUSTOM_DOMAIN": "cdn.bkp.example.go.id"})
        self.assertEqual(
            shown["image_url"],
            "https://cdn.bkp.example.go.id/media/images/runway.fill-600x340.png",
        )
        self.assertIn("Signature", shown["backup_url"])

    def test_purge_backends_come_from_the_environment(self):
        shown = settings_for(
            {
                "WAGTAIL_FRONTEND_CACHE_PURGE_URLS": "http://10.0.0.5:6081,http://10.0.0.6:6081",
                "CLOUDFLARE_ZONE_ID": "zone",
                "CLOUDFLARE_BEARER_TOKEN": "token",
            }
        )
        self.assertEqual(shown["purge"], ["cloudflare", "http0", "http1"])
        self.assertTrue(shown["app"])


class PurgeRecorder(BaseHTTPRequestHandler):
    purged: list[tuple[str, str]] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):  # noqa: A002
        pass


class FrontendCachePurgeTests(LiveTestCase):
    def test_publishing_a_page_purges_it_from_the_configured_cache(self):
        server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        PurgeRecorder.purged = []
        with tempfile.TemporaryDirectory() as tmp:
            env = production_env(Path(tmp), 443)
            env["WAGTAIL_FRONTEND_CACHE_PURGE_URLS"] = (
                f"http://127.0.0.1:{server.server_address[1]}"
            )
            # Wagtail purges through a task: the node's worker sends it.
            worker = Child(
                "worker",
                manage(
                    "db_worker",
                    "--no-reload",
                    "--no-startup-delay",
                    "--interval",
                    "0.2",
                ),
                env,
                Path(tmp) / "worker.log",
            )
            with children(worker):
                run_manage(
                    env,
                    "shell",
                    "-c",
                    "from wagtail.models import Page; "
                    "page = Page.objects.get(depth=2).specific; "
                    "page.title = 'Selamat datang'; page.save_revision().publish()",
                )
                wait_for(
                    lambda: ("localhost", "/") in PurgeRecorder.purged,
                    timeout=30,
                    message=lambda: (
                        f"no purge: {PurgeRecorder.purged}\n" + worker.output()
                    ),
                )
