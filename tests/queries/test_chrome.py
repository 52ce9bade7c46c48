"""The cached site chrome (menu, footer, home, restrictions) is never stale:
every change gives the site a new content version in the database, which every
web worker reads on its next request."""

from __future__ import annotations

from django.core.cache import caches
from django.test import TestCase
from wagtail.models import PageViewRestriction, Site

from home import chrome
from home.builders import make_section
from home.models import SiteSettings
from tests.queries.content import SiteContent


class ChromeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = SiteContent()
        cls.site.add(2, per_page=1)

    def setUp(self):
        for cache in caches.all():
            cache.clear()

    def test_the_menu_follows_publishing_unpublishing_and_moving(self):
        self.assertNotContains(self.client.get("/"), "Tata Usaha")
        section = make_section(self.site.home, "Tata Usaha", slug="tata-usaha")
        self.assertContains(self.client.get("/"), 'href="/tata-usaha/">Tata Usaha')
        section.move(self.site.section, pos="last-child")
        response = self.client.get("/")
        self.assertNotContains(response, 'href="/tata-usaha/"')
        section.refresh_from_db()
        section.move(self.site.home, pos="last-child")
        self.assertContains(self.client.get("/"), 'href="/tata-usaha/"')
        section.unpublish()
        self.assertNotContains(self.client.get("/"), "Tata Usaha")

    def test_the_footer_follows_the_site_settings(self):
        self.assertContains(self.client.get(self.site.article.url), "021 000")
        settings = SiteSettings.objects.get()
        settings.phone = "021 999 888"
        settings.save()
        self.assertContains(self.client.get(self.site.article.url), "021 999 888")

    def test_a_restricted_section_leaves_the_menu_and_the_listings(self):
        self.assertContains(self.client.get("/"), "Pemeriksaan pilot 2")
        PageViewRestriction.objects.create(
            page=self.site.index, restriction_type="password", password="rahasia"
        )
        response = self.client.get("/")
        self.assertNotContains(response, "Pemeriksaan pilot 2")
        response = self.client.get(self.site.article.url)
        self.assertContains(response, 'name="password"')

    def test_every_change_gives_a_new_version_that_all_workers_read(self):
        changes = {
            "publish": lambda: self.site.article.save_revision().publish(),
            "unpublish": lambda: self.site.service.unpublish(),
            "settings": lambda: SiteSettings.objects.get().save(),
            "site": lambda: Site.objects.get().save(),
            "restriction": lambda: PageViewRestriction.objects.create(
                page=self.site.library, restriction_type="login"
            ),
            "delete": lambda: self.site.feedback.delete(),
        }
        for name, change in changes.items():
            with self.subTest(change=name):
                before = chrome.current_version()
                change()
                self.assertNotEqual(chrome.current_version(), before)

    def test_a_page_view_reads_the_version_once_and_the_chrome_from_the_cache(self):
        self.client.get(self.site.feedback.url)
        with self.assertNumQueries(4):
            # Version, route, specific page, form fields (the translations
            # are in the head's and header's fragments: home.fragments).
            self.client.get(self.site.feedback.url)
