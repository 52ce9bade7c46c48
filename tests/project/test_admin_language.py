"""The Wagtail admin speaks Bahasa Indonesia under the site's own code ``id``.

Every URL the admin builds for a page is the page's real public URL, whatever
language the admin speaks; and no Wagtail string leaks through in English.
"""

from __future__ import annotations

import importlib
import re
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Page, Task, Workflow
from wagtail.users.models import UserProfile

from tests.home.builders import build_site

migration = importlib.import_module(
    "cms.wagtail_id.migrations.0001_indonesian_defaults"
)


class LinkCollector(HTMLParser):
    """Every link's href and its visible text."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append([dict(attrs).get("href") or "", ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.links.append((href, " ".join(text.split())))


def links(html: str) -> list[tuple[str, str]]:
    collector = LinkCollector()
    collector.feed(html)
    return collector.links


def visible_text(response) -> str:
    """The page's text with tags (and their attributes) dropped."""
    html = re.sub(
        r"<(script|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S
    )
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = get_user_model().objects.create_superuser(
            username="officer", email="officer@example.com", password="pw-officer-1"
        )

    def test_the_login_page_is_in_indonesian(self):
        response = self.client.get("/admin/login/")
        self.assertContains(response, "Masuk")
        self.assertContains(response, 'lang="id"')
        self.assertContains(response, "Kata sandi")
        self.assertNotContains(response, "Password")

    def test_the_dashboard_is_in_indonesian_by_default(self):
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        self.assertContains(response, 'lang="id"')
        self.assertContains(response, "Dasbor")
        self.assertContains(response, "Halaman")

    def test_strings_wagtail_leaves_untranslated_are_indonesian_too(self):
        # Wagtail's id_ID catalogue lacks these; cms/wagtail_id fills the gaps.
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        for indonesian in ("Laporan", "Bantuan", "Cari semua halaman"):
            self.assertContains(response, indonesian)
        for english in ("Reports", "Search all pages", "editor guide"):
            self.assertNotContains(response, english)

    def test_the_admin_javascript_catalogue_is_indonesian(self):
        self.client.force_login(self.officer)
        response = self.client.get("/admin/jsi18n/")
        self.assertEqual(response.status_code, 200)
        # One of Wagtail's own id_ID strings and one of ours.
        self.assertContains(response, "Simpan")
        self.assertContains(response, "item baru di menu ini")

    def test_a_user_who_chose_english_gets_english(self):
        profile = UserProfile.get_for_user(self.officer)
        profile.preferred_language = "en"
        profile.save()
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        self.assertContains(response, "Dashboard")
        self.assertNotContains(response, "Dasbor")

    def test_the_admin_offers_the_sites_own_language_codes(self):
        self.client.force_login(self.officer)
        response = self.client.get("/admin/account/")
        self.assertContains(response, 'value="id"')
        self.assertNotContains(response, 'value="id-id"')


