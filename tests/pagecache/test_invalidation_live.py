"""Never stale: a change made by an editor (here, through the ORM, or by the
``publish_scheduled`` command in its own process) is seen by the next anonymous
visitor of *another* web server process that had the old page in its cache.

Two gunicorn servers (one process each) share the test database and either the
generation file, each with its own local-memory cache, as two workers of one
machine do, or one Redis for pages and generation, as several nodes do.
"""

from __future__ import annotations

import datetime
import http.client
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from unittest import skipUnless

from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from home.builders import make_image, make_section
from home.models import ArticleIndexPage, ArticlePage, SiteSettings
from tests.deploy.stack import REDIS_SERVER, SKIP_NO_REDIS, _redis_answers
from tests.home.builders import build_article, build_document, build_site, publish
from tests.live import (
    Child,
    LiveTestCase,
    child_env,
    free_port,
    manage,
    start_server,
    wait_for,
)

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


class TwoServers:
    """Starts servers a and b once for the class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="bkp-pagecache-"))
        cls.children = []
        env = cls.server_env()
        servers = []
        for name in ("a", "b"):
            folder = cls.tmp / name
            folder.mkdir()
            port = free_port()
            cls.children.append(start_server(folder, port, **env))
            servers.append(port)
        cls.port_a, cls.port_b = servers

    @classmethod
    def server_env(cls) -> dict[str, str]:
        return {
            "CMS_PAGE_CACHE": "on",
            "CMS_PAGE_CACHE_GENERATION_FILE": GENERATION_FILE,
        }

    @classmethod
    def tearDownClass(cls):
        for child in cls.children:
            child.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

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


class PublishTests:
    def test_a_publish_shows_on_the_listing_home_sitemap_feed_and_api(self):
        paths = ["/", "/humas/berita/", "/sitemap.xml", "/humas/berita/feed/"]
        self.warm(*paths, API_ARTICLES)
        build_article(self.site.index, "Vaksinasi kru", slug="vaksinasi-kru")
        for path in paths:
            status, body = self.on_b(path)
            self.assertEqual(status, 200, path)
            self.assertIn("vaksinasi-kru", body, path)
        self.assertIn("Vaksinasi kru", self.on_b(API_ARTICLES)[1])


@override_settings(CMS_PAGE_CACHE=True)
class InvalidationAcrossWorkersTests(PublishTests, TwoServers, LiveTestCase):
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


@skipUnless(REDIS_SERVER, SKIP_NO_REDIS)
class RedisInvalidationTests(PublishTests, TwoServers, LiveTestCase):
    """With REDIS_URL the pages and the generation live in Redis (several nodes):
    the servers' generation file is one nobody bumps, so only Redis can tell them."""

    @classmethod
    def setUpClass(cls):
        cls.redis_tmp = Path(tempfile.mkdtemp(prefix="bkp-pagecache-redis-"))
        port = free_port()
        cls.redis_url = f"redis://127.0.0.1:{port}/0"
        cls.redis = Child(
            "redis",
            [
                REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(cls.redis_tmp),
            ],
            dict(os.environ),
            cls.redis_tmp / "redis.log",
        )  # fmt: skip
        wait_for(lambda: _redis_answers(port), timeout=10, message="no redis-server")
        cls.redis_settings = override_settings(
            CACHES={
                **settings.CACHES,
                "pages": {
                    "BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": cls.redis_url,
                    "KEY_PREFIX": "bkp-pages",
                },
            }
        )
        cls.redis_settings.enable()
        super().setUpClass()

    @classmethod
    def server_env(cls) -> dict[str, str]:
        return {
            "CMS_PAGE_CACHE": "on",
            "REDIS_URL": cls.redis_url,
            "CMS_PAGE_CACHE_GENERATION_FILE": str(cls.redis_tmp / "never-bumped"),
        }

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.redis_settings.disable()
        cls.redis.stop()
        shutil.rmtree(cls.redis_tmp, ignore_errors=True)
