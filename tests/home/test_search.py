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


class SearchNumberingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        for number in range(12):
            build_article(cls.site.index, f"Kalibrasi alat {number}")

    def test_the_second_page_numbers_on_from_the_first(self):
        first = self.client.get("/search/", {"q": "Kalibrasi"})
        self.assertContains(first, '<ol class="search-results" start="1">')
        second = self.client.get("/search/", {"q": "Kalibrasi", "page": 2})
        self.assertEqual(second.context["results"].number, 2)
        self.assertContains(second, '<ol class="search-results" start="11">')
        self.assertEqual(len(second.context["results"]), 2)
