"""deploy/render_nginx.py: the site file nginx gets, and its refusals."""

from __future__ import annotations

import re
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase

from tests.live import ROOT

RENDER = [sys.executable, str(ROOT / "deploy" / "render_nginx.py")]
REQUIRED = ["--server-name", "bkp.example.go.id", "--cert", "/c.pem", "--key", "/k.pem"]


def render(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RENDER, *args], capture_output=True, text=True, check=False)


def megabytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", size).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


class RenderNginxTests(SimpleTestCase):
    def test_every_placeholder_is_filled_with_production_defaults(self):
        result = render(*REQUIRED)
        self.assertEqual(result.returncode, 0, result.stderr)
        site = result.stdout
        self.assertNotRegex(site, r"@[A-Z_]+@")
        self.assertIn("server 127.0.0.1:8000 max_fails=3", site)
        self.assertIn("listen 443 ssl http2;", site)
        self.assertIn("return 301 https://$host$request_uri;", site)
        self.assertIn("alias /srv/bkp/var/media/$1/$2;", site)
        self.assertIn("alias /srv/bkp/var/staticfiles/;", site)

    def test_the_body_limit_fits_the_largest_upload_and_little_more(self):
        site = render(*REQUIRED).stdout
        limit = megabytes(re.search(r"client_max_body_size (\S+);", site).group(1))
        largest = max(
            settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
            getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024),
        )
        self.assertGreater(limit, largest)
        self.assertLess(limit, largest + 2 * 1024 * 1024)

    def test_several_nodes_and_names(self):
        site = render(
            *REQUIRED,
            "--server-name",
            "www.bkp.example.go.id",
            "--upstream",
            "10.0.0.11:8000",
            "--upstream",
            "10.0.0.12:8000",
        ).stdout
        self.assertIn("server_name bkp.example.go.id www.bkp.example.go.id;", site)
        self.assertIn("server 10.0.0.11:8000", site)
        self.assertIn("server 10.0.0.12:8000", site)

    def test_a_relative_path_is_refused_with_one_sentence(self):
        result = render(*REQUIRED, "--media-root", "var/media")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "'var/media' is not an absolute path.\n")
