"""A public visitor, in a real browser, against the real server and worker.

Debian's chromium is driven by Playwright through ``executable_path``; no
browser is ever downloaded. gunicorn and the task worker run as child processes
on the test database, seeded with the demo content.
"""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from home.models import FeedbackFormPage
from tests.live import LiveTestCase, free_port, start_server, start_worker, wait_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.e2e
class VisitorTests(LiveTestCase):
    def setUp(self):
        call_command("seed_demo", stdout=StringIO())
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-"))
        self.mail_dir = self.tmp / "mail"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        env = {"DJANGO_EMAIL_FILE_PATH": str(self.mail_dir)}
        self.web = start_server(self.tmp, port, **env)
        self.worker = start_worker(self.tmp, **env)
        self.addCleanup(self.worker.stop)
        self.addCleanup(self.web.stop)

    def sent_mail(self) -> str:
        if not self.mail_dir.exists():
            return ""
        return "".join(p.read_text(errors="replace") for p in self.mail_dir.iterdir())

    def test_a_visitor_switches_to_english_and_sends_feedback(self):
        en_feedback = FeedbackFormPage.objects.get(
            locale=Locale.objects.get(language_code="en")
        )
        feedback_url = self.base + en_feedback.url

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()

            page.goto(self.base + "/")
            expect(page.locator("html")).to_have_attribute("lang", "id")
            # The first Tab lands on the skip link, for keyboard users.
            page.keyboard.press("Tab")
            expect(page.locator(":focus")).to_have_attribute("href", "#main-content")

            page.locator("a[hreflang='en']").first.click()
            page.wait_for_url(f"{self.base}/en/**")
            expect(page.locator("html")).to_have_attribute("lang", "en")

            page.goto(feedback_url)
            page.get_by_label("Name").fill("Budi Santoso")
            page.get_by_label("Email").fill("budi@example.com")
            page.get_by_label("Category").select_option(label="Question")
            page.get_by_label("Message").fill("When is the clinic open on Saturday?")
            page.get_by_role("button", name="Send").click()
            expect(page.locator("main")).to_contain_text("Thank you")
            browser.close()

        submission = FormSubmission.objects.get()
        self.assertIn(
            "When is the clinic open on Saturday?", submission.form_data.values()
        )
        # The notification was enqueued by the request and sent by the worker.
        wait_for(
            lambda: "When is the clinic open on Saturday?" in self.sent_mail(),
            timeout=30,
            message=lambda: "the worker sent no mail:\n" + self.worker.output(),
        )
