from __future__ import annotations

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from audit.monitoring.models import Outage, Outcome, ProbeDay, ProbeRun
from tests.home.builders import build_site


class StatusPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_site()
        now = timezone.now()
        Outage.objects.create(
            started_at=now - timedelta(days=3, hours=2),
            ended_at=now - timedelta(days=3),
            cause=Outcome.ERRORS,
            affected_urls=["/layanan-internal/"],
            summary="/layanan-internal/: HTTP 500 from 10.1.2.3",
        )
        ProbeDay.objects.create(
            day=timezone.localdate() - timedelta(days=3), runs=288, down_runs=24
        )
        ProbeRun.objects.create(
            started_at=now, finished_at=now, outcome=Outcome.UP, urls_checked=3
        )

    def test_it_shows_a_past_outage_with_its_duration_in_both_languages(self):
        response = self.client.get("/status/")
        self.assertContains(response, "Status situs web")
        self.assertContains(response, "2 jam")
        self.assertContains(response, "berfungsi normal")
        english = self.client.get("/en/status/")
        self.assertContains(english, "Website status")
        self.assertContains(english, "lasted 2 hours")

    def test_it_shows_ninety_daily_bars(self):
        response = self.client.get("/en/status/")
        self.assertEqual(response.content.count(b'<li class="day--'), 90)
        self.assertContains(response, "91.7%")
        self.assertContains(response, 'class="day--down"')

    def test_it_never_shows_an_internal_address_or_error_text(self):
        for url in ("/status/", "/en/status/"):
            content = self.client.get(url).content.decode()
            self.assertNotIn("layanan-internal", content)
            self.assertNotIn("10.1.2.3", content)
            self.assertNotIn("HTTP 500", content)

    def test_a_current_outage_is_announced(self):
        Outage.objects.create(
            started_at=timezone.now() - timedelta(minutes=20), cause=Outcome.UNREACHABLE
        )
        response = self.client.get("/en/status/")
        self.assertContains(response, "has had a disruption since")

    def test_the_footer_links_to_it(self):
        self.assertContains(self.client.get("/en/"), 'href="/en/status/"')
        self.assertContains(self.client.get("/"), 'href="/status/"')
