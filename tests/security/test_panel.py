"""The dashboard's visitor-activity panel: what the last 24 hours brought."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from audit.security.models import (
    ClientBlock,
    SecuritySignal,
    Severity,
    SignalKind,
)


def signal(kind, severity, count, *, hours_ago=1, client="c1"):
    return SecuritySignal.objects.create(
        client=client,
        kind=kind,
        severity=severity,
        window_start=timezone.now() - timedelta(hours=hours_ago),
        count=count,
    )


class SecurityPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.com", "password-for-tests"
        )
        # Read in English here; the Indonesian wording is the catalogue's.
        profile = UserProfile.get_for_user(cls.admin)
        profile.preferred_language = "en"
        profile.save()

    def setUp(self):
        self.client.force_login(self.admin)

    def test_a_quiet_day_says_so(self):
        signal(SignalKind.SCANNER, Severity.MEDIUM, 40, hours_ago=30)
        response = self.client.get("/admin/")
        self.assertContains(response, "No suspicious requests in the last 24 hours.")

    def test_it_sums_the_last_day_per_severity_and_counts_blocks(self):
        signal(SignalKind.TRAVERSAL, Severity.HIGH, 7)
        signal(SignalKind.TRAVERSAL, Severity.HIGH, 5, client="c2")
        signal(SignalKind.SCANNER, Severity.MEDIUM, 40)
        signal(SignalKind.SCANNER, Severity.MEDIUM, 999, hours_ago=30)
        ClientBlock.objects.create(
            client="c1",
            reason="probes",
            expires_at=timezone.now() + timedelta(minutes=30),
        )
        response = self.client.get("/admin/")
        html = response.content.decode()
        panel = html[html.index("Visitor activity, last 24 hours") :]
        panel = re.sub(r">\s+<", "><", panel[: panel.index("All signals")])
        self.assertIn("<tr><td>High</td><td>12</td></tr>", panel)
        self.assertIn("<tr><td>Medium</td><td>40</td></tr>", panel)
        self.assertIn("1 client is blocked now.", panel)

    def test_its_queries_do_not_grow_with_the_signals(self):
        signal(SignalKind.SCANNER, Severity.MEDIUM, 1)
        self.client.get("/admin/")  # warm up
        before = self._count_queries()
        for number in range(50):
            signal(SignalKind.INJECTION, Severity.HIGH, 1, client=f"y{number}")
            signal(SignalKind.SCANNER, Severity.LOW, 1, client=f"x{number}")
        self.assertEqual(self._count_queries(), before)

    def _count_queries(self):
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/admin/")
        return len(queries)

    def test_people_without_the_permission_do_not_see_it(self):
        editor = get_user_model().objects.create_user("editor", password="x")
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.force_login(editor)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, reverse("security:signals"))
