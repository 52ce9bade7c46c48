import re

from django.core import mail
from django.core.cache import cache
from django.test import TestCase
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from home.models import FeedbackFormField, FeedbackFormPage, SiteSettings
from tests.home.builders import build_feedback_page, build_home, publish
from tests.home.feedback import VALID, person


class FeedbackFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())
        # As on a running site, where the first visit has made them: a
        # submission then queues its mail and nothing else (no page-cache bump).
        SiteSettings.for_site(cls.page.get_site())

    def setUp(self):
        cache.clear()  # the per-client rate limit counts in the cache

    def post(self, **changes):
        return self.client.post(self.page.url, person(**changes))

    def test_it_shows_the_form_uncacheable(self):
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "csrfmiddlewaretoken")
        self.assertContains(response, 'name="pesan"')
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_it_stores_valid_input_and_notifies_through_the_task(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.post()
        self.assertEqual(response.status_code, 303)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(len(callbacks), 1)
        submission = FormSubmission.objects.get(page=self.page)
        self.assertEqual(submission.form_data["pesan"], VALID["pesan"])
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["petugas@example.com"])
        self.assertEqual(message.subject, "Masukan baru")
        self.assertIn("Siti Rahma", message.body)
        self.assertIn(VALID["pesan"], message.body)

    def test_it_redirects_a_valid_post_so_a_reload_sends_nothing_again(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post()
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response["Location"], f"{self.page.url}?sent=1")
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])
        # The visitor's browser follows the redirect; reloading repeats a GET.
        for _reload in range(2):
            thanks = self.client.get(response["Location"])
            self.assertEqual(thanks.status_code, 200)
            self.assertContains(thanks, "Terima kasih")
            self.assertContains(thanks, '<meta name="robots" content="noindex">')
            self.assertNotContains(thanks, 'name="pesan"')
            self.assertIn("private", thanks["Cache-Control"])
            self.assertIn("no-store", thanks["Cache-Control"])
        self.assertEqual(FormSubmission.objects.count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_an_invalid_post_is_answered_in_place_uncacheable(self):
        response = self.post(pesan="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])

    def test_it_summarises_every_error_and_links_each_field_to_its_message(self):
        response = self.client.post(self.page.url, {})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(FormSubmission.objects.count(), 0)
        html = response.content.decode()
        self.assertInHTML(
            '<h2 id="error-summary-title">Mohon perbaiki kesalahan di bawah ini.</h2>',
            html,
        )
        self.assertContains(
            response,
            '<div class="error-summary" role="alert" tabindex="-1" '
            'aria-labelledby="error-summary-title" data-error-summary>',
            html=False,
        )
        self.assertIn("<title>Kesalahan: Masukan |", html)
        for field in ["nama", "email", "kategori", "pesan"]:
            with self.subTest(field=field):
                self.assertContains(response, f'<a href="#id_{field}">')
                self.assertContains(response, f'id="id_{field}_error"', count=1)
                widget = response.context["form"][field].as_widget()
                self.assertIn('aria-invalid="true"', widget)
                self.assertIn(f'aria-describedby="id_{field}_error"', widget)
        # The optional field is neither summarised nor marked invalid.
        self.assertNotContains(response, 'href="#id_nomor_telepon"')
        self.assertNotContains(response, 'id="id_nomor_telepon_error"')

    def test_the_english_page_answers_in_english(self):
        en_page = self.page.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        en_page.save_revision().publish()
        response = self.client.post(en_page.url, {})
        self.assertContains(response, "Please correct the errors below.")
        self.assertContains(response, "This field is required.")
        response = self.client.post(en_page.url, person())
        self.assertEqual(response["Location"], f"{en_page.url}?sent=1")
        thanks = self.client.get(response["Location"])
        self.assertContains(thanks, '<html lang="en">')
        self.assertContains(thanks, "Thank you")
        self.assertEqual(FormSubmission.objects.get().page_id, en_page.pk)

    def test_a_category_must_be_chosen(self):
        response = self.client.get(self.page.url)
        self.assertContains(response, '<option value="" selected>Pilih…</option>')
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(kategori="")
        self.assert_refused(response, "kategori")

    def test_the_form_has_no_error_summary_before_a_submit(self):
        response = self.client.get(self.page.url)
        self.assertNotContains(response, "data-error-summary")
        self.assertNotContains(response, 'aria-invalid="true"')

    def test_it_sends_no_mail_inside_the_request(self):
        with self.captureOnCommitCallbacks(execute=False):
            self.post()
        self.assertEqual(FormSubmission.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def assert_refused(self, response, field):
        self.assertEqual(response.status_code, 200)
        self.assertIn(field, response.context["form"].errors)
        self.assertContains(response, f'id="id_{field}_error"')
        self.assertContains(response, f'<a href="#id_{field}">')
        self.assertEqual(FormSubmission.objects.count(), 0)
        self.assertEqual(mail.outbox, [])

    def test_it_refuses_a_bad_email(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(email="bukan-email")
        self.assert_refused(response, "email")

    def test_it_refuses_an_empty_message(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(pesan="")
        self.assert_refused(response, "pesan")

    def test_it_refuses_a_missing_name(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(nama="")
        self.assert_refused(response, "nama")

    def test_it_refuses_an_oversize_message_instead_of_truncating(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(pesan="x" * 2001)
        self.assert_refused(response, "pesan")

    def test_it_accepts_a_message_at_the_limit(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.post(pesan="x" * 2000)
        self.assertEqual(FormSubmission.objects.count(), 1)

    def test_it_refuses_an_oversize_name(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(nama="x" * 256)
        self.assert_refused(response, "nama")


class ChoiceFieldErrorTests(TestCase):
    """Radio buttons and check boxes get their errors linked too."""

    @classmethod
    def setUpTestData(cls):
        page = FeedbackFormPage(title="Survei", slug="survei")
        page.form_fields = [
            FeedbackFormField(
                label="Puas", field_type="radio", required=True, choices="Ya\nTidak"
            ),
            FeedbackFormField(
                label="Layanan",
                field_type="checkboxes",
                required=True,
                choices="Klinik\nLaboratorium",
            ),
            FeedbackFormField(label="Setuju", field_type="checkbox", required=True),
        ]
        cls.page = publish(build_home(), page)

    def test_every_summary_link_lands_on_a_field(self):
        response = self.client.post(self.page.url, {})
        html = response.content.decode()
        targets = re.findall(r'<li><a href="#([^"]+)">', html)
        self.assertEqual(targets, ["id_puas_0", "id_layanan_0", "id_setuju"])
        for target in targets:
            self.assertIn(f'id="{target}"', html)
        for group in ["puas", "layanan"]:
            self.assertRegex(
                html,
                rf'<fieldset class="field field--error" aria-describedby="id_{group}_error">',
            )
            self.assertIn(f'id="id_{group}_error"', html)
        self.assertIn('aria-describedby="id_setuju_error"', html)
