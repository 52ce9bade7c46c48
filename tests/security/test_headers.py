import importlib
import os
from unittest import mock

from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from wagtail.documents import get_document_model

from tests.audit.utils import PASSWORD, make_user
from tests.home.builders import build_home

SCRIPT = b"<html><body><script>document.title='pwned'</script></body></html>"

SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "CONTENT_SECURITY_POLICY",
]


def production_settings() -> dict:
    """The security settings production really has (its module, imported with
    the secrets it insists on)."""
    env = {"DJANGO_SECRET_KEY": "x" * 50, "AUDIT_CHAIN_KEY": "y" * 50}
    base = importlib.import_module("cms.settings.base")
    with mock.patch.dict(os.environ, env):
        importlib.reload(base)
        module = importlib.reload(importlib.import_module("cms.settings.production"))
    importlib.reload(base)
    return {name: getattr(module, name) for name in SECURITY_SETTINGS}


def script_src(policy: str) -> str:
    for directive in policy.split(";"):
        if directive.strip().startswith("script-src"):
            return directive
    return ""


class ProductionHeadersTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_home()
        make_user("editor", perms=["wagtailadmin.access_admin"])

    def test_every_header_is_present_in_production(self):
        with override_settings(**production_settings()):
            response = self.client.get("/", secure=True)
        self.assertEqual(response.status_code, 200)
        self.assertIn("max-age=31536000", response["Strict-Transport-Security"])
        self.assertIn("includeSubDomains", response["Strict-Transport-Security"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        policy = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'self'", policy)
        self.assertNotIn("'unsafe-inline'", script_src(policy))

    def test_plain_http_is_redirected_in_production(self):
        with override_settings(**production_settings()):
            response = self.client.get("/")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response["Location"].startswith("https://"))

    def test_session_cookies_are_secure_and_http_only_in_production(self):
        with override_settings(**production_settings()):
            response = self.client.post(
                "/admin/login/",
                {"username": "editor", "password": PASSWORD},
                secure=True,
            )
        self.assertEqual(response.status_code, 302)
        cookie = response.cookies["sessionid"]
        self.assertTrue(cookie["secure"])
        self.assertTrue(cookie["httponly"])
        self.assertTrue(response.cookies["csrftoken"]["secure"])

    def test_the_public_site_allows_no_inline_script(self):
        policy = self.client.get("/")["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("'unsafe-inline'", script_src(policy))

    def test_the_admin_keeps_its_inline_scripts_on_its_own_paths(self):
        policy = self.client.get("/admin/login/")["Content-Security-Policy"]
        self.assertIn("'unsafe-inline'", script_src(policy))


class UploadedFilesAreInertTest(TestCase):
    def upload(self, filename: str, content: bytes):
        Document = get_document_model()
        document = Document(title="Lampiran")
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
        self.addCleanup(document.file.delete, save=False)
        return document

    def test_an_html_document_with_script_is_served_inert(self):
        document = self.upload("lampiran.html", SCRIPT)
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(
            response["Content-Security-Policy"], "default-src 'none'; sandbox"
        )
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))

    def test_a_text_document_holding_html_is_not_sniffed(self):
        document = self.upload("catatan.txt", SCRIPT)
        response = self.client.get(document.url)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("default-src 'none'", response["Content-Security-Policy"])
        self.assertNotIn("text/html", response["Content-Type"])
