import datetime
from xml.etree import ElementTree

from django.test import TestCase

from home.models import ArticleIndexPage
from tests.home.builders import build_article, build_home, publish


class ArticleIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_home()
        cls.index = publish(home, ArticleIndexPage(title="Berita", slug="berita"))
        for n in range(12):
            build_article(
                cls.index,
                f"Artikel {n:02d}",
                kind="announcement" if n % 4 == 0 else "news",
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            )
        draft = build_article(cls.index, "Draf rahasia")
        draft.unpublish()

    def test_it_lists_ten_articles_per_page_newest_first(self):
        response = self.client.get(self.index.url)
        articles = response.context["articles"]
        self.assertEqual(len(articles), 10)
        self.assertEqual(articles[0].title, "Artikel 11")
        self.assertEqual(articles.paginator.num_pages, 2)
        self.assertContains(response, "?page=2")

    def test_second_page_has_the_rest(self):
        response = self.client.get(self.index.url, {"page": 2})
        self.assertEqual(len(response.context["articles"]), 2)

    def test_it_handles_a_bad_page_number(self):
        for value in ["abc", "0", "999", "-1"]:
            with self.subTest(page=value):
                response = self.client.get(self.index.url, {"page": value})
                self.assertEqual(response.status_code, 200)

    def test_it_filters_by_kind(self):
        response = self.client.get(self.index.url, {"kind": "announcement"})
        titles = [a.title for a in response.context["articles"]]
        self.assertEqual(titles, ["Artikel 08", "Artikel 04", "Artikel 00"])

    def test_it_ignores_an_unknown_kind(self):
        response = self.client.get(self.index.url, {"kind": "<script>"})
        self.assertEqual(response.context["articles"].paginator.count, 12)

    def test_it_never_lists_drafts(self):
        self.assertNotContains(self.client.get(self.index.url), "Draf rahasia")

    def test_head_links_the_rss_feed(self):
        response = self.client.get(self.index.url)
        self.assertContains(
            response,
            f'<link rel="alternate" type="application/rss+xml" title="Berita" '
            f'href="{self.index.url}feed/">',
        )

    def test_feed_is_valid_rss_with_the_live_articles(self):
        response = self.client.get(self.index.url + "feed/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/rss+xml"))
        rss = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
        self.assertEqual(rss.tag, "rss")
        self.assertEqual(rss.get("version"), "2.0")
        items = rss.findall("./channel/item")
        self.assertEqual(len(items), 12)
        self.assertEqual(items[0].findtext("title"), "Artikel 11")
        self.assertTrue(items[0].findtext("link").startswith("http://"))
        self.assertNotIn(b"Draf rahasia", response.content)
