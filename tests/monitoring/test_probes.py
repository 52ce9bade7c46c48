from __future__ import annotations

from django.core import mail
from django.test import TestCase, override_settings

from audit.models import Event
from audit.monitoring import lease
from audit.monitoring.availability import run_probes
from audit.monitoring.models import Outage, Outcome, ProbeResult, ProbeRun
from tests.monitoring.utils import StubSite, closed_port_url

PATHS = ["/", "/en/", "/static/css/site.css"]


@override_settings(
    MONITORING_URLS=PATHS,
    MONITORING_FAILURES_BEFORE_OUTAGE=3,
    MONITORING_ALERT_EMAILS=["petugas@example.com"],
    MONITORING_TIMEOUT_SECONDS=2,
    MONITORING_REFERENCE_URL="",
)
class OutageTests(TestCase):
    def probe(self):
        with self.captureOnCommitCallbacks(execute=True):
            return run_probes()

    def test_a_server_answering_500_opens_one_outage_after_three_runs(self):
        with StubSite(status=500) as site, self.settings(MONITORING_BASE_URL=site.url):
            self.probe()
            self.probe()
            self.assertFalse(Outage.objects.exists())
            self.assertEqual(len(mail.outbox), 0)
            self.probe()
            self.probe()
            self.probe()

        outage = Outage.objects.get()
        self.assertIsNone(outage.ended_at)
        self.assertEqual(outage.cause, Outcome.ERRORS)
        self.assertEqual(outage.affected_urls, PATHS)
        self.assertIn("HTTP 500", outage.summary)
        # Opened at the first failed run, not at the third.
        self.assertEqual(
            outage.started_at, ProbeRun.objects.order_by("pk")[0].started_at
        )
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["petugas@example.com"])
        self.assertEqual(
            Event.objects.filter(action="monitoring.outage_opened").count(), 1
        )
        result = ProbeResult.objects.first()
        self.assertEqual(result.status, 500)
        self.assertFalse(result.connection_error)

    def test_recovery_closes_the_outage_with_its_downtime_and_mails_again(self):
        with StubSite(status=500) as site, self.settings(MONITORING_BASE_URL=site.url):
            for _ in range(3):
                self.probe()
            site.status = 200
            summary = self.probe()

        self.assertEqual(summary.run.outcome, Outcome.UP)
        outage = Outage.objects.get()
        self.assertEqual(outage.ended_at, summary.run.started_at)
        self.assertGreater(outage.duration.total_seconds(), 0)
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("Waktu henti", mail.outbox[1].body)
        event = Event.objects.get(action="monitoring.outage_closed")
        self.assertIn("downtime_seconds", event.details)
        # A further good run changes nothing.
        with StubSite(status=200) as site, self.settings(MONITORING_BASE_URL=site.url):
            self.probe()
        self.assertEqual(len(mail.outbox), 2)

    def test_a_stopped_server_is_unreachable_not_an_error_page(self):
        with self.settings(MONITORING_BASE_URL=closed_port_url()):
            for _ in range(3):
                summary = self.probe()
        self.assertEqual(summary.run.outcome, Outcome.UNREACHABLE)
        result = ProbeResult.objects.first()
        self.assertTrue(result.connection_error)
        self.assertIn("refused", result.error)
        self.assertEqual(Outage.objects.get().cause, Outcome.UNREACHABLE)
        self.assertEqual(len(mail.outbox), 1)

    def test_when_the_outside_reference_fails_too_the_monitor_is_offline(self):
        with self.settings(
            MONITORING_BASE_URL=closed_port_url(),
            MONITORING_REFERENCE_URL=closed_port_url(),
        ):
            for _ in range(4):
                summary = self.probe()
        self.assertEqual(summary.run.outcome, Outcome.NO_NETWORK)
        self.assertFalse(Outage.objects.exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_one_good_run_between_failures_resets_the_count(self):
        with StubSite(status=500) as site, self.settings(MONITORING_BASE_URL=site.url):
            self.probe()
            self.probe()
            site.status = 200
            self.probe()
            site.status = 500
            self.probe()
            self.probe()
        self.assertFalse(Outage.objects.exists())

    def test_a_run_never_overlaps_the_previous_one(self):
        token = lease.claim("probes", seconds=60)
        self.assertIsNotNone(token)
        with StubSite(status=200) as site, self.settings(MONITORING_BASE_URL=site.url):
            self.assertIsNone(run_probes())
            self.assertEqual(site.requests, [])
            lease.release("probes", token)
            self.assertIsNotNone(run_probes())
        self.assertEqual(ProbeRun.objects.count(), 1)


class ProbeCommandTests(TestCase):
    def test_it_prints_the_outcome(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        with (
            StubSite(status=200) as site,
            self.settings(MONITORING_BASE_URL=site.url, MONITORING_URLS=["/", "/en/"]),
        ):
            call_command("monitoring_probe", stdout=out)
        self.assertIn("2 of 2 URLs answered", out.getvalue())

    def test_it_fails_with_one_sentence_while_a_run_holds_the_lease(self):
        from django.core.management import CommandError, call_command

        lease.claim("probes", seconds=60)
        with (
            self.settings(MONITORING_URLS=["/"]),
            self.assertRaisesMessage(
                CommandError, "Another probe run is still going on"
            ),
        ):
            call_command("monitoring_probe")
