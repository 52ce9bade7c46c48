import shutil
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.demo import DemoDataError, seed_demo_content
from home.demo.content import DATA_DIR, load
from home.demo.pictures import SUBJECTS, draw
from home.models import (
    ArticlePage,
    FeedbackFormPage,
    HomePage,
    SectionPage,
    SiteSettings,
)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = seed()

    def test_each_demo_section_has_its_subdivision_with_rights(self):
        from wagtail.models import GroupPagePermission

        from home.models import Subdivision

        for slug in ("tata-usaha", "pelayanan", "humas"):
            with self.subTest(slug=slug):
                subdivision = Subdivision.objects.get(slug=slug)
                self.assertEqual(subdivision.section.slug, slug)
                pages = set(
                    GroupPagePermission.objects.filter(
                        group=subdivision.group
                    ).values_list("page_id", flat=True)
                )
                # The Indonesian section and its English translation.
                self.assertEqual(len(pages), 2)
                self.assertIn(subdivision.section_id, pages)

    def counts(self):
        return (
            Page.objects.count(),
            get_image_model().objects.count(),
            get_document_model().objects.count(),
        )

    def test_it_builds_a_bilingual_site_once(self):
        self.assertIn("Demo content created", self.output)
        first = self.counts()

        self.assertEqual(seed().strip(), "Demo content already present; nothing to do.")
        self.assertEqual(self.counts(), first)

        self.assertEqual(
            set(Locale.objects.values_list("language_code", flat=True)), {"id", "en"}
        )
        site = Site.objects.get(is_default_site=True)
        self.assertIsInstance(site.root_page.specific, HomePage)
        self.assertEqual(site.root_page.locale.language_code, "id")
        self.assertEqual(HomePage.objects.count(), 2)
        self.assertGreaterEqual(
            ArticlePage.objects.filter(locale__language_code="id").count(), 12
        )
        self.assertEqual(
            ArticlePage.objects.filter(locale__language_code="en", live=True).count(),
            ArticlePage.objects.filter(locale__language_code="id").count(),
        )
        self.assertFalse(Page.objects.filter(depth=2, title__startswith="Welcome"))
        feedback = FeedbackFormPage.objects.get(locale__language_code="id")
        self.assertTrue(feedback.to_address)
        self.assertEqual(
            list(feedback.form_fields.values_list("clean_name", flat=True)),
            ["nama", "email", "nomor_telepon", "kategori", "pesan"],
        )
        self.assertTrue(SiteSettings.for_site(site).email)
        for image in get_image_model().objects.all():
            self.assertTrue(image.description)

    def test_every_page_has_its_translation_and_every_section_has_pages(self):
        id_pages = Page.objects.filter(locale__language_code="id", depth__gt=1)
        en_keys = set(
            Page.objects.filter(locale__language_code="en").values_list(
                "translation_key", flat=True
            )
        )
        self.assertEqual(
            set(id_pages.values_list("translation_key", flat=True)), en_keys
        )
        sections = SectionPage.objects.all()
        self.assertEqual(sections.count(), 6)
        for section in sections:
            with self.subTest(section=section.url_path):
                self.assertTrue(section.get_children().live().exists())

    def test_each_article_shows_a_picture_of_its_own(self):
        for lang in ("id", "en"):
            articles = ArticlePage.objects.filter(locale__language_code=lang)
            images = [article.feed_image_id for article in articles]
            with self.subTest(lang=lang):
                self.assertNotIn(None, images)
                self.assertEqual(len(set(images)), len(images))
        for article in ArticlePage.objects.filter(locale__language_code="en"):
            original = article.get_translation(Locale.objects.get(language_code="id"))
            with self.subTest(article=article.title):
                self.assertEqual(article.feed_image_id, original.feed_image_id)
                self.assertTrue(article.image_alt)
                self.assertNotEqual(article.image_alt, original.image_alt)

    def test_each_article_shows_the_picture_its_data_names(self):
        articles = load()["sections"]["humas"]["news"]["articles"]
        pictures = {spec["title"]["id"]: spec["picture"] for spec in articles}
        for article in ArticlePage.objects.filter(locale__language_code="id"):
            picture = pictures[article.title]
            with self.subTest(article=article.title):
                self.assertEqual(
                    Path(article.feed_image.file.name).stem.split("_")[0],
                    picture["name"],
                )
                self.assertEqual(article.image_alt, picture["alt"]["id"])

    def test_the_english_site_says_center_and_titles_name_the_site_once(self):
        response = self.client.get("/")
        # The home page is titled with the site's name alone, once.
        self.assertContains(response, "<title>Balai Kesehatan Penerbangan</title>")
        response = self.client.get("/en/")
        self.assertContains(response, "<title>Aviation Health Center</title>")
        for page in Page.objects.live().filter(locale__language_code="en", depth=3):
            with self.subTest(url=page.url):
                response = self.client.get(page.url)
                self.assertContains(response, "Center")
                self.assertNotContains(response, "Centre")

    def test_the_seeded_site_serves_both_languages(self):
        self.assertContains(self.client.get("/"), '<html lang="id">')
        response = self.client.get("/en/")
        self.assertContains(response, '<html lang="en">')
        for page in Page.objects.live().filter(depth__gt=2).specific():
            with self.subTest(url=page.url):
                self.assertEqual(self.client.get(page.url).status_code, 200)


