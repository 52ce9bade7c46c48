"""Rendered fragments (home.fragments): kept, yet never older than the content.

Through the test client, as a visitor would see the pages, with the page cache
off (test settings) so every request renders the page around the fragments.
"""

from __future__ import annotations

import datetime
import re

from django.core.cache import caches
from django.template import Context, Template
from django.test import RequestFactory, TestCase
from wagtail.images.rect import Rect
from wagtail.models import Site

from home import chrome, fragments
from home.builders import make_image, make_section, make_service
from home.models import ArticleIndexPage, SiteSettings
from tests.home.builders import build_article, build_home, publish
from tests.queries.content import png


class FragmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_home()
        cls.index = publish(cls.home, ArticleIndexPage(title="Berita", slug="berita"))
        cls.image = make_image("Foto", content=png(), filename="foto.png")
        cls.article = build_article(
            cls.index,
            "Pemeriksaan pilot",
            slug="pemeriksaan-pilot",
            kind="news",
            feed_image=cls.image,
        )
        # Made by the first request otherwise, drawing a new version.
        SiteSettings.for_site(Site.objects.get(is_default_site=True))

    def setUp(self):
        caches["fragments"].clear()
        caches["default"].clear()

    def test_the_lists_are_read_once_then_served_from_the_fragments(self):
        first = self.client.get("/")
        with self.assertNumQueries(2):  # the content version, the page's own row
            again = self.client.get("/")
        self.assertEqual(again.content, first.content)
        self.assertContains(again, "Pemeriksaan pilot")

    def test_a_new_article_shows_on_the_next_request_everywhere(self):
        self.client.get("/")
        self.client.get(self.index.url)
        build_article(
            self.index,
            "Sertifikat baru",
            slug="sertifikat-baru",
            kind="news",
            date=datetime.date(2025, 2, 1),
        )
        self.assertContains(self.client.get("/"), "Sertifikat baru")
        self.assertContains(self.client.get(self.index.url), "Sertifikat baru")

    def test_an_unpublished_article_leaves_the_lists_and_the_menu_follows_titles(self):
        self.client.get("/")
        self.client.get(self.index.url)
        self.article.unpublish()
        self.assertNotContains(self.client.get("/"), "Pemeriksaan pilot")
        self.assertNotContains(self.client.get(self.index.url), "Pemeriksaan pilot")
        self.index.title = "Kabar Terkini"
        self.index.show_in_menus = True
        self.index.save_revision().publish()
        self.assertContains(self.client.get("/"), "Kabar Terkini")

    def test_a_new_focal_point_shows_the_new_crops(self):
        before = self.client.get(self.index.url).content.decode()
        old = set(re.findall(r"/media/images/[^ \"]+fill-400x227[^ \"]+", before))
        self.assertTrue(old)
        self.image.set_focal_point(Rect(0, 0, 20, 20))
        self.image.save()
        after = self.client.get(self.index.url).content.decode()
        new = set(re.findall(r"/media/images/[^ \"]+fill-400x227[^ \"]+", after))
        self.assertTrue(new)
        self.assertFalse(old & new, "the cards still show the old crops")

    def test_metadata_filled_in_by_wagtail_keeps_the_version(self):
        version = chrome.current_version()
        self.image.file_hash = "0" * 40
        self.image.save(update_fields=["file_hash"])
        self.assertEqual(chrome.current_version(), version)
        self.image.save()
        self.assertNotEqual(chrome.current_version(), version)

    def test_a_new_service_shows_in_its_section_at_once(self):
        section = make_section(self.home, "Pelayanan", slug="pelayanan")
        make_service(section, "Pemeriksaan ATC", slug="atc", summary="Kelas 3")
        self.client.get(section.url)
        self.assertContains(self.client.get(section.url), "Pemeriksaan ATC")
        make_service(
            section, "Sertifikat kesehatan", slug="sertifikat", summary="Medex"
        )
        page = self.client.get(section.url)
        self.assertContains(page, "Pemeriksaan ATC")
        self.assertContains(page, "Sertifikat kesehatan")

    def test_each_language_and_page_of_a_listing_is_kept_apart(self):
        self.assertContains(
            self.client.get(self.index.url + "?kind=news"), "Pemeriksaan pilot"
        )
        self.assertNotContains(
            self.client.get(self.index.url + "?kind=announcement"), "Pemeriksaan pilot"
        )


class FragmentTagTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_home()

    def setUp(self):
        caches["fragments"].clear()

    def request(self, **extra):
        return RequestFactory().get("/", **extra)

    def test_a_fragment_is_rendered_once_per_value(self):
        calls = []

        class Counter:
            def __str__(self):
                calls.append(1)
                return str(len(calls))

        template = Template(
            '{% load home_tags %}{% fragment "probe" value %}{{ counter }}{% endfragment %}'
        )
        request = self.request()
        render = lambda value: template.render(  # noqa: E731
            Context({"request": request, "value": value, "counter": Counter()})
        )
        self.assertEqual(render("a"), "1")
        self.assertEqual(render("a"), "1")
        self.assertEqual(render("b"), "2")
        # A preview, an empty value or no request: rendered every time.
        request.is_preview = True
        self.assertEqual(render("a"), "3")
        request.is_preview = False
        self.assertEqual(render(""), "4")
        self.assertEqual(render(None), "5")
        self.assertIsNone(fragments.key_for(None, "probe", ["a"]))
