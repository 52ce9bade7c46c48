"""The November 2026 report: the right numbers in every section, in the admin's
HTML, in the PDF (its text extracted back) and in the CSV; stored unchangeably
and mailed to the supervisor with the PDF attached."""

from __future__ import annotations

import csv
import hashlib
import io
import unittest

import time_machine
from django.core import mail
from django.urls import reverse

from audit.models import Event
from audit.reports.building import build_report, send
from audit.reports.models import ImmutableRecordError, Report
from audit.reports.periods import month
from tests.home.workflow_base import ModerationTestCase, at
from tests.reports.utils import pdf_text, seed_month

# What a reader must find, formatted for Indonesia, in HTML and PDF alike.
EXPECTED_TEXT = [
    "99,86%",  # uptime
    "Server mati listrik",  # the outage
    "1.500",  # page views
    "/id/berita/",  # the top page
    "PT Hosting Nusantara",  # coordination with a third party
    "Sertifikat SSL kedaluwarsa",  # a problem opened in the period
    "001/SOP/HAT.PEN/F/2019",
]

EXPECTED_CSV = {
    ("availability", "outages"): "1",
    ("availability", "down_minutes"): "60.0",
    ("availability", "probe_runs"): "8640",
    ("availability", "down_runs"): "12",
    ("backups", "runs"): "3",
    ("backups", "failed"): "1",
    ("backups", "drills_passed"): "2",
    ("backups", "total_size"): "3000000",
    ("backups", "median_minutes"): "5.0",
    ("activity", "views"): "1500",
    ("activity", "visitors"): "420",
    ("activity", "signals"): "12",
    ("activity", "signals_by_severity.high"): "7",
    ("activity", "lockouts"): "1",
    ("activity", "failed_logins"): "3",
    ("coordination", "submitted"): "3",
    ("coordination", "approved"): "2",
    ("coordination", "rejected"): "1",
    ("coordination", "Humas.submitted"): "2",
    ("coordination", "Humas.approved"): "2",
    ("coordination", "Humas.median_hours"): "3.0",
    ("coordination", "Tata Usaha.rejected"): "1",
    ("feedback", "received"): "3",
    ("feedback", "answered"): "2",
    ("feedback", "still_open"): "1",
    ("feedback", "median_hours"): "4.0",
    ("problems", "opened"): "3",
    ("problems", "resolved"): "2",
    ("problems", "open_at_end"): "1",
    ("problems", "median_to_report"): "12.0",
    ("problems", "median_to_assign"): "8.0",
    ("problems", "median_to_resolve"): "120.0",
    ("problems", "coordination"): "1",
    ("problems", "coordination_by_party.vendor"): "1",
    ("board", "duty1.actual_minutes"): "4.0",
    ("board", "duty1.status"): "missed",
    ("board", "duty1.last_by"): "oki",
    ("board", "duty2.actual_minutes"): "5.0",
    ("board", "duty4.status"): "late",
    ("board", "duty5.actual_minutes"): "12.0",
    ("board", "duty5.status"): "on_schedule",
    ("board", "duty6.actual_minutes"): "8.0",
    ("board", "duty6.standard_minutes"): "10",
    ("board", "duty6.status"): "on_schedule",
    ("board", "duty7.actual_minutes"): "120.0",
    ("board", "duty7.standard_minutes"): "180",
    # The SSL problem waits beyond 180 minutes at the end of the month.
    ("board", "duty7.status"): "late",
}


class ReportTests(ModerationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        seed_month(cls)
        with time_machine.travel(at(2026, 12, 1, 7, 30), tick=True):
            cls.report = build_report(
                month("2026-11"), kind="monthly", actor="system:test"
            )

    def csv_cells(self) -> dict[tuple[str, str], str]:
        with self.report.csv.open("rb") as handle:
            rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))
        return {(section, figure): value for section, figure, value in rows[1:]}

    def test_the_csv_has_the_right_number_in_every_section(self):
        cells = self.csv_cells()
        for key, value in EXPECTED_CSV.items():
            with self.subTest(key=key):
                self.assertEqual(cells.get(key), value)

    def test_the_admin_html_shows_the_numbers_formatted_for_indonesia(self):
        self.client.force_login(self.sari)
        response = self.client.get(reverse("reports:detail", args=[self.report.pk]))
        self.assertEqual(response.status_code, 200)
        for text in EXPECTED_TEXT:
            self.assertContains(response, text)
        self.assertContains(response, "Terlambat")  # duty 7 late, in Indonesian
        # Duty 1: the officer's check, and the probes the job ran meanwhile.
        self.assertContains(
            response, "job:monitoring.probe, terakhir 30 November 2026 23.55"
        )
        self.assertContains(response, 'class="reports-chart"', count=2)

    def test_english_on_request(self):
        self.client.force_login(self.sari)
        response = self.client.get(
            reverse("reports:detail", args=[self.report.pk]), {"lang": "en"}
        )
        self.assertContains(response, "Website Management Report")
        self.assertContains(response, "1,500")
        self.assertContains(response, "Monitor the website")

    def test_the_pdf_text_has_the_same_numbers(self):
        text = pdf_text(self.report.pdf.path)
        if text is None:
            raise unittest.SkipTest("pdftotext (poppler-utils) is not installed.")
        for expected in EXPECTED_TEXT:
            self.assertIn(expected, text)
        self.assertIn("Laporan Pengelolaan Website", text)
        words = " ".join(text.split())
        self.assertIn(f"audit_verify --expect {self.report.head_for_verify}", words)

    def test_it_is_stored_with_its_sha256_and_the_chain_head(self):
        with self.report.pdf.open("rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        self.assertEqual(digest, self.report.pdf_sha256)
        self.assertRegex(self.report.audit_head, r"^1:\d+:[0-9a-f]{64}$")
        built = Event.objects.get(action="reports.built", object_id=str(self.report.pk))
        self.assertIn(self.report.pdf_sha256, built.details)
        self.assertIn(self.report.audit_head, built.details)
        # Not under the public media.
        self.assertNotIn("media", self.report.pdf.path)

    def test_a_stored_report_cannot_be_changed(self):
        report = Report.objects.get(pk=self.report.pk)
        report.data = {}
        with self.assertRaises(ImmutableRecordError):
            report.save()
        with self.assertRaises(ImmutableRecordError):
            report.delete()

    def test_the_supervisor_is_mailed_the_pdf(self):
        self.assertEqual(send(self.report), ["sari@bkp.example.go.id"])
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["sari@bkp.example.go.id"])
        self.assertIn("Laporan pengelolaan website", message.subject)
        [(name, content, mimetype)] = message.attachments
        self.assertEqual(mimetype, "application/pdf")
        self.assertEqual(hashlib.sha256(content).hexdigest(), self.report.pdf_sha256)
        self.assertIn(self.report.head_for_verify, message.body)
        self.assertTrue(
            Event.objects.filter(
                action="reports.mailed", object_id=str(self.report.pk)
            ).exists()
        )
