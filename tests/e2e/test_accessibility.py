"""Every public page type passes axe-core's WCAG 2.1 A and AA rules, in both languages.

axe-core comes from npm (``tests/setup_browser.sh`` installs it into the
git-ignored ``tests/e2e/node_modules``); without it the test skips and says why.
The pages are the seeded demo site's, served by gunicorn, in Debian's chromium.
"""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright
from wagtail.models import Locale

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    DocumentLibraryPage,
    FeedbackFormPage,
    HomePage,
    SectionPage,
    ServicePage,
)
from tests.e2e.test_visitor import CHROMIUM, CHROMIUM_ARGS
from tests.live import LiveTestCase, free_port, start_server

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = [
    HomePage,
    SectionPage,
    ArticleIndexPage,
    ArticlePage,
    ServicePage,
    DocumentLibraryPage,
    FeedbackFormPage,
]
SEARCHES = {"id": "pemeriksaan", "en": "examination"}


def public_urls(language_code: str) -> list[str]:
    """One live page of every type in this language, then a search."""
    locale = Locale.objects.get(language_code=language_code)
    urls = []
    for page_type in PAGE_TYPES:
        page = page_type.objects.live().filter(locale=locale).order_by("path").first()
        assert page is not None, f"no live {page_type.__name__} in {language_code}"
        urls.append(page.url)
    prefix = "" if language_code == "id" else f"/{language_code}"
    urls.append(f"{prefix}/search/?q={SEARCHES[language_code]}")
    # The public status page (audit/monitoring).
    urls.append(f"{prefix}/status/")
    return urls


@pytest.mark.e2e
class AccessibilityTests(LiveTestCase):
    def setUp(self):
        if not AXE.exists():
            self.skipTest(
                "axe-core is not installed: run tests/setup_browser.sh "
                "(needs npm) to fetch it into tests/e2e/node_modules"
            )
        call_command("seed_demo", stdout=StringIO())
        tmp = Path(tempfile.mkdtemp(prefix="bkp-e2e-axe-"))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.web = start_server(tmp, port)
        self.addCleanup(self.web.stop)

    def violations(self, page) -> list[str]:
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async (tags) => {
                const result = await axe.run(document, {
                    runOnly: {type: "tag", values: tags},
                });
                return {
                    passes: result.passes.length,
                    violations: result.violations.map((v) => ({
                        id: v.id,
                        help: v.help,
                        targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
                    })),
                };
            }""",
            WCAG_21_AA,
        )
        # A run that checked nothing would pass any page: make sure it ran.
        self.assertGreater(found["passes"], 0)
        return [json.dumps(violation) for violation in found["violations"]]

    def test_public_pages_have_no_wcag_21_aa_violations(self):
        # The ORM is not allowed inside Playwright's event loop: read first.
        urls = public_urls("id") + public_urls("en")
        feedback_urls = {
            page.url for page in FeedbackFormPage.objects.live().order_by("path")
        }
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # The site's CSP would refuse the injected script; axe only reads.
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            for width in [1280, 375]:
                page.set_viewport_size({"width": width, "height": 900})
                for url in urls:
                    with self.subTest(url=url, width=width):
                        page.goto(self.base + url)
                        self.assertEqual(self.violations(page), [])
                    if url in feedback_urls:
                        # The feedback page again, with its errors shown.
                        with self.subTest(url=url, width=width, state="errors"):
                            page.locator(".feedback-form [type=submit]").click()
                            page.wait_for_selector("[data-error-summary]")
                            self.assertEqual(self.violations(page), [])
            browser.close()
