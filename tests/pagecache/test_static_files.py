"""Static files leave collectstatic hashed, gzipped and brotli-compressed, and
WhiteNoise serves them compressed with far-future caching (production storage)."""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from pathlib import Path

import brotli
from django.core.management import call_command
from django.test import TestCase, override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Only our own sources: the admin's thousands of files add nothing here.
IGNORE = ["wagtail*", "rest_framework", "admin", "scheduler", "django_extensions"]


class CompressedStaticFilesTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = Path(tempfile.mkdtemp(prefix="bkp-static-"))
        cls.settings = override_settings(
            STATIC_ROOT=cls.root,
            STORAGES=PRODUCTION_STATIC,
            WHITENOISE_USE_FINDERS=False,
            WHITENOISE_AUTOREFRESH=False,
        )
        cls.settings.enable()
        call_command(
            "collectstatic", interactive=False, verbosity=0, ignore_patterns=IGNORE
        )

    @classmethod
    def tearDownClass(cls):
        cls.settings.disable()
        shutil.rmtree(cls.root, ignore_errors=True)
        super().tearDownClass()

    def hashed(self, name: str) -> str:
        manifest = json.loads((self.root / "staticfiles.json").read_text())
        return manifest["paths"][name]

    def get(self, path: str, encoding: str):
        response = self.client.get(f"/static/{path}", HTTP_ACCEPT_ENCODING=encoding)
        self.assertEqual(response.status_code, 200)
        return response, b"".join(response.streaming_content)

    def test_a_hashed_file_is_served_brotli_or_gzip_and_kept_a_year(self):
        path = self.hashed("css/site.css")
        original = (self.root / path).read_bytes()
        for encoding, decompress in (
            ("br", brotli.decompress),
            ("gzip", gzip.decompress),
        ):
            with self.subTest(encoding=encoding):
                response, body = self.get(path, f"{encoding}, identity")
                self.assertEqual(response["Content-Encoding"], encoding)
                self.assertLess(len(body), len(original))
                self.assertEqual(decompress(body), original)
                self.assertIn("max-age=315360000", response["Cache-Control"])
                self.assertIn("immutable", response["Cache-Control"])
                self.assertIn("Accept-Encoding", response["Vary"])
        response, body = self.get(path, "identity")
        self.assertFalse(response.has_header("Content-Encoding"))
        self.assertEqual(body, original)

    def test_an_unhashed_name_is_not_kept_long(self):
        response, _ = self.get("css/site.css", "identity")
        self.assertNotIn("immutable", response.get("Cache-Control", ""))
