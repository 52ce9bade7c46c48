from datetime import UTC, datetime

import time_machine
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from audit.models import Event
from audit.security import detection
from audit.security.detection import flush_signals
from audit.security.models import ClientBlock, SecuritySignal, SignalKind
from tests.home.builders import build_home
from tests.security.utils import ATTACKER, HOME, SecurityTestCase

PROBES = [
    "/wp-login.php",
    "/.env",
    "/phpmyadmin/index.php",
    "/static/../../etc/passwd",
    "/cari/?q=%27%20OR%201%3D1--",
    "/?q=<script>alert(1)</script>",
    "/.git/config",
    "/xmlrpc.php",
    "/..%2f..%2fetc%2fpasswd",
    "/?id=1%20UNION%20SELECT%20password%20FROM%20auth_user",
]


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


class ScannerTest(SecurityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_home()

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_BLOCK_AFTER=0)
    def test_a_scanner_run_leaves_a_bounded_handful_of_rows_and_one_mail(self):
        statuses = []
        with self.captureOnCommitCallbacks(execute=True):
            for n in range(500):
                path = PROBES[n % len(PROBES)]
                statuses.append(self.client.get(path, REMOTE_ADDR=ATTACKER).status_code)
            for n in range(50):
                statuses.append(
                    self.client.get(
                        "/", REMOTE_ADDR=ATTACKER, HTTP_HOST=f"evil{n}.example"
                    ).status_code
                )
        self.assertFalse([s for s in statuses if s >= 500])
        self.assertEqual(statuses[-50:], [400] * 50)

        flush_signals()
        rows = SecuritySignal.objects.all()
        self.assertLessEqual(rows.count(), 6)
        by_kind = {row.kind: row.count for row in rows}
        self.assertEqual(by_kind[SignalKind.BAD_HOST], 50)
        self.assertEqual(
            by_kind[SignalKind.SCANNER]
            + by_kind[SignalKind.TRAVERSAL]
            + by_kind[SignalKind.INJECTION],
            500,
        )
        self.assertIn(SignalKind.ERROR_BURST, by_kind)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("officer@example.go.id", mail.outbox[0].to)
        self.assertEqual(
            Event.objects.filter(action="security.signal_alerted").count(), 1
        )

        # A second flush adds nothing; more probes add to the same rows.
        flush_signals()
        self.assertEqual(
            sum(SecuritySignal.objects.values_list("count", flat=True)),
            sum(by_kind.values()),
        )
        self.client.get("/.env", REMOTE_ADDR=ATTACKER)
        flush_signals()
        self.assertEqual(SecuritySignal.objects.count(), rows.count())

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_BLOCK_AFTER=0)
    def test_probes_write_nothing_to_the_database(self):
        self.client.get("/../etc/passwd", REMOTE_ADDR=ATTACKER)  # the one alert
        with CaptureQueriesContext(connection) as queries:
            for n in range(50):
                self.client.get(PROBES[n % len(PROBES)], REMOTE_ADDR=ATTACKER)
        self.assertEqual(writes(queries.captured_queries), [])

    def test_an_absolute_uri_naming_another_host_is_refused(self):
        response = self.client.get(
            "/", REMOTE_ADDR=ATTACKER, RAW_URI="http://evil.example/"
        )
        self.assertEqual(response.status_code, 400)
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual(signal.kind, SignalKind.BAD_HOST)
        self.assertEqual(signal.sample, "evil.example")

    # Frozen mid-minute and mid-window: the counts must not straddle a boundary.
    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_RATE_PER_MINUTE=20)
    def test_a_request_rate_above_the_threshold_is_a_signal(self):
        for _ in range(30):
            self.client.get("/", REMOTE_ADDR=ATTACKER)
        self.client.get("/", REMOTE_ADDR=HOME)
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual((signal.kind, signal.count), (SignalKind.RATE, 10))

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_RATE_PER_MINUTE=20, SECURITY_RATE_BATCH=10)
    def test_the_rate_is_counted_in_batches_per_process(self):
        detection.local_rate.__init__()
        self.addCleanup(detection.local_rate.__init__)
        for _ in range(25):
            self.client.get("/", REMOTE_ADDR=ATTACKER)
        flush_signals()
        # 20 shared, 5 still in this process: nothing above the threshold yet.
        self.assertFalse(SecuritySignal.objects.exists())
        for _ in range(5):
            self.client.get("/", REMOTE_ADDR=ATTACKER)
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual((signal.kind, signal.count), (SignalKind.RATE, 10))

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    def test_a_burst_of_404s_is_a_signal(self):
        for n in range(40):
            self.assertEqual(
                self.client.get(f"/tidak-ada-{n}/", REMOTE_ADDR=ATTACKER).status_code,
                404,
            )
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual((signal.kind, signal.count), (SignalKind.ERROR_BURST, 10))

    def test_ordinary_visits_are_no_signal(self):
        for path in ("/", "/en/", "/cari/?q=jadwal+pemeriksaan", "/robots.txt"):
            self.client.get(path, REMOTE_ADDR=HOME)
        flush_signals()
        self.assertFalse(SecuritySignal.objects.exists())

    @override_settings(SECURITY_BLOCK_AFTER=3, SECURITY_BLOCK_REFRESH_SECONDS=3600)
    def test_each_process_keeps_the_blocked_clients_and_refreshes_them(self):
        detection.blocks.__init__()  # a process that has just started
        self.addCleanup(detection.blocks.__init__)
        for _ in range(3):
            self.client.get("/.env", REMOTE_ADDR=ATTACKER)
        # The blocking process refuses at once.
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 429)
        self.assertEqual(self.client.get("/", REMOTE_ADDR=HOME).status_code, 200)
        # Another process, on its first refresh, reads the block from the cache.
        detection.blocks.__init__()
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 429)
        # Lifted here: served here at once; elsewhere after their next refresh.
        self.officer_client().post(
            f"/admin/security/blocks/{ClientBlock.objects.get().pk}/lift/"
        )
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 200)
        detection.blocks.refresh()
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 200)

    @override_settings(SECURITY_BLOCK_AFTER=20)
    def test_a_client_past_the_threshold_is_blocked_until_an_officer_lifts_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            for _ in range(25):
                self.client.get("/wp-login.php", REMOTE_ADDR=ATTACKER)
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 429)
        self.assertEqual(self.client.get("/", REMOTE_ADDR=HOME).status_code, 200)
        blocked = ClientBlock.objects.get()
        self.assertTrue(Event.objects.filter(action="security.client_blocked").exists())

        officer = self.officer_client()
        listing = officer.get("/admin/security/blocks/")
        self.assertContains(listing, blocked.client[:10])
        officer.post(f"/admin/security/blocks/{blocked.pk}/lift/")
        self.assertEqual(self.client.get("/", REMOTE_ADDR=ATTACKER).status_code, 200)
        lifted = Event.objects.get(action="security.block_lifted")
        self.assertEqual(lifted.actor_id, self.officer.pk)

    def test_an_admin_login_from_a_new_client_is_a_high_severity_signal(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.login("editor", client=HOME)
            self.login("editor", client=HOME)
            self.assertEqual(len(mail.outbox), 0)
            self.login("editor", client=ATTACKER)
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual(signal.kind, SignalKind.NEW_ADMIN_CLIENT)
        self.assertEqual(len(mail.outbox), 1)


class SignalReportTest(SecurityTestCase):
    def test_officers_read_signals_in_indonesian_with_constant_queries(self):
        for n in range(3):
            self.client.get(PROBES[n], REMOTE_ADDR=f"192.0.2.{n + 10}")
        flush_signals()
        officer = self.officer_client()
        officer.get("/admin/security/signals/")
        with CaptureQueriesContext(connection) as few:
            response = officer.get("/admin/security/signals/")
        self.assertContains(response, "Percobaan pemindai")
        for n in range(20):
            self.client.get(PROBES[n % 3], REMOTE_ADDR=f"192.0.2.{n + 50}")
        flush_signals()
        with CaptureQueriesContext(connection) as many:
            officer.get("/admin/security/signals/")
        self.assertEqual(len(few), len(many))

    def test_an_editor_cannot_read_signals(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get("/admin/security/signals/").status_code, 403)


class StaticFilesTest(SecurityTestCase):
    """Static files cost a look at the path; probes among them are still seen."""

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_RATE_PER_MINUTE=5)
    def test_static_hits_do_not_count_towards_the_rate(self):
        for _ in range(20):
            response = self.client.get("/static/css/site.css", REMOTE_ADDR=ATTACKER)
            self.assertEqual(response.status_code, 200)
        flush_signals()
        self.assertFalse(SecuritySignal.objects.exists())

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    def test_a_probe_under_static_is_still_a_signal(self):
        response = self.client.get("/static/../../etc/passwd", REMOTE_ADDR=ATTACKER)
        self.assertEqual(response.status_code, 404)
        flush_signals()
        signal = SecuritySignal.objects.get()
        self.assertEqual(signal.kind, SignalKind.TRAVERSAL)

    @time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
    @override_settings(SECURITY_BLOCK_AFTER=3)
    def test_a_blocked_client_probing_static_is_refused(self):
        for _ in range(3):
            self.client.get("/.env", REMOTE_ADDR=ATTACKER)
        probe = self.client.get("/static/../.env", REMOTE_ADDR=ATTACKER)
        self.assertEqual(probe.status_code, 429)
        # A plain static file is public and still served.
        css = self.client.get("/static/css/site.css", REMOTE_ADDR=ATTACKER)
        self.assertEqual(css.status_code, 200)
