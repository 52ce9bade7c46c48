from django.test import RequestFactory, TestCase

from home.sitemaps import sitemap
from home.views import server_error
from tests.home.builders import build_site


class RobotsAndSitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def test_robots_txt(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)

    def test_sitemap_lists_live_pages(self):
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.site.article.url)

    def test_localized_sitemap_lists_both_languages(self):
        response = sitemap(RequestFactory().get("/sitemap.xml"))
        response.render()
        self.assertContains(response, self.site.article.url)
        self.assertContains(response, self.site.en.article.url)
        self.assertContains(response, self.site.en.home.url)


class ErrorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()

    def test_404_is_friendly(self):
        response = self.client.get("/tidak-ada/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Halaman tidak ditemukan", status_code=404)
        self.assertContains(response, 'role="search"', status_code=404)
        self.assertContains(response, 'href="/"', status_code=404)

    def test_404_in_english(self):
        response = self.client.get("/en/does-not-exist/")
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, '<html lang="en">', status_code=404)

    def test_500_needs_no_database(self):
        request = RequestFactory().get("/")
        with self.assertNumQueries(0):
            response = server_error(request)
        self.assertEqual(response.status_code, 500)
        self.assertIn(b"<html lang=", response.content)
