from __future__ import annotations

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from audit.reports.checks import check_reports_settings


class ReportsChecksTests(SimpleTestCase):
    def test_the_defaults_pass(self):
        self.assertEqual(check_reports_settings(None), [])

    def test_reports_under_the_public_media_are_refused(self):
        with override_settings(REPORTS_ROOT=settings.MEDIA_ROOT / "laporan"):
            [error] = check_reports_settings(None)
        self.assertEqual(error.id, "reports.E001")

    def test_an_unknown_language_is_refused(self):
        with override_settings(REPORTS_LANGUAGE="fr"):
            [error] = check_reports_settings(None)
        self.assertEqual(error.id, "reports.E002")
