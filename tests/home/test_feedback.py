from django.core import mail
from django.test import TestCase
from wagtail.contrib.forms.models import FormSubmission

from tests.home.builders import build_feedback_page, build_home

VALID = {
    "nama": "Siti Rahma",
    "email": "siti@example.com",
    "nomor_telepon": "",
    "kategori": "Saran",
    "pesan": "Mohon tambah jadwal pemeriksaan hari Sabtu.",
}


class FeedbackFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())

    def post(self, **changes):
        return self.client.post(self.page.url, {**VALID, **changes})

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
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Terima kasih")
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

    def test_it_sends_no_mail_inside_the_request(self):
        with self.captureOnCommitCallbacks(execute=False):
            self.post()
        self.assertEqual(FormSubmission.objects.count(), 1)
        self.assertEqual(mail.outbox, [])

    def assert_refused(self, response, field):
        self.assertEqual(response.status_code, 200)
        self.assertIn(field, response.context["form"].errors)
        self.assertContains(response, f'id="id_{field}_error"')
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