class DemoDataTests(TestCase):
    def broken_copy(self, name: str, old: str, new: str) -> Path:
        """A copy of the data folder with ``old`` replaced in one file."""
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        shutil.copytree(DATA_DIR, folder, dirs_exist_ok=True)
        path = folder / name
        text = path.read_text()
        self.assertIn(old, text)
        path.write_text(text.replace(old, new, 1))
        return folder

    def test_the_shipped_data_is_valid(self):
        data = load()
        self.assertEqual(list(data["sections"]), ["tata-usaha", "pelayanan", "humas"])

    def test_it_refuses_a_missing_translation_naming_file_and_key(self):
        folder = self.broken_copy(
            "humas.toml",
            'title.en = "Hundreds of Pilots',
            'subtitle.en = "Hundreds of Pilots',
        )
        with self.assertRaisesMessage(
            DemoDataError, "humas.toml: news.articles[1].subtitle: unknown key"
        ):
            load(folder)

    def test_it_refuses_a_missing_key(self):
        folder = self.broken_copy("pelayanan.toml", 'fees.en = "IDR 500,000', "# ")
        with self.assertRaisesMessage(
            DemoDataError, "pelayanan.toml: services[2].fees.en: missing"
        ):
            load(folder)

    def test_it_refuses_a_wrong_value(self):
        folder = self.broken_copy("humas.toml", "days_ago = 5", 'days_ago = "5"')
        with self.assertRaisesMessage(
            DemoDataError,
            "humas.toml: news.articles[1].days_ago: expected a whole number",
        ):
            load(folder)

    def test_it_refuses_a_link_to_a_page_it_does_not_build(self):
        folder = self.broken_copy(
            "site.toml", 'page = "tata-usaha/regulasi"', 'page = "tata-usaha/x"'
        )
        with self.assertRaisesMessage(
            DemoDataError, "site.toml: home.highlights[1].page: no page"
        ):
            load(folder)

    def test_it_refuses_invalid_toml_and_writes_nothing(self):
        folder = self.broken_copy("tata-usaha.toml", "[library]", "[library")
        with self.assertRaisesMessage(DemoDataError, "tata-usaha.toml: not valid TOML"):
            seed_demo_content(data_dir=folder)
        self.assertFalse(HomePage.objects.exists())
        self.assertFalse(get_image_model().objects.exists())

    def test_the_command_reports_bad_data_in_one_sentence(self):
        error = DemoDataError("site.toml: home.title.en: missing")
        with (
            mock.patch("home.demo.seed.load", side_effect=error),
            self.assertRaisesMessage(
                CommandError,
                "The demo data is not valid: site.toml: home.title.en: missing",
            ),
        ):
            seed()


class PictureTests(TestCase):
    def test_each_subject_draws_the_same_picture_every_time(self):
        for name in ("calendar", "integrity"):
            with self.subTest(name=name):
                self.assertEqual(draw(name), draw(name))
        self.assertIn("examination", SUBJECTS)
