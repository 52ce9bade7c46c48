from django.test import TestCase

from tests.home.builders import build_article, build_site


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        draft = build_article(cls.site.index, "Zeppelin rahasia")
        draft.unpublish()

    def test_empty_query_shows_a_hint(self):
        response = self.client.get("/search/")
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["results"])
        self.assertContains(response, "Ketik kata")

    def test_it_finds_a_published_article(self):
        response = self.client.get("/search/", {"q": "pilot"})
        self.assertEqual(response.context["query"], "pilot")
        self.assertIn(
            self.site.article.pk, [page.pk for page in response.context["results"]]
        )

    def test_it_never_finds_a_draft(self):
        response = self.client.get("/search/", {"q": "Zeppelin"})
        self.assertEqual(list(response.context["results"]), [])
        self.assertContains(response, "Tidak ada hasil")

    def test_it_searches_the_active_language_only(self):
        response = self.client.get("/en/search/", {"q": "pilot"})
        pks = [page.pk for page in response.context["results"]]
        self.assertIn(self.site.en.article.pk, pks)
        self.assertNotIn(self.site.article.pk, pks)
