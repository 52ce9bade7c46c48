from django.test import TestCase
from wagtail.models import PageViewRestriction

from tests.home.builders import build_article, build_site


class PagesAPITests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.draft = build_article(cls.site.index, "Draf")
        cls.draft.unpublish()
        cls.private = build_article(cls.site.index, "Rahasia sandi")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type="password", password="rahasia"
        )
        cls.members = build_article(cls.site.index, "Khusus login")
        PageViewRestriction.objects.create(page=cls.members, restriction_type="login")

    def ids(self, **params):
        response = self.client.get("/api/v2/pages/", {"limit": 50, **params})
        self.assertEqual(response.status_code, 200)
        return {item["id"] for item in response.json()["items"]}

    def test_a_browser_gets_json_not_an_html_page(self):
        browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        for url in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT=browser)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertIn("items", response.json())

    def test_it_lists_live_pages(self):
        ids = self.ids()
        self.assertIn(self.site.article.pk, ids)
        self.assertIn(self.site.en.article.pk, ids)

    def test_it_never_lists_drafts_or_restricted_pages(self):
        ids = self.ids()
        for page in [self.draft, self.private, self.members]:
            self.assertNotIn(page.pk, ids)
        for page in [self.draft, self.private, self.members]:
            response = self.client.get(f"/api/v2/pages/{page.pk}/")
            self.assertEqual(response.status_code, 404)

    def test_it_exposes_article_fields(self):
        response = self.client.get(
            "/api/v2/pages/",
            {"type": "home.ArticlePage", "fields": "kind,date,summary,tags,section"},
        )
        item = next(
            i for i in response.json()["items"] if i["id"] == self.site.article.pk
        )
        self.assertEqual(item["date"], "2025-01-15")
        self.assertEqual(item["summary"], "Ringkasan Pemeriksaan pilot")
        self.assertEqual(item["kind"], "news")
        self.assertEqual(item["tags"], ["pilot"])
        self.assertEqual(item["section"], "Humas")

    def test_it_exposes_service_and_library_fields(self):
        detail = self.client.get(f"/api/v2/pages/{self.site.service.pk}/").json()
        for field in ["summary", "requirements", "schedule", "fees", "documents"]:
            self.assertIn(field, detail)
        detail = self.client.get(f"/api/v2/pages/{self.site.library.pk}/").json()
        self.assertEqual({d["year"] for d in detail["library_documents"]}, {2009, 2024})

    def test_it_hides_the_feedback_recipients(self):
        detail = self.client.get(f"/api/v2/pages/{self.site.feedback.pk}/").json()
        self.assertNotIn("to_address", detail)
        self.assertEqual(len(detail["form_fields"]), 5)

    def test_it_filters_by_locale(self):
        ids = self.ids(locale="en")
        self.assertIn(self.site.en.article.pk, ids)
        self.assertNotIn(self.site.article.pk, ids)
