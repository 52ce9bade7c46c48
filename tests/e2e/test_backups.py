"""In a real browser, the website officer backs up the database by hand and sees
the run and its restore drill; only a superuser may download the archive.

The web server and the task worker are real child processes: the button queues
the backup, the worker takes it, drills it and records both.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from backups.models import Backup
from home.roles import OFFICERS, ensure_roles
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.home.workflow_base import make_user
from tests.live import LiveTestCase, free_port, start_server, start_worker, wait_for

PASSWORD = "Rahasia-2026-web"  # noqa: S105


@pytest.mark.e2e
class BackupsBrowserTests(LiveTestCase):
    def setUp(self):
        ensure_roles()
        officer = make_user("oki", OFFICERS)
        officer.set_password(PASSWORD)
        officer.save()
        get_user_model().objects.create_superuser(
            username="kepala", email="kepala@example.go.id", password=PASSWORD
        )
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-backups-"))
        env = {
            "BACKUPS_ROOT": str(self.tmp / "archives"),
            "BACKUPS_MAINTENANCE_FLAG": str(self.tmp / "maintenance.flag"),
        }
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(self.tmp, port, **env)
        self.addCleanup(self.web.stop)
        self.worker = start_worker(self.tmp, **env)
        self.addCleanup(self.worker.stop)

    def login(self, browser, username):
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(self.base + "/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        expect(page.locator("main")).to_be_visible()
        return page

    def test_an_officer_backs_up_now_and_only_a_superuser_downloads(self):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = self.login(browser, "oki")
            page.goto(self.base + "/admin/backups/")
            expect(page.locator("main")).to_contain_text(
                "Belum ada cadangan basis data yang baik."
            )
            page.get_by_label("Yang dicadangkan").select_option("database")
            page.get_by_role("button", name="Cadangkan sekarang").click()
            expect(page.locator(".messages")).to_contain_text(
                "Pencadangan telah dimulai"
            )

            # The worker backs up and drills; the run appears with its result.
            def drilled():
                page.reload()
                row = page.locator("#listing-results tbody tr").first
                return row.count() and "Lulus" in row.inner_text()

            wait_for(drilled, timeout=120, interval=1, message=self.worker.output)
            row = page.locator("#listing-results tbody tr").first
            expect(row).to_contain_text("Basis data")
            expect(row).to_contain_text("Oki")  # who pressed the button
            expect(row).to_contain_text("Berhasil")
            # The officer is no superuser: no download link.
            expect(page.get_by_role("link", name="Unduh")).to_have_count(0)
            browser.close()

        # (The ORM outside Playwright's event loop.)
        backup = Backup.objects.get()
        url = f"{self.base}/admin/backups/{backup.pk}/download/"
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = self.login(browser, "oki")
            self.assertEqual(page.request.get(url).status, 403)

            page = self.login(browser, "kepala")
            page.goto(self.base + "/admin/backups/")
            with page.expect_download() as download:
                page.get_by_role("link", name="Unduh").click()
            saved = self.tmp / "downloaded"
            download.value.save_as(saved)
            filename = download.value.suggested_filename
            browser.close()

        self.assertEqual(filename, backup.filename)
        self.assertEqual(hashlib.sha256(saved.read_bytes()).hexdigest(), backup.sha256)
        self.assertEqual(backup.drill_status, Backup.Drill.PASSED)
