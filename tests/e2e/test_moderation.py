"""In a real browser, a news item goes through both approvals and goes live.

A contributor of Humas writes and submits it; the website officer passes it on
with a comment (which reaches the contributor by mail, sent by the worker); the
supervisor finds it on the dashboard and approves; an anonymous visitor reads it.
"""

from __future__ import annotations

import email
import re
import tempfile
from email.policy import default
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from home.builders import make_section, publish
from home.models import ArticleIndexPage
from home.roles import OFFICERS, SUPERVISOR, ensure_roles
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.home.builders import build_home, locales
from tests.home.workflow_base import make_user
from tests.live import LiveTestCase, free_port, start_server, start_worker, wait_for

PASSWORD = "Rahasia-2026-web"  # noqa: S105
TITLE = "Vaksinasi awak kabin"
COMMENT = "Sudah diperiksa petugas, mohon persetujuan."


@pytest.mark.e2e
class ModerationBrowserTests(LiveTestCase):
    def setUp(self):
        locales()
        home = build_home()
        humas = make_section(home, "Humas", slug="humas")
        self.news = publish(humas, ArticleIndexPage(title="Berita", slug="berita"))
        ensure_roles()
        for name, group in (
            ("citra", "Kontributor Humas"),
            ("oki", OFFICERS),
            ("sari", SUPERVISOR),
        ):
            user = make_user(name, group)
            user.set_password(PASSWORD)
            user.save()
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-moderation-"))
        self.mail_dir = self.tmp / "mail"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(self.tmp, port)
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

    def footer_action(self, page, name):
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
        page.get_by_role("button", name=name, exact=True).click()

    def messages(self):
        """Every mail the worker wrote (the file backend), decoded."""
        found = []
        for path in (
            sorted(self.mail_dir.glob("*.log")) if self.mail_dir.exists() else []
        ):
            for raw in path.read_text(errors="replace").split("-" * 79):
                if raw.strip():
                    found.append(email.message_from_string(raw.strip(), policy=default))
        return found

    def mail_for(self, address, text):
        def find():
            for message in self.messages():
                body = message.get_body(("plain",)).get_content()
                if address in message["To"] and text in message["Subject"] + body:
                    return message
            return None

        return wait_for(
            find,
            timeout=30,
            message=lambda: f"no mail to {address}:\n" + self.worker.output(),
        )

    def test_a_news_item_reaches_the_public_through_both_approvals(self):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            # The contributor writes and submits.
            page = self.login(browser, "citra")
            page.goto(self.base + f"/admin/pages/add/home/articlepage/{self.news.pk}/")
            page.locator("#id_title").fill(TITLE)
            page.locator("#id_summary").fill("Vaksinasi untuk awak kabin dibuka.")
            page.locator("button.c-sf-add-button").first.click()
            page.get_by_role("option", name="Paragraf").click()
            page.locator(".public-DraftEditor-content").first.click()
            page.keyboard.type("Pendaftaran vaksinasi dibuka minggu depan.")
            expect(page.locator("input[name='body-0-value']")).to_have_value(
                re.compile("Pendaftaran vaksinasi")
            )
            self.footer_action(page, "Pengajuan ke Koordinasi Konten")
            expect(page.locator(".messages")).to_contain_text("dimoderasi")
            self.mail_for("oki@bkp.example.go.id", "Menunggu tinjauan Anda")

            # The officer finds it on the dashboard and passes it on with a comment.
            page = self.login(browser, "oki")
            panel = page.locator("#moderation-awaiting-you-section")
            expect(panel).to_contain_text("Humas")
            panel.get_by_role("link", name=TITLE).click()
            self.footer_action(page, "Setujui dengan komentar")
            page.locator("textarea[name=comment]").fill(COMMENT)
            page.locator(".modal-content button[type=submit]").click()
            expect(page.locator(".messages")).to_contain_text(TITLE)
            # The comment reaches the contributor (wagtail#7542).
            self.mail_for("citra@bkp.example.go.id", COMMENT)

            # The supervisor finds it on the dashboard and approves it.
            page = self.login(browser, "sari")
            panel = page.locator("#moderation-awaiting-you-section")
            expect(panel).to_contain_text("Persetujuan Atasan Langsung")
            panel.get_by_role("link", name=TITLE).click()
            self.footer_action(page, "Menyetujui dan Publikasikan")
            expect(page.locator(".messages")).to_contain_text(TITLE)

            # An anonymous visitor reads it.
            visitor = browser.new_context().new_page()
            response = visitor.goto(self.base + "/humas/berita/vaksinasi-awak-kabin/")
            self.assertEqual(response.status, 200)
            expect(visitor.locator("h1")).to_contain_text(TITLE)
            expect(visitor.locator("main")).to_contain_text("Pendaftaran vaksinasi")
            browser.close()
        self.mail_for("citra@bkp.example.go.id", "disetujui")
