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

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormPage,
    ServicePage,
)
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
            # Typed key by key at a person's pace: the form refuses (silently)
            # anything sent sooner than HOME_FEEDBACK_MIN_SECONDS after it was
            # shown, and Playwright's fill() would take a few milliseconds.
            page.get_by_label("Name").press_sequentially("Budi Santoso", delay=60)
            page.get_by_label("Email").press_sequentially("budi@example.com", delay=60)
            page.get_by_label("Category").select_option(label="Question")
            page.get_by_label("Message").press_sequentially(
                "When is the clinic open on Saturday?", delay=60
            )
            page.get_by_role("button", name="Send").click()
            expect(page.locator("main")).to_contain_text("Thank you")
            # Post/Redirect/Get: the thanks has its own URL, and a reload
            # neither asks to resend the form nor stores it twice.
            self.assertTrue(page.url.endswith("?sent=1"), page.url)
            page.reload()
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


def first_live(page_type, language_code: str):
    locale = Locale.objects.get(language_code=language_code)
    return page_type.objects.live().filter(locale=locale).order_by("path").first()


@pytest.mark.e2e
class PhoneAndFormTests(LiveTestCase):
    """What a visitor on a phone, or with the keyboard, meets."""

    def setUp(self):
        call_command("seed_demo", stdout=StringIO())
        tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-phone-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(tmp, port)
        self.addCleanup(self.web.stop)

    def test_no_page_is_wider_than_a_375_px_phone(self):
        libraries = [first_live(DocumentLibraryPage, code).url for code in ["id", "en"]]
        others = ["/", "/en/"] + [
            first_live(page_type, code).url
            for page_type in [ArticlePage, ArticleIndexPage, ServicePage]
            for code in ["id", "en"]
        ]
        feedback = [first_live(FeedbackFormPage, code).url for code in ["id", "en"]]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 375, "height": 740})
            for url in libraries + others + feedback:
                with self.subTest(url=url):
                    page.goto(self.base + url)
                    width = page.evaluate("document.documentElement.scrollWidth")
                    self.assertLessEqual(width, 375)
            for url in libraries:
                page.goto(self.base + url)
                links = page.locator("table.documents tbody tr a[href]")
                self.assertGreater(links.count(), 3)
                for index in range(links.count()):
                    link = links.nth(index)
                    link.scroll_into_view_if_needed()
                    expect(link).to_be_visible()
                    box = link.bounding_box()
                    with self.subTest(url=url, row=index):
                        self.assertGreaterEqual(box["x"], 0)
                        self.assertLessEqual(box["x"] + box["width"], 375)
            browser.close()

    def test_a_failed_submit_moves_focus_to_the_error_summary(self):
        urls = {code: first_live(FeedbackFormPage, code).url for code in ["id", "en"]}
        required = {
            "id": ["Nama", "Email", "Kategori", "Pesan"],
            "en": ["Name", "Email", "Category", "Message"],
        }
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for code, url in urls.items():
                with self.subTest(language=code):
                    page.goto(self.base + url)
                    page.locator(".feedback-form [type=submit]").click()
                    summary = page.locator("[data-error-summary]")
                    expect(summary).to_be_focused()
                    expect(summary).to_have_attribute("role", "alert")
                    for label in required[code]:
                        field = page.get_by_label(label, exact=False).first
                        expect(field).to_have_attribute("aria-invalid", "true")
                        expect(field).to_have_css(
                            "border-top-color", "rgb(164, 22, 26)"
                        )
                        message_id = field.get_attribute("aria-describedby")
                        message = page.locator(f"#{message_id}")
                        expect(message).to_be_visible()
                        expect(
                            summary.locator(f"a[href='#{field.get_attribute('id')}']")
                        ).to_be_visible()
                    # A link in the summary takes the visitor to the field.
                    summary.locator("a").first.click()
                    expect(page.get_by_label(required[code][0]).first).to_be_focused()
            browser.close()
        self.assertEqual(FormSubmission.objects.count(), 0)
