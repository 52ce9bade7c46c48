"""Builders and a base case for visitor activity's tests."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client, TestCase

from tests.audit.utils import PASSWORD, make_user

ATTACKER = "203.0.113.66"
HOME = "198.51.100.7"


class SecurityTestCase(TestCase):
    """Named people: an officer who watches visitor activity and may unlock,
    an editor (the real user attacked), and an outsider with admin access only."""

    @classmethod
    def setUpTestData(cls):
        cls.officer = make_user(
            "officer",
            perms=[
                "wagtailadmin.access_admin",
                "security.view_securitysignal",
                "security.unlock_client",
            ],
        )
        cls.editor = make_user("editor", perms=["wagtailadmin.access_admin"])

    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)

    def login(self, username, password=PASSWORD, *, client="192.0.2.1", **extra):
        extra.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
        return Client().post(
            "/admin/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=client,
            **extra,
        )

    def officer_client(self) -> Client:
        browser = Client(REMOTE_ADDR="192.0.2.200")
        browser.force_login(self.officer)
        return browser
