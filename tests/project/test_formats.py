"""One way of writing dates per language (cms.formats), in Asia/Jakarta time."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, TestCase
from django.utils import formats, translation
from wagtail.contrib.forms.models import FormSubmission
from wagtail.users.models import UserProfile

from tests.home.builders import build_feedback_page, build_home

# 14.30 in Jakarta (UTC+7).
SUBMITTED = datetime.datetime(2026, 1, 5, 7, 30, tzinfo=datetime.UTC)


class FormatTests(SimpleTestCase):
    def test_indonesian_and_english_dates(self):
        day = datetime.date(2026, 1, 5)
        moment = datetime.datetime(2026, 1, 5, 14, 30)
        for language, date, date_time in (
            ("id", "5 Januari 2026", "5 Januari 2026 14.30"),
            ("en", "5 January 2026", "5 January 2026 14:30"),
        ):
            with translation.override(language):
                self.assertEqual(formats.date_format(day), date)
                self.assertEqual(
                    formats.date_format(moment, "DATETIME_FORMAT"), date_time
                )


class FormSubmissionDateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())
        submission = FormSubmission.objects.create(
            page=cls.page, form_data={"nama": "Sari", "pesan": "Terima kasih"}
        )
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=SUBMITTED)
        cls.officer = get_user_model().objects.create_superuser(
            username="officer", email="officer@example.com", password="pw-officer-1"
        )

    def test_the_submissions_listing_shows_jakarta_time_in_the_projects_format(self):
        self.client.force_login(self.officer)
        response = self.client.get(f"/admin/forms/submissions/{self.page.pk}/")
        self.assertContains(response, "5 Januari 2026 14.30")

    def test_an_english_admin_gets_the_english_format(self):
        profile = UserProfile.get_for_user(self.officer)
        profile.preferred_language = "en"
        profile.save()
        self.client.force_login(self.officer)
        response = self.client.get(f"/admin/forms/submissions/{self.page.pk}/")
        self.assertContains(response, "5 January 2026 14:30")
