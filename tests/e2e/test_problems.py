"""In a real browser and in Indonesian: a problem from report to verification.

The officer finds the new problem on the dashboard and reports it; the
supervisor assigns it to an operator with an instruction (the operator is
mailed by the worker); the operator starts and resolves it; the supervisor
verifies it. The steps' timeline shows every step.
"""

from __future__ import annotations

import email
import tempfile
from email.policy import default
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from audit.problems.opening import open_problem
from home.roles import OFFICERS, OPERATOR, SUPERVISOR, ensure_roles
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.home.builders import build_home, locales
from tests.home.workflow_base import make_user
from tests.live import LiveTestCase, start_server, start_worker, wait_for

PASSWORD = "Rahasia-2026-web"  # noqa: S105
PORT = 8101  # this worktree's own port
TITLE = "Halaman jadwal layanan tidak tampil"


@pytest.mark.e2e
class ProblemBrowserTests(LiveTestCase):
    def setUp(self):
        locales()
        build_home()
        ensure_roles()
        for name, group in (
            ("oki", OFFICERS),
            ("sari", SUPERVISOR),
            ("agus", OPERATOR),
        ):
            user = make_user(name, group)
            user.set_password(PASSWORD)
            user.save()
        self.problem = open_problem(
            source="job",
            cause_key="job:e2e",
            title=TITLE,
            severity="high",
        )
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-problems-"))
        self.mail_dir = self.tmp / "mail"
        self.base = f"http://127.0.0.1:{PORT}"
        self.web = start_server(self.tmp, PORT)
        self.addCleanup(self.web.stop)
        self.worker = start_worker(self.tmp, DJANGO_EMAIL_FILE_PATH=str(self.mail_dir))
        self.addCleanup(self.worker.stop)

    def login(self, browser, username):
        page = browser.new_context().new_page()
        page.goto(self.base + "/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        expect(page.locator("main")).to_be_visible()
        return page

    def open_from_dashboard(self, page):
        panel = page.locator("#problems-waiting-for-you-section")
        expect(panel).to_contain_text("Menunggu Anda")
        panel.get_by_role("link", name=TITLE).click()
        expect(page.locator("h1")).to_contain_text(TITLE)

    def step(self, page, button, status):
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".messages")).to_contain_text(f"Selesai: {button}.")
        expect(page.locator("[data-problem-status]")).to_have_text(status)

    def mail_to(self, address, subject):
        def find():
            folder = self.mail_dir
            for path in sorted(folder.glob("*.log")) if folder.exists() else []:
                for raw in path.read_text(errors="replace").split("-" * 79):
                    message = email.message_from_string(raw.strip(), policy=default)
                    if address in (message["To"] or "") and subject in (
                        message["Subject"] or ""
                    ):
                        return message
            return None

        return wait_for(
            find, timeout=30, message=lambda: "no mail:\n" + self.worker.output()
        )

    def test_officer_reports_supervisor_assigns_operator_resolves_supervisor_verifies(
        self,
    ):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            page = self.login(browser, "oki")
            self.open_from_dashboard(page)
            self.step(page, "Laporkan kepada atasan", "Dilaporkan kepada atasan")

            page = self.login(browser, "sari")
            self.open_from_dashboard(page)
            page.locator("#id_assign-assignee").select_option(label="Agus")
            page.locator("#id_assign-note").fill("Periksa template jadwal hari ini.")
            self.step(page, "Tugaskan kepada operator", "Ditugaskan")
            message = self.mail_to(
                "agus@bkp.example.go.id", "Masalah ditugaskan kepada Anda"
            )
            self.assertIn(
                "Periksa template jadwal hari ini.",
                message.get_body(("plain",)).get_content(),
            )

            page = self.login(browser, "agus")
            self.open_from_dashboard(page)
            self.step(page, "Mulai tangani", "Sedang diproses")
            page.locator("#id_resolve-note").fill(
                "Template diperbaiki, cache dibersihkan."
            )
            self.step(page, "Tandai selesai", "Selesai")

            page = self.login(browser, "sari")
            self.open_from_dashboard(page)
            expect(page.locator("main")).to_contain_text("Template diperbaiki")
            self.step(page, "Verifikasi penyelesaian", "Terverifikasi")
            rows = page.locator("table.listing").first.locator("tbody tr")
            expect(rows).to_have_count(6)
            expect(rows.nth(5)).to_contain_text("Terverifikasi")
            expect(rows.nth(5)).to_contain_text("Sari")
            browser.close()
