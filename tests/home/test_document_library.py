from django.test import TestCase

from tests.home.builders import build_site


class DocumentLibraryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.library = build_site().library

    def titles(self, **params):
        response = self.client.get(self.library.url, params)
        self.assertEqual(response.status_code, 200)
        return {item.title for item in response.context["documents"]}

    def test_it_lists_every_document(self):
        self.assertEqual(len(self.titles()), 3)

    def test_it_filters_by_type(self):
        self.assertEqual(self.titles(type="law"), {"Undang-Undang Penerbangan"})

    def test_it_filters_by_year(self):
        self.assertEqual(
            self.titles(year="2024"),
            {"SOP Pemeriksaan Berkala", "Formulir Pendaftaran"},
        )

    def test_it_combines_filters(self):
        self.assertEqual(
            self.titles(type="form", year="2024"), {"Formulir Pendaftaran"}
        )
        self.assertEqual(self.titles(type="form", year="2009"), set())

    def test_it_ignores_bad_filter_values(self):
        self.assertEqual(len(self.titles(type="nope", year="abc")), 3)

    def test_it_links_each_document(self):
        response = self.client.get(self.library.url)
        for item in self.library.library_documents.all():
            self.assertContains(response, item.document.url)
