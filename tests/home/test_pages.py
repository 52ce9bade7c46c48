from django.test import TestCase

from home.models import HomePage, SectionPage
from tests.home.builders import build_site, publish


def heading(page):
    # The home page shows its hero title; its <title> is the site name.
    return page.hero_title if isinstance(page, HomePage) else page.title


class PageRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def pages(self):
        s = self.site
        return [s.home, s.section, s.index, s.article, s.service, s.library, s.feedback]

    def test_every_page_type_renders_in_indonesian(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                url = page.get_url()
                self.assertFalse(url.startswith("/en/"))
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<html lang="id">')
                self.assertContains(response, "Lewati ke konten utama")
                self.assertContains(response, heading(page))

    def test_every_page_type_renders_in_english(self):
        en = self.site.en
        for page in [
            en.home,
            en.section,
            en.index,
            en.article,
            en.service,
            en.library,
            en.feedback,
        ]:
            with self.subTest(page=type(page).__name__):
                url = page.get_url()
                self.assertTrue(url.startswith("/en/"), url)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, '<html lang="en">')
                self.assertContains(response, "Skip to main content")
                self.assertContains(response, heading(page))

    def test_it_has_landmarks_and_a_skip_link(self):
        response = self.client.get("/")
        for marker in ['href="#main-content"', "<header", "<nav", "<main", "<footer"]:
            self.assertContains(response, marker)

    def test_language_switcher_links_to_the_translation(self):
        response = self.client.get(self.site.article.get_url())
        self.assertContains(response, f'href="{self.site.en.article.get_url()}"')
        response = self.client.get(self.site.en.article.get_url())
        self.assertContains(response, f'href="{self.site.article.get_url()}"')

    def test_language_switcher_falls_back_to_the_home_page(self):
        untranslated = publish(
            self.site.section, SectionPage(title="Hanya Indonesia", slug="hanya")
        )
        response = self.client.get(untranslated.get_url())
        self.assertContains(response, 'href="/en/" hreflang="en"')

    def test_main_menu_lists_menu_pages_of_the_active_language(self):
        self.assertContains(self.client.get("/"), 'href="/humas/">Humas</a>')
        self.assertContains(
            self.client.get("/en/"), f'href="{self.site.en.section.get_url()}"'
        )

    def test_home_page_shows_latest_news_and_service_links(self):
        response = self.client.get("/")
        self.assertContains(response, self.site.article.title)
        self.assertContains(response, self.site.service.get_url())

    def test_dates_are_formatted_in_indonesian(self):
        response = self.client.get(self.site.article.get_url())
        self.assertContains(response, "15 Januari 2025")
        response = self.client.get(self.site.en.article.get_url())
        self.assertContains(response, "15 January 2025")


class LanguageAlternatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def test_a_translated_page_names_both_language_versions_for_search_engines(self):
        response = self.client.get(self.site.article.get_url())
        id_url = self.site.article.get_full_url()
        en_url = self.site.en.article.get_full_url()
        self.assertContains(
            response, f'<link rel="alternate" hreflang="id" href="{id_url}">'
        )
        self.assertContains(
            response, f'<link rel="alternate" hreflang="en" href="{en_url}">'
        )

    def test_a_page_without_translation_names_no_alternates(self):
        lonely = publish(self.site.section, SectionPage(title="Hanya Indonesia"))
        response = self.client.get(lonely.get_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'hreflang="en" href=')
