"""A website officer, in a real browser, edits a job's schedule in the admin."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect, sync_playwright

from cms.scheduler.models import JobSchedule
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.live import LiveTestCase, free_port, start_server

JOB = "wagtail.publish_scheduled"


@pytest.mark.e2e
class OfficerTests(LiveTestCase):
    def setUp(self):
        get_user_model().objects.create_superuser(
            username="petugas", email="petugas@example.com", password="Rahasia-2026-web"
        )
        self.schedule = JobSchedule.objects.get(name=JOB)
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-officer-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(self.tmp, port)
        self.addCleanup(self.web.stop)

    def test_an_officer_reschedules_a_job_in_plain_indonesian(self):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(self.base + "/admin/login/")
            page.locator("input[name=username]").fill("petugas")
            page.locator("input[name=password]").fill("Rahasia-2026-web")
            page.get_by_role("button", name="Masuk").click()
            expect(page.get_by_text("Tugas berkala", exact=True)).to_be_visible()

            page.goto(self.base + f"/admin/job_schedules/edit/{self.schedule.pk}/")
            page.get_by_label("Setiap minggu").first.check()
            # Only the fields a weekly schedule uses are shown, with the next runs.
            expect(page.locator("select[name=weekday]")).to_be_visible()
            expect(page.locator("input[name=every]")).to_be_hidden()
            expect(page.locator("input[name=day]")).to_be_hidden()
            # Until a weekday is chosen there is nothing to preview.
            expect(page.locator("#scheduler-preview")).to_contain_text(
                "Belum ada pratinjau"
            )
            page.locator("select[name=weekday]").select_option("2")
            expect(page.locator("#scheduler-preview")).to_contain_text("Rabu")
            page.get_by_label("Setiap N menit").first.check()
            expect(page.locator("select[name=weekday]")).to_be_hidden()
            expect(page.locator("input[name=hour]")).to_be_hidden()
            page.locator("input[name=every]").fill("0")
            page.get_by_role("button", name="Simpan").click()
            # Refused with a field error; nothing saved.
            expect(
                page.locator(".w-field__errors .error-message").first
            ).to_be_visible()

            page.locator("input[name=every]").fill("10")
            expect(page.locator("#scheduler-preview")).to_contain_text(
                "Eksekusi berikutnya:"
            )
            page.get_by_role("button", name="Simpan").click()
            expect(page.locator(".messages")).to_contain_text("Eksekusi berikutnya:")
            expect(page.locator("main")).to_contain_text("Setiap 10 menit")
            page.goto(self.base + "/admin/")
            expect(page.locator("main")).to_contain_text("Setiap 10 menit")
            browser.close()

        self.schedule.refresh_from_db()
        self.assertEqual(
            (self.schedule.frequency, self.schedule.every), ("minutes", 10)
        )
