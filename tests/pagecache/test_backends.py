"""The page cache's local-memory store: LocMemCache's rules, without the copies."""

from __future__ import annotations

import time

from django.test import SimpleTestCase

from cms.pagecache.backends import PageMemoryCache
from cms.pagecache.pages import Entry


def store(name: str, **options) -> PageMemoryCache:
    cache = PageMemoryCache(f"test-backend-{name}", {"OPTIONS": options})
    cache.clear()
    return cache


def entry(body: bytes) -> Entry:
    return Entry(
        body=body,
        headers=(("Content-Type", "text/html"),),
        etag='"x"',
        last_modified=0,
        nonce=False,
        page=None,
        language="id",
    )


class PageMemoryCacheTests(SimpleTestCase):
    def test_an_entry_is_served_as_stored_without_a_copy(self):
        cache = store("same")
        page = entry(b"<p>Halo</p>")
        cache.set("pagecache:g:1", page)
        self.assertIs(cache.get("pagecache:g:1"), page)
        self.assertIsNone(cache.get("pagecache:g:2"))
        self.assertEqual(cache.get("pagecache:g:2", "none"), "none")

    def test_expiry_add_clear_and_counting_follow_locmem(self):
        cache = store("rules")
        cache.set("short", entry(b"a"), timeout=0.05)
        self.assertFalse(cache.add("short", entry(b"b")))
        time.sleep(0.06)
        self.assertIsNone(cache.get("short"))
        self.assertTrue(cache.add("short", entry(b"c")))
        self.assertEqual(cache.get("short").body, b"c")
        cache.set("n", 1)
        self.assertEqual(cache.incr("n", 2), 3)
        with self.assertRaises(ValueError):
            cache.incr("missing")
        cache.clear()
        self.assertIsNone(cache.get("short"))

    def test_it_never_holds_more_than_max_entries(self):
        cache = store("bounded", MAX_ENTRIES=10, CULL_FREQUENCY=2)
        for number in range(50):
            cache.set(f"page-{number}", entry(str(number).encode()))
        kept = [n for n in range(50) if cache.get(f"page-{n}") is not None]
        self.assertLessEqual(len(kept), 10)
        self.assertIn(49, kept)
