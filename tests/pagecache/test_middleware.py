"""The page cache seen by one anonymous visitor, an editor, and a form user.

Everything here goes through the whole middleware stack of the test client;
the cache is switched on for these tests only (test settings keep it off).
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys

import brotli
from csp.constants import NONCE
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from audit.security.models import TrafficCount, TrafficDimension
from audit.security.traffic import flush_traffic
from audit.trail import client_hash
from tests.home.builders import build_feedback_page, build_home

ON = override_settings(CMS_PAGE_CACHE=True)
SHOW_SETTING = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CMS_PAGE_CACHE)"
)
# Headers that differ between two answers of the same page by nature.
PER_ANSWER = {"date", "x-page-cache", "content-length"}


def headers_of(response) -> dict[str, str]:
    return {
        name.lower(): value
        for name, value in response.items()
        if name.lower() not in PER_ANSWER
    }


@ON
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_home()
        cls.feedback = build_feedback_page(cls.home)
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.com", "secret-password-1"
        )

    def setUp(self):
        caches["pages"].clear()
        caches["default"].clear()

    def test_a_second_visit_is_served_from_the_cache_without_a_query(self):
        first = self.client.get("/")
        self.assertEqual(first["X-Page-Cache"], "miss")
        with CaptureQueriesContext(connection) as queries:
            second = self.client.get("/")
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second["X-Page-Cache"], "hit")
        self.assertEqual(len(queries), 0, [q["sql"] for q in queries])
        self.assertEqual(second.content, first.content)
        self.assertContains(second, "Halo")

    def test_a_hit_carries_the_same_security_headers_as_the_miss(self):
        miss = self.client.get("/")
        hit = self.client.get("/")
        self.assertEqual(hit["X-Page-Cache"], "hit")
        self.assertEqual(headers_of(hit), headers_of(miss))
        for name in (
            "Content-Security-Policy",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
        ):
            self.assertTrue(hit.has_header(name), name)
        self.assertEqual(hit["Cache-Control"], "no-cache")

    def test_a_matching_etag_or_date_gets_304(self):
        page = self.client.get("/")
        etag, modified = page["ETag"], page["Last-Modified"]
        again = self.client.get("/", HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again["ETag"], etag)
        self.assertEqual(again.content, b"")
        by_date = self.client.get("/", HTTP_IF_MODIFIED_SINCE=modified)
        self.assertEqual(by_date.status_code, 304)
        other = self.client.get("/", HTTP_IF_NONE_MATCH='"something-else"')
        self.assertEqual(other.status_code, 200)

    def test_a_logged_in_editor_is_never_served_nor_stored(self):
        self.client.get("/")  # stored for anonymous visitors
        self.client.force_login(self.editor)
        editor_page = self.client.get("/")
        self.assertFalse(editor_page.has_header("X-Page-Cache"))
        self.assertContains(editor_page, "wagtail-userbar")
        self.client.logout()
        anonymous = self.client.get("/")
        self.assertEqual(anonymous["X-Page-Cache"], "hit")
        self.assertNotContains(anonymous, "wagtail-userbar")

    def test_a_preview_is_never_cached(self):
        self.client.force_login(self.editor)
        url = f"/admin/pages/{self.home.pk}/edit/preview/"
        for _ in range(2):
            preview = self.client.get(url, {"mode": ""})
            self.assertFalse(preview.has_header("X-Page-Cache"))
        self.client.logout()
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "miss")

    def test_the_feedback_form_is_never_cached(self):
        tokens = set()
        for _ in range(2):
            response = self.client.get(self.feedback.url)
            self.assertEqual(response.status_code, 200)
            self.assertFalse(response.has_header("X-Page-Cache"))
            self.assertIn("no-store", response["Cache-Control"])
            tokens.add(
                re.search(
                    rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content
                )[1]
            )
            self.client.cookies.clear()
        self.assertEqual(len(tokens), 2)

    def test_posts_errors_and_redirects_are_not_cached(self):
        for _ in range(2):
            missing = self.client.get("/tidak-ada/")
            self.assertEqual(missing.status_code, 404)
            self.assertFalse(missing.has_header("X-Page-Cache"))
        redirect = self.client.get("/en")
        self.assertIn(redirect.status_code, (301, 302))
        self.assertFalse(redirect.has_header("X-Page-Cache"))
        post = self.client.post("/", {})
        self.assertFalse(post.has_header("X-Page-Cache"))

    def test_each_language_is_kept_apart(self):
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "miss")
        # Where the URL has no prefix, the cookie or Accept-Language decides
        # (for paths outside i18n_patterns): each gets its own entry.
        english = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(english["X-Page-Cache"], "miss")
        self.client.cookies["django_language"] = "en"
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "hit")
        self.client.cookies["django_language"] = "id"
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "hit")
        api = self.client.get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(api["X-Page-Cache"], "miss")

    def test_a_host_no_longer_allowed_gets_no_cached_page(self):
        with override_settings(ALLOWED_HOSTS=["testserver", "old.example.org"]):
            self.client.get("/", HTTP_HOST="old.example.org")
            again = self.client.get("/", HTTP_HOST="old.example.org")
        self.assertEqual(again["X-Page-Cache"], "hit")
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            refused = self.client.get("/", HTTP_HOST="old.example.org")
        self.assertEqual(refused.status_code, 400)
        self.assertFalse(refused.has_header("X-Page-Cache"))

    def test_a_conditional_request_on_a_changed_page_gets_it_whole(self):
        first = self.client.get("/")
        stale = self.client.get("/", HTTP_IF_NONE_MATCH='"not-the-etag"')
        self.assertEqual(stale.status_code, 200)
        self.assertEqual(stale.content, first.content)
        self.assertEqual(
            self.client.get("/", HTTP_IF_MATCH='"not-the-etag"').status_code, 412
        )

    def test_a_session_cookie_bypasses_the_cache(self):
        self.client.get("/")
        self.client.cookies["sessionid"] = "whatever"
        self.assertFalse(self.client.get("/").has_header("X-Page-Cache"))

    def test_hits_are_counted_as_page_views(self):
        for _ in range(3):
            self.client.get("/")
        flush_traffic()
        views = TrafficCount.objects.get(
            dimension=TrafficDimension.PAGE, key=str(self.home.pk)
        )
        self.assertEqual(views.count, 3)

    def test_a_blocked_client_is_refused_even_a_cached_page(self):
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "miss")
        self.assertEqual(self.client.get("/")["X-Page-Cache"], "hit")
        caches["default"].set(f"security:block:{client_hash('127.0.0.1')}", 1, 60)
        refused = self.client.get("/")
        self.assertEqual(refused.status_code, 429)
        self.assertFalse(refused.has_header("X-Page-Cache"))

    def test_a_hit_is_sent_compressed_as_the_browser_accepts(self):
        page = self.client.get("/")
        self.assertIn("Accept-Encoding", page["Vary"])
        self.assertFalse(page.has_header("Content-Encoding"))
        answers = {}
        for header, coding in (
            ("gzip, deflate, br, zstd", "br"),
            ("gzip, deflate", "gzip"),
            ("br;q=0, gzip;q=0.5", "gzip"),
            ("identity", None),
            ("", None),
        ):
            with self.subTest(accept_encoding=header):
                hit = self.client.get("/", HTTP_ACCEPT_ENCODING=header)
                self.assertEqual(hit["X-Page-Cache"], "hit")
                self.assertEqual(hit.get("Content-Encoding"), coding)
                self.assertIn("Accept-Encoding", hit["Vary"])
                body = hit.content
                self.assertEqual(int(hit["Content-Length"]), len(body))
                if coding == "br":
                    self.assertLess(len(body), len(page.content) / 2)
                    body = brotli.decompress(body)
                elif coding == "gzip":
                    body = gzip.decompress(body)
                self.assertEqual(body, page.content)
                answers[coding] = hit["ETag"]
        # Each representation has its own ETag, and revalidates against it.
        self.assertEqual(len(set(answers.values())), 3)
        again = self.client.get(
            "/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=answers["br"]
        )
        self.assertEqual(again.status_code, 304)
        stale = self.client.get(
            "/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=answers[None]
        )
        self.assertEqual(stale.status_code, 200)

    @override_settings(CMS_PAGE_CACHE=False)
    def test_it_can_be_turned_off(self):
        self.client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/")
        self.assertFalse(response.has_header("X-Page-Cache"))
        self.assertGreater(len(queries), 0)


@ON
@override_settings(
    ROOT_URLCONF="tests.pagecache.nonce_urls",
    CONTENT_SECURITY_POLICY={
        "DIRECTIVES": {"script-src": ["'self'", NONCE], "style-src": ["'self'", NONCE]}
    },
)
class NonceTests(TestCase):
    def setUp(self):
        caches["pages"].clear()

    def nonces(self, response) -> tuple[set[str], str]:
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        in_body = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
        return in_body, header

    def test_every_answer_has_its_own_nonce_matching_its_header(self):
        seen = set()
        for state in ("miss", "hit", "hit"):
            response = self.client.get("/scripted/")
            self.assertEqual(response["X-Page-Cache"], state)
            in_body, header = self.nonces(response)
            self.assertEqual(in_body, {header})
            seen.add(header)
        self.assertEqual(len(seen), 3)

    def test_a_page_with_a_nonce_is_never_sent_precompressed(self):
        self.client.get("/scripted/")
        hit = self.client.get("/scripted/", HTTP_ACCEPT_ENCODING="br, gzip")
        self.assertEqual(hit["X-Page-Cache"], "hit")
        self.assertFalse(hit.has_header("Content-Encoding"))


class EnvironmentTests(SimpleTestCase):
    def cache_setting(self, **env: str) -> str:
        environ = {
            k: v for k, v in os.environ.items() if not k.startswith(("CMS_", "DJANGO_"))
        }
        environ.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DJANGO_SECRET_KEY="x" * 50,
            AUDIT_CHAIN_KEY="y" * 40,
            **env,
        )
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", SHOW_SETTING],
            env=environ,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def test_production_caches_pages_unless_the_environment_says_off(self):
        self.assertEqual(self.cache_setting(), "True")
        self.assertEqual(self.cache_setting(CMS_PAGE_CACHE="off"), "False")
