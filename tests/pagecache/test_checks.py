from __future__ import annotations

import tempfile
from pathlib import Path

from django.test import SimpleTestCase, override_settings

from cms.pagecache.checks import check_settings


def codes() -> list[str]:
    return [message.id for message in check_settings()]


@override_settings(CMS_PAGE_CACHE=True)
class PageCacheChecksTests(SimpleTestCase):
    def test_the_project_settings_pass(self):
        self.assertEqual(codes(), [])

    @override_settings(CMS_PAGE_CACHE_TIMEOUT=0)
    def test_it_refuses_a_timeout_below_one_second(self):
        self.assertEqual(codes(), ["pagecache.E001"])

    @override_settings(CMS_PAGE_CACHE_ALIAS="nowhere")
    def test_it_refuses_an_unknown_cache(self):
        self.assertEqual(codes(), ["pagecache.E002"])

    def test_it_refuses_a_generation_file_that_cannot_be_made(self):
        with tempfile.TemporaryDirectory() as tmp:
            blocker = Path(tmp) / "var"
            blocker.write_text("a file where a folder should be")
            path = blocker / "pagecache-generation"
            with override_settings(CMS_PAGE_CACHE_GENERATION_FILE=path):
                self.assertEqual(codes(), ["pagecache.E003"])