class ViewLiveLinkTests(TestCase):
    """Every "view live" link and page URL in the Indonesian admin answers 200."""

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.officer = get_user_model().objects.create_superuser(
            username="officer", email="officer@example.com", password="pw-officer-1"
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def explorer_pages(self) -> list[Page]:
        # The root, both home pages and every page with children.
        return [Page.get_first_root_node()] + [
            page for page in Page.objects.filter(depth__gt=1) if page.get_children()
        ]

    def public_links(self, admin_url: str) -> tuple[list[str], list[str]]:
        response = self.client.get(admin_url)
        self.assertEqual(response.status_code, 200, admin_url)
        html = response.content.decode()
        self.assertNotIn("/id-id/", html, admin_url)
        found = links(html)
        view_live = [href for href, text in found if text == "Lihat langsung"]
        public = [
            href
            for href, _text in found
            if href.startswith("/")
            and not href.startswith(("/admin/", "/static/", "/media/", "/documents/"))
        ]
        return view_live, public

    def test_every_view_live_link_in_the_explorer_answers_200(self):
        followed, view_live_links = set(), set()
        for parent in self.explorer_pages():
            view_live, public = self.public_links(f"/admin/pages/{parent.pk}/")
            view_live_links.update(view_live)
            for href in {*view_live, *public}:
                self.assertEqual(
                    self.client.get(href).status_code, 200, f"{href} from {parent}"
                )
                followed.add(href)
        # One "Lihat langsung" per live page below the root (7 in each language).
        self.assertEqual(len(view_live_links), 14, sorted(view_live_links))
        # Both languages, every page type: the Indonesian home page sits at /.
        self.assertIn("/", followed)
        self.assertIn("/en/", followed)
        self.assertIn("/humas/berita/pemeriksaan-pilot/", followed)
        self.assertIn("/en/humas/berita/pemeriksaan-pilot/", followed)
        self.assertGreaterEqual(len(followed), 14)

    def test_the_edit_view_links_to_the_live_page(self):
        # Its status tag ("Terpublikasi") links to the live page.
        for page, url in (
            (self.site.article, "/humas/berita/pemeriksaan-pilot/"),
            (self.site.en.article, "/en/humas/berita/pemeriksaan-pilot/"),
        ):
            _view_live, public = self.public_links(f"/admin/pages/{page.pk}/edit/")
            self.assertIn(url, public)
            for href in public:
                self.assertEqual(self.client.get(href).status_code, 200, href)

    def test_page_search_and_aging_pages_never_say_none(self):
        for url in (
            "/admin/pages/search/?q=pemeriksaan",
            "/admin/reports/aging-pages/",
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertNotRegex(visible_text(response), r"\bNone\b", url)
        response = self.client.get("/admin/pages/search/?q=pemeriksaan")
        self.assertRegex(response.content.decode(), r"1-\d+ dari \d+ halaman")


class IndonesianWordingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = get_user_model().objects.create_superuser(
            username="officer", email="officer@example.com", password="pw-officer-1"
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def test_listings_use_indonesian_headers_and_counts(self):
        expectations = {
            "/admin/sites/": ["Nama situs", "Halaman akar", "Bawaan?"],
            "/admin/locales/": ["1 lokal"],
            "/admin/users/": ["Nama pengguna", "1 pengguna"],
            "/admin/collections/": ["Koleksi"],
        }
        for url, words in expectations.items():
            response = self.client.get(url)
            for word in words:
                self.assertContains(response, word, msg_prefix=url)
        for url, english in (
            ("/admin/sites/", "Site name"),
            ("/admin/sites/", "Root page"),
            ("/admin/locales/", "1 locale"),
            ("/admin/users/", "True"),
            ("/admin/collections/", "Koleksi-koleksi"),
        ):
            self.assertNotIn(english, visible_text(self.client.get(url)), url)

    def test_wagtails_default_workflow_and_root_page_have_indonesian_names(self):
        self.assertEqual(Page.get_first_root_node().title, "Akar")
        self.assertTrue(Workflow.objects.filter(name="Persetujuan moderator").exists())
        self.assertFalse(Task.objects.filter(name="Moderators approval").exists())
        response = self.client.get("/admin/pages/")
        self.assertContains(response, "Akar")
        self.assertNotContains(response, "Root")


class SavedLanguageMigrationTests(TestCase):
    def test_a_saved_id_id_preference_becomes_id(self):
        user = get_user_model().objects.create_user("petugas", password="x-pw-12345")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "id-id"
        profile.save()
        migration.forwards(apps, None)
        profile.refresh_from_db()
        self.assertEqual(profile.preferred_language, "id")

    def test_names_an_officer_chose_are_left_alone(self):
        Workflow.objects.update(name="Alur redaksi")
        migration.backwards(apps, None)
        self.assertEqual(
            set(Workflow.objects.values_list("name", flat=True)), {"Alur redaksi"}
        )
        self.assertEqual(Page.get_first_root_node().title, "Root")
        migration.forwards(apps, None)
        self.assertEqual(
            set(Workflow.objects.values_list("name", flat=True)), {"Alur redaksi"}
        )
        self.assertEqual(Page.get_first_root_node().title, "Akar")
