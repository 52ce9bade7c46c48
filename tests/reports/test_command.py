from __future__ import annotations

import io
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from audit.reports.models import Report


class SopReportCommandTests(TestCase):
    def test_it_stores_the_months_report_and_prints_its_pdf(self):
        out = io.StringIO()
        call_command("sop_report", period="2026-11", stdout=out)
        report = Report.objects.get()
        self.assertEqual(out.getvalue().strip(), report.pdf.path)
        self.assertTrue(Path(report.pdf.path).read_bytes().startswith(b"%PDF"))
        self.assertEqual(str(report.period_end), "2026-11-30")

    def test_a_bad_month_is_refused_in_one_sentence(self):
        for value in ("2026-13", "November"):
            with self.subTest(value=value):
                with self.assertRaises(CommandError) as caught:
                    call_command("sop_report", period=value, stdout=io.StringIO())
                self.assertIn("2026-11", str(caught.exception))
                message = str(caught.exception)
                self.assertNotIn("\n", message)
                self.assertTrue(message.endswith("."))
        self.assertFalse(Report.objects.exists())

    def test_a_bad_range_is_refused(self):
        with self.assertRaisesMessage(CommandError, "YYYY-MM-DD"):
            call_command("sop_report", start="2026-11-31", end="2026-12-01")
        with self.assertRaises(CommandError):
            call_command("sop_report", start="2026-12-01", end="2026-11-01")
        with self.assertRaises(CommandError):
            call_command("sop_report")
