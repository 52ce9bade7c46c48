from __future__ import annotations

import time

from django.test import TestCase, override_settings

from audit.monitoring.linkcheck import crawl
from audit.monitoring.models import BrokenLink, LinkKind
from cms.scheduler.registry import registry
from tests.monitoring.utils import StubSite

HOME = """<html><body>
<a href="/ok/">ok</a> <a href="/hilang/">hilang</a> <a href="/ok/#bagian">ok again</a>
<img src="/media/images/hilang.jpg" alt="">
<a href="/documents/9/hilang.pdf">pdf</a>
<a href="/admin/pages/">admin</a>
<a href="https://example.invalid/">outside</a>
<a href="mailto:humas@example.go.id">mail</a>
</body></html>"""


@override_settings(MONITORING_LINKCHECK_PER_MINUTE=600, MONITORING_TIMEOUT_SECONDS=2)
class LinkCheckTests(TestCase):
    def test_it_records_broken_links_images_and_documents_at_a_bounded_pace(self):
        pages = {
            "/": (200, HOME),
            "/ok/": (200, "<html><body><a href='/'>home</a></body></html>"),
        }
        with (
            StubSite(status=404, pages=pages) as site,
            self.settings(MONITORING_BASE_URL=site.url),
        ):
            start = time.monotonic()
            run = crawl(["/"])
            elapsed = time.monotonic() - start

        found = {(b.kind, b.target_url, b.status) for b in BrokenLink.objects.all()}
        self.assertEqual(
            found,
            {
                (LinkKind.LINK, "/hilang/", 404),
                (LinkKind.IMAGE, "/media/images/hilang.jpg", 404),
                (LinkKind.DOCUMENT, "/documents/9/hilang.pdf", 404),
            },
        )
        requested = [path for _method, path in site.requests]
        # Each URL once; never the admin, never another site.
        self.assertEqual(len(requested), len(set(requested)))
        self.assertNotIn("/admin/pages/", requested)
        self.assertEqual(run.requests, 5)
        # 600 a minute: at least 0.1 s between two requests.
        self.assertGreaterEqual(elapsed, 0.4)
        self.assertEqual(run.pages_checked, 2)

    def test_a_new_check_replaces_the_previous_findings(self):
        with StubSite(status=200) as site, self.settings(MONITORING_BASE_URL=site.url):
            BrokenLink.objects.create(
                found_at="2026-01-01T00:00Z",
                source_url="/",
                target_url="/dulu/",
                kind=LinkKind.LINK,
                status=404,
            )
            crawl(["/"])
        self.assertFalse(BrokenLink.objects.exists())


class JobTests(TestCase):
    def test_the_jobs_are_declared_with_their_default_schedules(self):
        probe = registry.get("monitoring.probe")
        self.assertEqual((probe.default.frequency, probe.default.every), ("minutes", 5))
        self.assertIn("monitoring.fold_days", registry)
        self.assertIn("monitoring.check_links", registry)
