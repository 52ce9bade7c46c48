from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from home.models import ArticlePage, FeedbackFormPage, HomePage, SiteSettings


class SeedDemoTests(TestCase):
    def counts(self):
        return (
            Page.objects.count(),
            get_image_model().objects.count(),
            get_document_model().objects.count(),
        )

    def seed(self):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue()

    def test_it_builds_a_bilingual_site_once(self):
        output = self.seed()
        self.assertIn("Demo content created", output)
        first = self.counts()

        self.assertEqual(
            self.seed().strip(), "Demo content already present; nothing to do."
        )
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

    def test_the_seeded_site_serves_both_languages(self):
        self.seed()
        self.assertContains(self.client.get("/"), '<html lang="id">')
        response = self.client.get("/en/")
        self.assertContains(response, '<html lang="en">')
        for page in Page.objects.live().filter(depth__gt=2).specific():
            with self.subTest(url=page.url):
                self.assertEqual(self.client.get(page.url).status_code, 200)
