"""Never stale: a change made by an editor (here, through the ORM, or by the
``publish_scheduled`` command in its own process) is seen by the next anonymous
visitor of *another* web server process that had the old page in its cache.

Two gunicorn servers (one process each, each with its own local-memory cache)
share the test database and the generation file, as two workers of one node do.
"""

from __future__ import annotations

import datetime
import http.client
import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from home.builders import make_image, make_section
from home.models import ArticleIndexPage, ArticlePage, SiteSettings
from tests.home.builders import build_article, build_document, build_site, publish
from tests.live import LiveTestCase, child_env, manage, start_server

GENERATION_FILE = str(settings.CMS_PAGE_CACHE_GENERATION_FILE)
API_ARTICLES = "/api/v2/pages/?type=home.ArticlePage&fields=title"


def fetch(port: int, path: str) -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read().decode()
        return response.status, response.getheader("X-Page-Cache") or "", body
    finally:
        conn.close()


@override_settings(CMS_PAGE_CACHE=True)
class InvalidationAcrossWorkersTests(LiveTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="bkp-pagecache-"))
        env = {
            "CMS_PAGE_CACHE": "on",
            "CMS_PAGE_CACHE_GENERATION_FILE": GENERATION_FILE,
        }
        cls.servers = []
        for name in ("a", "b"):
            folder = cls.tmp / name
            folder.mkdir()
            port = cls.free_port()
            cls.servers.append((port, start_server(folder, port, **env)))
        cls.port_a, cls.port_b = (port for port, _ in cls.servers)

    @classmethod
    def tearDownClass(cls):
        for _, child in cls.servers:
            child.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    @staticmethod
    def free_port() -> int:
        from tests.live import free_port

        return free_port()

    def setUp(self):
        self.site = build_site()
        # Created on the first request otherwise (get_or_create), which itself
        # draws a new generation once.
        SiteSettings.for_site(Site.objects.get(is_default_site=True))

    def warm(self, *paths: str) -> None:
        """Both servers hold each page: the second request of each is a hit."""
        for port in (self.port_a, self.port_b):
            for path in paths:
                fetch(port, path)
                status, state, _ = fetch(port, path)
                self.assertEqual((status, state), (200, "hit"), path)

    def on_b(self, path: str) -> tuple[int, str]:
        status, _, body = fetch(self.port_b, path)
        return status, body

    def test_a_publish_shows_on_the_listing_home_sitemap_feed_and_api(self):
        paths = ["/", "/humas/berita/", "/sitemap.xml", "/humas/berita/feed/"]
        self.warm(*paths, API_ARTICLES)
        build_article(self.site.index, "Vaksinasi kru", slug="vaksinasi-kru")
        for path in paths:
            status, body = self.on_b(path)
            self.assertEqual(status, 200, path)
            self.assertIn("vaksinasi-kru", body, path)
        self.assertIn("Vaksinasi kru", self.on_b(API_ARTICLES)[1])

    def test_an_edit_published_shows_on_the_page_and_the_listing(self):
        article = self.site.article
        self.warm(article.url, "/humas/berita/")
        article.title = "Pemeriksaan pilot berkala"
        article.save_revision().publish()
        self.assertIn("Pemeriksaan pilot berkala", self.on_b(article.url)[1])
        self.assertIn("Pemeriksaan pilot berkala", self.on_b("/humas/berita/")[1])

    def test_unpublish_move_and_delete_show_at_once(self):
        article = self.site.article
        self.warm(article.url, "/humas/berita/")
        article.unpublish()
        self.assertEqual(self.on_b(article.url)[0], 404)
        self.assertNotIn("Pemeriksaan pilot", self.on_b("/humas/berita/")[1])

        article.save_revision().publish()
        other = publish(
            self.site.section, ArticleIndexPage(title="Arsip", slug="arsip")
        )
        self.warm(article.url, "/humas/berita/", "/humas/arsip/")
        article.move(other, pos="last-child")
        # Wagtail leaves a redirect from the old address to the new one.
        self.assertNotEqual(self.on_b("/humas/berita/pemeriksaan-pilot/")[0], 200)
        self.assertEqual(self.on_b("/humas/arsip/pemeriksaan-pilot/")[0], 200)
        self.assertIn("Pemeriksaan pilot", self.on_b("/humas/arsip/")[1])

        self.warm("/humas/arsip/")
        ArticlePage.objects.get(pk=article.pk).delete()
        self.assertNotIn("Pemeriksaan pilot", self.on_b("/humas/arsip/")[1])

    def test_a_scheduled_publish_shows_once_the_command_ran(self):
        page = ArticlePage(
            title="Jadwal libur", slug="jadwal-libur", summary="Libur", live=False
        )
        self.site.index.add_child(instance=page)
        page.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
        page.save_revision().publish()
        self.warm("/humas/berita/")
        self.assertNotIn("Jadwal libur", self.on_b("/humas/berita/")[1])
        time.sleep(1.5)
        subprocess.run(  # noqa: S603  (our own manage.py)
            manage("publish_scheduled"),
            env=child_env(CMS_PAGE_CACHE_GENERATION_FILE=GENERATION_FILE),
            check=True,
            capture_output=True,
        )
        self.assertIn("Jadwal libur", self.on_b("/humas/berita/")[1])

    def test_settings_menus_images_and_documents_show_at_once(self):
        self.warm("/")
        contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        contact.phone = "021 555 0199"
        contact.save()
        self.assertIn("021 555 0199", self.on_b("/")[1])

        self.warm("/")
        make_section(self.site.home, "Kepegawaian", slug="kepegawaian")
        self.assertIn('href="/kepegawaian/"', self.on_b("/")[1])

        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
        image = make_image("Gedung", content=buffer.getvalue(), filename="g.png")
        document = build_document("Laporan")
        self.warm("/api/v2/images/", "/api/v2/documents/")
        image.title = "Gedung baru"
        image.save()
        document.title = "Laporan tahunan"
        document.save()
        self.assertIn("Gedung baru", self.on_b("/api/v2/images/")[1])
        self.assertIn("Laporan tahunan", self.on_b("/api/v2/documents/")[1])
