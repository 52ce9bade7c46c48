"""No public page or API listing costs more queries as its content grows.

Each page is asked for twice by a logged-out visitor: once, under another URL,
to warm what is meant to be warm (the site chrome, image renditions), then
measured with the rendered fragments forgotten. The measured URL is asked for once per content size and the content
changes in between, so a page cache, were one in front, would miss: the counts
are those of rendering the page.
"""

from __future__ import annotations

import itertools

from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.queries.content import SiteContent

MAX_QUERIES = 10
_unique = itertools.count()


def measure(client, url: str) -> tuple[int, list[str]]:
    separator = "&" if "?" in url else "?"
    # The API refuses unknown parameters: offset=0 changes nothing.
    warm = "offset=0" if url.startswith("/api/") else f"warm={next(_unique)}"
    client.get(f"{url}{separator}{warm}")
    # The rendered fragments (home.fragments) are forgotten, as after a
    # publish: the count is that of rendering them.
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), [query["sql"] for query in queries]


class QueryCountsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = SiteContent()
        cls.site.add(10, per_page=2)

    def setUp(self):
        for cache in caches.all():
            cache.clear()

    def measure_all(self) -> dict[str, tuple[int, list[str]]]:
        return {
            name: measure(self.client, url) for name, url in self.site.urls().items()
        }

    def test_no_page_costs_more_queries_with_ten_times_the_content(self):
        small = self.measure_all()
        # Ten times the articles, services, documents; the newest article and
        # service with ten times the tags, images and documents.
        self.site.add(89, per_page=2)
        self.site.add(1, per_page=20)
        large = self.measure_all()
        for name, (count, queries) in small.items():
            with self.subTest(page=name):
                self.assertLessEqual(count, MAX_QUERIES, "\n".join(queries))
                self.assertEqual(large[name][0], count, "\n".join(large[name][1]))

    def test_the_pages_show_the_content_they_were_counted_with(self):
        # The counts mean something only if the listings list what they should.
        self.site.add(5, per_page=2)
        response = self.client.get(self.site.index.url)
        self.assertContains(response, 'class="card"', count=10)
        self.assertContains(response, "Pemeriksaan pilot 15")
        # Search results show each page type's own summary.
        response = self.client.get("/search/?q=pilot")
        self.assertContains(response, "Ringkasan berita 15")
        response = self.client.get("/search/?q=layanan")
        self.assertContains(response, "Layanan nomor 15")
        response = self.client.get(self.site.section.url)
        self.assertContains(response, "Layanan nomor 15")
        response = self.client.get(f"{self.site.index.url}feed/")
        self.assertContains(response, "tag-15-1")
        api = self.client.get(
            "/api/v2/pages/?type=home.ArticlePage&fields=section,tags,body&limit=1"
            "&order=-id"
        ).json()["items"][0]
        self.assertEqual(api["section"], "Pelayanan")
        self.assertEqual(api["tags"], ["tag-15-0", "tag-15-1"])
        kinds = [block["type"] for block in api["body"]]
        self.assertEqual(kinds, ["paragraph", "image", "image", "document", "document"])
        self.assertIsInstance(api["body"][1]["value"]["image"], int)
