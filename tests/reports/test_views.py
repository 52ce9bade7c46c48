"""Who sees what: the supervisor reads and acknowledges, officers build and
check, operators see no report; the board's queries do not grow."""

from __future__ import annotations

import re

import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from audit.models import Event
from audit.problems.models import Problem
from audit.reports.building import build_report
from audit.reports.models import DutyCheck, Report
from audit.reports.periods import month
from home.roles import OFFICERS, OPERATOR, SUPERVISOR, ensure_roles
from tests.home.workflow_base import at, make_user

MINUTE = 60


class ReportViewTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.officer = make_user("oki", OFFICERS)
        cls.supervisor = make_user("sari", SUPERVISOR)
        cls.operator = make_user("opi", OPERATOR)
        with time_machine.travel(at(2026, 12, 1, 7), tick=True):
            cls.report = build_report(
                month("2026-11"), kind="monthly", actor="system:test"
            )

    def test_the_supervisor_acknowledges_a_report(self):
        self.client.force_login(self.supervisor)
        url = reverse("reports:detail", args=[self.report.pk])
        self.assertContains(self.client.get(url), "Tandai laporan ini sudah dibaca")
        response = self.client.post(
            reverse("reports:acknowledge", args=[self.report.pk])
        )
        self.assertRedirects(response, url)
        report = Report.objects.get(pk=self.report.pk)
        self.assertEqual(report.acknowledged_by, self.supervisor)
        self.assertIsNotNone(report.acknowledged_at)
        event = Event.objects.get(action="reports.acknowledged")
        self.assertEqual((event.actor, event.object_id), ("sari", str(report.pk)))
        self.assertContains(self.client.get(url), "Ditandai sudah dibaca oleh sari")
        # A second click changes nothing and records nothing.
        self.client.post(reverse("reports:acknowledge", args=[self.report.pk]))
        self.assertEqual(Event.objects.filter(action="reports.acknowledged").count(), 1)

    def test_an_officer_may_read_but_not_acknowledge(self):
        self.client.force_login(self.officer)
        self.assertEqual(
            self.client.get(
                reverse("reports:detail", args=[self.report.pk])
            ).status_code,
            200,
        )
        response = self.client.post(
            reverse("reports:acknowledge", args=[self.report.pk])
        )
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(Report.objects.get(pk=self.report.pk).acknowledged_at)

    def test_an_operator_cannot_see_reports(self):
        self.client.force_login(self.operator)
        for url in (
            reverse("reports:index"),
            reverse("reports:detail", args=[self.report.pk]),
            reverse("reports:pdf", args=[self.report.pk]),
            reverse("reports:csv", args=[self.report.pk]),
            reverse("reports:board"),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        home = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(home, reverse("reports:index"))

    def test_the_pdf_download_is_the_stored_file_and_is_recorded(self):
        self.client.force_login(self.supervisor)
        response = self.client.get(reverse("reports:pdf", args=[self.report.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF"))
        self.assertTrue(Event.objects.filter(action="reports.downloaded").exists())

    def test_an_officer_builds_a_report_for_any_period(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("reports:index"),
            {"month": "", "start": "2026-11-02", "end": "2026-11-08", "language": "en"},
        )
        report = Report.objects.latest("built_at")
        self.assertRedirects(response, reverse("reports:detail", args=[report.pk]))
        self.assertEqual((report.kind, report.language), ("custom", "en"))
        self.assertEqual(report.built_by, self.officer)

    def test_a_wrong_month_is_a_form_error(self):
        self.client.force_login(self.officer)
        response = self.client.post(
            reverse("reports:index"), {"month": "2026-13", "language": "id"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "bukan bulan")
        self.assertEqual(Report.objects.count(), 1)


class BoardTests(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.officer = make_user("oki", OFFICERS)
        cls.supervisor = make_user("sari", SUPERVISOR)

    def board(self):
        self.client.force_login(self.supervisor)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("reports:board"), {"month": "2026-11"})
        return response, len(queries)

    def add_problems(self, n, start):
        for i in range(n):
            opened = at(2026, 11, 2 + i, 9)
            Problem.objects.create(
                title=f"Masalah {start + i}",
                severity="low",
                source="manual",
                status="resolved",
                opened_at=opened,
                reported_at=opened.replace(minute=5),
                reported_by=self.officer,
                assigned_at=opened.replace(minute=10),
                assigned_by=self.supervisor,
                resolved_at=opened.replace(hour=10),
                resolved_by=self.officer,
            )

    def test_every_duty_shows_with_empty_sources(self):
        response, _count = self.board()
        self.assertEqual(response.status_code, 200)
        rows = re.findall(r'<tr data-duty="(\d)">', response.content.decode())
        self.assertEqual(rows, [str(n) for n in range(1, 8)])
        self.assertContains(response, "305")
        self.assertContains(response, "action=reports.availability_checked")
        self.assertContains(response, "timestamp_from=2026-11-01")

    def test_the_boards_queries_do_not_grow_with_activity(self):
        self.add_problems(2, 0)
        _response, few = self.board()
        self.add_problems(10, 2)
        response, many = self.board()
        self.assertEqual(few, many)
        self.assertContains(response, "sari")  # who assigned last

    def test_an_officers_check_is_the_evidence_of_duty_1(self):
        self.client.force_login(self.officer)
        with time_machine.travel(at(2026, 11, 3, 8), tick=False):
            home = self.client.get(reverse("wagtailadmin_home"))
            self.assertContains(home, "Sudah diperiksa")
            token = re.search(
                r'action="/admin/sop-reports/confirm/1/">.*?name="shown" value="([^"]+)"',
                home.content.decode(),
                re.S,
            ).group(1)
        with time_machine.travel(at(2026, 11, 3, 8, 6), tick=False):
            self.client.post(reverse("reports:confirm", args=[1]), {"shown": token})
            self.client.post(reverse("reports:confirm", args=[1]), {"shown": token})
        check = DutyCheck.objects.get()
        self.assertEqual((check.duty, check.confirmed_by), (1, self.officer))
        self.assertEqual(
            Event.objects.filter(action="reports.availability_checked").count(), 1
        )
        with time_machine.travel(at(2026, 11, 3, 9), tick=False):
            response, _count = self.board()
        self.assertContains(response, "3 November 2026 08.06")
        self.assertContains(
            response, "<td>6,0</td>"
        )  # minutes from digest to "checked"

    def test_a_forged_check_is_refused(self):
        self.client.force_login(self.officer)
        self.client.post(reverse("reports:confirm", args=[1]), {"shown": "palsu"})
        self.assertFalse(DutyCheck.objects.exists())
