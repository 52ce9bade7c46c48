"""What every public page carries: title, main menu, footer, dates, favicon."""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Site

from home.dates import format_long_date
from home.models import FeedbackFormPage, SectionPage, SiteSettings
from tests.home.builders import build_site, publish


class TitleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def title(self, url):
        html = self.client.get(url).content.decode()
        return html[html.index("<title>") + 7 : html.index("</title>")]

    def test_a_page_title_is_followed_by_the_site_name(self):
        self.assertEqual(
            self.title(self.site.article.url),
            "Pemeriksaan pilot | Balai Kesehatan Penerbangan",
        )
        self.assertEqual(
            self.title(self.site.en.article.url),
            "Pilot examination | Aviation Health Center",
        )

    def test_the_home_page_names_the_site_once(self):
        self.assertEqual(self.title("/"), "Balai Kesehatan Penerbangan")
        self.assertEqual(self.title("/en/"), "Aviation Health Center")

    def test_a_seo_title_holding_the_site_name_is_not_repeated(self):
        self.site.section.seo_title = "Humas Balai Kesehatan Penerbangan"
        self.site.section.save_revision().publish()
        self.assertEqual(
            self.title(self.site.section.url), "Humas Balai Kesehatan Penerbangan"
        )

    def test_the_english_site_says_center(self):
        for page in [self.site.en.home, self.site.en.article, self.site.en.feedback]:
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertContains(response, "Aviation Health Center")
                self.assertNotContains(response, "Centre")


class MenuAndFooterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def test_the_feedback_page_is_in_the_menu_and_footer_in_each_language(self):
        for url, feedback, label in [
            ("/", self.site.feedback, "Kirim masukan Anda"),
            ("/en/", self.site.en.feedback, "Send us your feedback"),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                menu = response.content.decode().split('id="main-menu-list"')[1]
                menu = menu.split("</ul>")[0]
                self.assertIn(f'href="{feedback.url}">{feedback.title}</a>', menu)
                self.assertContains(
                    response, f'<a href="{feedback.url}">{label}</a>', html=True
                )

    def test_the_menu_marks_the_page_shown_and_its_section(self):
        response = self.client.get(self.site.feedback.url)
        self.assertContains(
            response, f'href="{self.site.feedback.url}" aria-current="page"'
        )
        self.assertContains(
            response, f'href="{self.site.section.url}" aria-current="true"'
        )

    def test_officers_choose_the_feedback_page_in_the_site_settings(self):
        other = publish(
            self.site.home, FeedbackFormPage(title="Pengaduan", slug="pengaduan")
        )
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.feedback_page = other
        settings.save()
        response = self.client.get("/")
        self.assertContains(response, f'href="{other.url}">Pengaduan</a>')
        self.assertNotContains(response, f'href="{self.site.feedback.url}"')
        # Untranslated, the chosen page falls back to the first English one.
        response = self.client.get("/en/")
        self.assertContains(response, f'href="{self.site.en.feedback.url}"')

    def test_no_feedback_link_without_a_live_feedback_page(self):
        for page in FeedbackFormPage.objects.all():
            page.unpublish()
        response = self.client.get("/")
        self.assertNotContains(response, "Kirim masukan Anda")
        self.assertNotContains(response, 'id="footer-feedback"')

    def test_more_menu_pages_cost_no_more_queries(self):
        self.client.get("/")  # warm caches (site, settings) like a running worker
        with CaptureQueriesContext(connection) as before:
            self.client.get("/")
        for number in range(3):
            publish(
                self.site.home,
                SectionPage(title=f"Bagian {number}", show_in_menus=True),
            )
        with CaptureQueriesContext(connection) as after:
            response = self.client.get("/")
        self.assertContains(response, "Bagian 2")
        self.assertEqual(len(after), len(before))

    def test_the_home_page_links_to_all_news_and_announcements(self):
        response = self.client.get("/")
        self.assertContains(
            response,
            f'<a href="{self.site.index.url}?kind=news">Semua berita</a>',
            html=True,
        )
        self.assertContains(
            response,
            f'<a href="{self.site.index.url}?kind=announcement">Semua pengumuman</a>',
            html=True,
        )
        response = self.client.get("/en/")
        self.assertContains(
            response,
            f'<a href="{self.site.en.index.url}?kind=news">All news</a>',
            html=True,
        )


class DateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()

    def test_one_long_format_per_language(self):
        day = datetime.date(2026, 11, 25)
        with translation.override("id"):
            self.assertEqual(format_long_date(day), "25 November 2026")
            self.assertEqual(
                format_long_date(datetime.date(2026, 1, 3)), "3 Januari 2026"
            )
        with translation.override("en"):
            self.assertEqual(format_long_date(day), "25 November 2026")

    @override_settings(TIME_ZONE="Asia/Jakarta")
    def test_a_moment_is_dated_in_jakarta(self):
        late_utc = datetime.datetime(2026, 11, 24, 20, 0, tzinfo=datetime.UTC)
        with translation.override("id"):
            self.assertEqual(format_long_date(late_utc), "25 November 2026")
        self.assertEqual(format_long_date(None), "")

    def test_listings_and_articles_use_it(self):
        for url in ["/", self.site.index.url, self.site.article.url]:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "15 Januari 2025")
        self.assertContains(self.client.get(self.site.en.index.url), "15 January 2025")


class FaviconTests(TestCase):
    def test_favicon_ico_answers(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/x-icon")
        self.assertTrue(b"".join(response.streaming_content).startswith(b"\0\0\1\0"))
        self.assertIn("max-age", response["Cache-Control"])
