"""A website officer, in a real browser, watches visitor activity.

The server trusts 127.0.0.1 as its proxy (``DJANGO_TRUSTED_PROXIES``), so each
browser context plays a different client through ``X-Forwarded-For``: an
attacker guessing the editor's password, a scanner that gets blocked, and the
officer, who sees it all in the admin in Indonesian, unlocks the editor and
lifts the block. The lockout page answers in Indonesian and in English.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect, sync_playwright

from tests.audit.utils import PASSWORD, make_user
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.home.builders import build_home
from tests.live import LiveTestCase, free_port, start_server

ATTACKER = "203.0.113.66"
SCANNER = "192.0.2.99"
OFFICE = "198.51.100.20"


@pytest.mark.e2e
class SecurityOfficerTests(LiveTestCase):
    def setUp(self):
        build_home()
        officers = Group.objects.create(name="Petugas keamanan")
        officers.permissions.set(
            Permission.objects.filter(
                codename__in=["access_admin", "view_securitysignal", "unlock_client"]
            )
        )
        make_user("petugas", groups=[officers])
        make_user("editor", perms=["wagtailadmin.access_admin"])
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-security-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(
            self.tmp,
            port,
            DJANGO_TRUSTED_PROXIES="127.0.0.1",
            SECURITY_BLOCK_AFTER="3",
            SECURITY_LOCAL_FLUSH_SECONDS="1",
        )
        self.addCleanup(self.web.stop)

    def context(self, browser, client, locale="id-ID"):
        return browser.new_context(
            locale=locale, extra_http_headers={"X-Forwarded-For": client}
        )

    def sign_in(self, page, username, password=PASSWORD):
        page.goto(self.base + "/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        with page.expect_navigation() as navigation:
            page.locator("form button[type=submit]").click()
        return navigation.value

    def reload_until(self, page, text, timeout=15):
        """The server stores its counts a second after a request: look again."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page.reload()
            if text in page.locator("main").inner_text():
                return
            time.sleep(0.5)
        expect(page.locator("main")).to_contain_text(text)

    def test_an_officer_sees_and_ends_lockouts_and_blocks_in_indonesian(self):
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            # An attacker guesses the editor's password five times, then even
            # the right one is refused, with a 429 page in Indonesian.
            attacker = self.context(browser, ATTACKER).new_page()
            statuses = [
                self.sign_in(attacker, "editor", f"salah-{n}").status for n in range(5)
            ]
            self.assertEqual(statuses, [200, 200, 200, 200, 429])
            refused = self.sign_in(attacker, "editor")
            self.assertEqual(refused.status, 429)
            self.assertGreater(int(refused.headers["retry-after"]), 25 * 60)
            expect(attacker.locator("html")).to_have_attribute("lang", "id")
            expect(attacker.get_by_role("heading")).to_have_text(
                "Terlalu banyak login gagal"
            )
            expect(attacker.locator("main")).to_contain_text(
                "Login dari perangkat Anda dihentikan sementara"
            )

            # The same client in an English browser gets the page in English.
            english = self.context(browser, ATTACKER, locale="en-US").new_page()
            refused = self.sign_in(english, "editor")
            self.assertEqual(refused.status, 429)
            expect(english.locator("html")).to_have_attribute("lang", "en")
            expect(english.get_by_role("heading")).to_have_text(
                "Too many failed logins"
            )
            expect(english.locator("main")).to_contain_text("You can try again after")

            # A scanner probes three times and is blocked.
            scanner = self.context(browser, SCANNER).new_page()
            for path in ("/.env", "/wp-login.php", "/.git/config"):
                self.assertEqual(scanner.goto(self.base + path).status, 404)
            blocked = scanner.goto(self.base + "/")
            self.assertEqual(blocked.status, 429)
            expect(scanner.locator("body")).to_contain_text(
                "Terlalu banyak permintaan mencurigakan"
            )

            # The officer sees the lockout and unlocks the editor.
            officer = self.context(browser, OFFICE).new_page()
            self.sign_in(officer, "petugas")
            officer.get_by_role("button", name="Aktivitas pengunjung").click()
            officer.get_by_role("link", name="Percobaan login").click()
            expect(officer.locator("h1")).to_contain_text("Percobaan login")
            row = officer.locator("tr", has_text="editor")
            expect(row).to_contain_text("Terkunci")
            expect(row).to_contain_text(ATTACKER)
            row.get_by_role("button", name="Buka kunci").click()
            expect(officer.locator(".messages")).to_contain_text(
                "“editor” dapat login lagi."
            )
            signed_in = self.sign_in(attacker, "editor")
            self.assertEqual(signed_in.status, 200)
            expect(attacker).to_have_url(self.base + "/admin/")

            # The signals: the scanner's probes and the attempts made while
            # locked out, counted per client rather than one row each.
            officer.goto(self.base + "/admin/security/signals/")
            self.reload_until(officer, "Percobaan login saat terkunci")
            self.reload_until(officer, "Percobaan pemindai")
            expect(officer.locator("h1")).to_contain_text("Sinyal keamanan")

            # The block, lifted: the scanner's client is served again.
            officer.goto(self.base + "/admin/security/blocks/")
            expect(officer.locator("h1")).to_contain_text("Klien yang diblokir")
            row = officer.locator("tbody tr").first
            expect(row).to_contain_text("Aktif")
            row.get_by_role("button", name="Cabut").click()
            expect(officer.locator(".messages")).to_contain_text(
                "Blokir telah dicabut."
            )
            expect(officer.locator("tbody tr").first).to_contain_text(
                "Dicabut oleh petugas"
            )
            self.assertEqual(scanner.goto(self.base + "/").status, 200)
            browser.close()
