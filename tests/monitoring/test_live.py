"""Probes and the link checker through the real stack: gunicorn on the test DB."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.test import override_settings
from PIL import Image as PILImage

from audit.monitoring.availability import key_paths, run_probes
from audit.monitoring.linkcheck import check_links
from audit.monitoring.models import BrokenLink, LinkKind, Outcome, ProbeResult
from home.builders import make_document, make_image
from tests.home.builders import build_article, build_site
from tests.live import LiveTestCase, free_port, start_server


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@override_settings(MONITORING_LINKCHECK_PER_MINUTE=6000, MONITORING_TIMEOUT_SECONDS=10)
class LiveSiteTests(LiveTestCase):
    def setUp(self):
        self.site = build_site()
        tmp = Path(tempfile.mkdtemp(prefix="bkp-monitoring-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(tmp, port)
        self.addCleanup(self.web.stop)

    def test_a_probe_of_the_live_site_records_success(self):
        with self.settings(MONITORING_BASE_URL=self.base):
            paths = key_paths()
            summary = run_probes()
        self.assertIn("/", paths)
        self.assertIn("/en/", paths)
        self.assertIn("/humas/", paths)
        self.assertIn("/humas/masukan/", paths)
        self.assertIn("/api/v2/pages/?limit=1", paths)
        self.assertIn("/static/css/site.css", paths)
        self.assertEqual(
            summary.run.outcome, Outcome.UP, list(ProbeResult.objects.values())
        )
        results = ProbeResult.objects.filter(run=summary.run)
        self.assertEqual(results.count(), len(paths))
        for result in results:
            self.assertEqual(result.status, 200, result.url)
            self.assertGreater(result.size, 0)
            self.assertIsNotNone(result.latency_ms)

    def test_the_link_checker_finds_a_broken_link_a_missing_image_and_document(self):
        image = make_image("Hilang", content=png(), filename="hilang.png")
        image.file.storage.delete(image.file.name)
        document = make_document("Surat", content=b"isi", filename="surat.txt")
        document.file.storage.delete(document.file.name)
        build_article(
            self.site.index,
            "Artikel rusak",
            slug="artikel-rusak",
            body=[
                ("paragraph", '<p><a href="/tidak-ada/">Tautan mati</a></p>'),
                ("image", {"image": image, "alt_text": "Gambar", "caption": ""}),
                ("document", {"document": document, "title": "Surat"}),
            ],
        )
        with self.settings(MONITORING_BASE_URL=self.base):
            run = check_links()
        self.assertGreater(run.pages_checked, 10)
        broken = {(b.kind, b.target_url) for b in BrokenLink.objects.all()}
        sources = set(BrokenLink.objects.values_list("source_url", flat=True))
        self.assertIn((LinkKind.LINK, "/tidak-ada/"), broken)
        self.assertTrue(any(kind == LinkKind.IMAGE for kind, _url in broken), broken)
        self.assertTrue(
            any(kind == LinkKind.DOCUMENT and "surat" in url for kind, url in broken),
            broken,
        )
        self.assertEqual(sources, {"/humas/berita/artikel-rusak/"})
