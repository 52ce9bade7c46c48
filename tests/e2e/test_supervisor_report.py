"""The direct supervisor, in a real browser, opens the month's SOP report,
downloads its PDF and acknowledges it."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect, sync_playwright

from audit.models import Event
from audit.reports.building import build_report
from audit.reports.models import Report
from audit.reports.periods import month
from home.roles import SUPERVISOR, ensure_roles
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.home.workflow_base import at
from tests.live import LiveTestCase, free_port, start_server

PASSWORD = "Rahasia-2026-web"  # noqa: S105


@pytest.mark.e2e
class SupervisorReportTests(LiveTestCase):
    def setUp(self):
        ensure_roles()
        self.supervisor = get_user_model().objects.create_user(
            username="budi", email="budi@example.go.id", password=PASSWORD
        )
        self.supervisor.groups.add(Group.objects.get(name=SUPERVISOR))
        with time_machine.travel(at(2026, 12, 1, 7, 30), tick=True):
            self.report = build_report(
                month("2026-11"), kind="monthly", actor="system:reports.monthly"
            )
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-report-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(self.tmp, port)
        self.addCleanup(self.web.stop)

    def test_the_supervisor_reads_downloads_and_acknowledges_the_months_report(self):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(accept_downloads=True)
            page.goto(self.base + "/admin/login/")
            page.locator("input[name=username]").fill("budi")
            page.locator("input[name=password]").fill(PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.goto(self.base + "/admin/sop-reports/")
            page.get_by_role("link", name="1 November 2026 – 30 November 2026").click()
            expect(page.locator("main")).to_contain_text("Laporan Pengelolaan Website")
            expect(page.locator("main")).to_contain_text("Kepatuhan SOP")
            expect(page.locator("svg.reports-chart")).to_have_count(2)

            with page.expect_download() as download_info:
                page.get_by_role("link", name="Unduh PDF").click()
            pdf = Path(download_info.value.path()).read_bytes()
            self.assertTrue(pdf.startswith(b"%PDF"))
            self.assertEqual(hashlib.sha256(pdf).hexdigest(), self.report.pdf_sha256)

            page.get_by_role("button", name="Tandai laporan ini sudah dibaca").click()
            expect(page.locator("#reports-acknowledgement")).to_contain_text(
                "Ditandai sudah dibaca oleh budi"
            )
            browser.close()

        report = Report.objects.get(pk=self.report.pk)
        self.assertEqual(report.acknowledged_by, self.supervisor)
        self.assertTrue(
            Event.objects.filter(action="reports.acknowledged", actor="budi").exists()
        )
        self.assertTrue(
            Event.objects.filter(action="reports.downloaded", actor="budi").exists()
        )
