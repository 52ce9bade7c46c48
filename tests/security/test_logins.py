from datetime import UTC, datetime

import time_machine
from axes.models import AccessAttempt
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from audit.models import Event
from audit.security.detection import flush_signals
from audit.security.handlers import locked_client_key
from audit.security.models import SecuritySignal, SignalKind
from tests.audit.utils import PASSWORD
from tests.security.hashers import CountingHasher
from tests.security.test_signals import writes
from tests.security.utils import ATTACKER, HOME, SecurityTestCase


class LockoutTest(SecurityTestCase):
    def test_brute_force_locks_until_an_officer_unlocks(self):
        for _ in range(5):
            self.login("editor", "wrong-password", client=ATTACKER)
        refused = self.login("editor", client=ATTACKER)
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "Too many failed logins", status_code=429)
        self.assertIn("Retry-After", refused)
        self.assertAlmostEqual(int(refused["Retry-After"]), 30 * 60, delta=5)

        attempt = AccessAttempt.objects.get(username="editor")
        page = self.officer_client().get("/admin/security/")
        self.assertContains(page, "editor")
        self.assertContains(page, "Terkunci")
        self.officer_client().post(f"/admin/security/attempts/{attempt.pk}/unlock/")

        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 302)
        unlocked = Event.objects.get(action="security.unlocked")
        self.assertEqual(unlocked.actor_id, self.officer.pk)
        self.assertIn("editor", unlocked.details)

    def test_the_lockout_page_speaks_indonesian(self):
        for _ in range(5):
            self.login("editor", "wrong-password", client=ATTACKER)
        refused = self.login("editor", client=ATTACKER, HTTP_ACCEPT_LANGUAGE="id")
        self.assertContains(refused, "Terlalu banyak", status_code=429)
        self.assertContains(refused, 'lang="id"', status_code=429)

    def test_an_outsider_cannot_unlock(self):
        for _ in range(5):
            self.login("editor", "wrong-password", client=ATTACKER)
        attempt = AccessAttempt.objects.get(username="editor")
        outsider = self.client
        outsider.force_login(self.editor)
        response = outsider.post(f"/admin/security/attempts/{attempt.pk}/unlock/")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 429)

    def test_the_client_cap_locks_an_attacker_across_usernames(self):
        statuses = [
            self.login(f"guess{n}", "wrong-password", client=ATTACKER).status_code
            for n in range(30)
        ]
        self.assertNotIn(429, statuses[:19])
        self.assertEqual(statuses[19:], [429] * 11)
        # Locked as a client: even the right password for a real account.
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 429)

    def test_a_client_locked_by_the_cap_is_refused_with_one_read(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        # One indexed read (the local-memory cache's check that no officer
        # unlocked it elsewhere): no session, no form, no write, no hash.
        with self.assertNumQueries(1):
            refused = self.login("editor", client=ATTACKER)
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "Too many failed logins", status_code=429)
        self.assertAlmostEqual(int(refused["Retry-After"]), 30 * 60, delta=5)

        attempt = AccessAttempt.objects.filter(ip_address=ATTACKER).first()
        self.officer_client().post(f"/admin/security/attempts/{attempt.pk}/unlock/")
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 302)

    def test_officers_see_which_clients_the_cap_locked_with_constant_queries(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        self.login("editor", "wrong", client=HOME)
        officer = self.officer_client()
        officer.get("/admin/security/")
        with CaptureQueriesContext(connection) as queries:
            page = officer.get("/admin/security/")
        self.assertContains(page, "Klien terkunci", count=20)
        self.assertContains(page, "Sedang dihitung", count=1)
        for n in range(20, 40):
            self.login(f"guess{n}", "wrong", client=f"192.0.2.{n}")
        with CaptureQueriesContext(connection) as more:
            officer.get("/admin/security/")
        self.assertEqual(len(queries), len(more))

    def test_the_real_user_signs_in_from_their_own_client_during_an_attack(self):
        for n in range(30):
            self.login("editor" if n % 2 else f"guess{n}", "wrong", client=ATTACKER)
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 429)
        self.assertEqual(self.login("editor", client=HOME).status_code, 302)

    def test_a_successful_login_does_not_clear_the_client_cap(self):
        for n in range(15):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 302)
        statuses = [
            self.login(f"more{n}", "wrong", client=ATTACKER).status_code
            for n in range(6)
        ]
        self.assertEqual(statuses[-1], 429)

    def test_rotating_x_forwarded_for_does_not_bypass(self):
        for n in range(5):
            self.login(
                "editor", "wrong", client=ATTACKER, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
            )
        response = self.login(
            "editor", client=ATTACKER, HTTP_X_FORWARDED_FOR="10.9.9.99"
        )
        self.assertEqual(response.status_code, 429)

    @override_settings(CMS_TRUSTED_PROXY_COUNT=1)
    def test_a_configured_proxy_count_tells_clients_apart(self):
        proxy = "10.0.0.1"
        for _ in range(5):
            self.login("editor", "wrong", client=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
        locked = self.login("editor", client=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
        self.assertEqual(locked.status_code, 429)
        # Another visitor behind the same proxy is not locked out with them.
        other = self.login("editor", client=proxy, HTTP_X_FORWARDED_FOR=HOME)
        self.assertEqual(other.status_code, 302)

    @override_settings(CMS_TRUSTED_PROXIES=["10.0.0.0/8"])
    def test_a_trusted_proxy_list_tells_clients_apart_and_ignores_spoofing(self):
        proxy = "10.0.0.1"
        for n in range(5):
            # Through the proxy; what the attacker wrote itself is ignored.
            self.login(
                "editor",
                "wrong",
                client=proxy,
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
            )
        locked = self.login("editor", client=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
        self.assertEqual(locked.status_code, 429)
        other = self.login("editor", client=proxy, HTTP_X_FORWARDED_FOR=HOME)
        self.assertEqual(other.status_code, 302)
        # Straight to the site, not through the proxy: the header means nothing.
        direct = self.login(
            "editor", client=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.77"
        )
        self.assertEqual(direct.status_code, 429)

    @override_settings(PASSWORD_HASHERS=["tests.security.hashers.CountingHasher"])
    def test_a_locked_client_costs_no_password_hash(self):
        self.editor.set_password(PASSWORD)
        self.editor.save()
        for _ in range(5):
            self.login("editor", "wrong", client=ATTACKER)
        CountingHasher.calls = 0
        self.login("editor", "wrong", client=ATTACKER)
        self.assertEqual(CountingHasher.calls, 0)
        # The same attempt from a client that is not locked does hash.
        self.login("editor", "wrong", client=HOME)
        self.assertGreater(CountingHasher.calls, 0)

    @override_settings(PASSWORD_HASHERS=["tests.security.hashers.CountingHasher"])
    def test_a_worker_that_has_not_heard_of_the_cap_learns_it_without_a_hash(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        # Another gunicorn worker, with a local-memory cache of its own, has
        # never seen this client: axes' backend refuses it, before any hash.
        cache.delete(locked_client_key(ATTACKER))
        CountingHasher.calls = 0
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 429)
        self.assertEqual(CountingHasher.calls, 0)
        # ... and from then on that worker refuses it in the middleware.
        with self.assertNumQueries(1):
            self.assertEqual(self.login("other", client=ATTACKER).status_code, 429)

    def test_an_unlock_made_by_another_worker_is_honoured(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 429)
        # Another worker's officer view removed the failures; this worker's
        # local-memory cache still holds its note of the lock.
        AccessAttempt.objects.filter(ip_address=ATTACKER).delete()
        self.assertEqual(self.login("editor", client=ATTACKER).status_code, 302)

    def test_a_lockout_is_recorded_once(self):
        for _ in range(12):
            self.login("editor", "wrong", client=ATTACKER)
        self.assertEqual(Event.objects.filter(action="auth.locked_out").count(), 1)

    def test_a_locked_client_rotating_usernames_adds_no_lockouts_or_attempts(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        attempts = list(AccessAttempt.objects.values_list("pk", "failures_since_start"))
        with CaptureQueriesContext(connection) as queries:
            for n in range(10):
                self.login(f"other{n}", "wrong", client=ATTACKER)
        # Nothing is written: no attempt, no new lockout, no audit event.
        self.assertEqual(writes(queries.captured_queries), [])
        self.assertEqual(
            list(AccessAttempt.objects.values_list("pk", "failures_since_start")),
            attempts,
        )
        self.assertEqual(Event.objects.filter(action="auth.locked_out").count(), 1)


# Frozen mid-window: the counts must not straddle a window boundary.
@time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC), tick=False)
class LockedAttemptsTest(SecurityTestCase):
    """After a lockout, what the locked client tries is counted, not logged."""

    def test_attempts_while_locked_are_one_signal_not_an_event_each(self):
        for _ in range(5):
            self.login("editor", "wrong", client=ATTACKER)
        for _ in range(40):
            refused = self.login("editor", "wrong", client=ATTACKER)
            self.assertEqual(refused.status_code, 429)

        self.assertEqual(Event.objects.filter(action="auth.login_failed").count(), 5)
        self.assertEqual(Event.objects.filter(action="auth.locked_out").count(), 1)
        flush_signals()
        signal = SecuritySignal.objects.get(kind=SignalKind.LOCKED_LOGIN)
        self.assertEqual(signal.count, 40)
        self.assertEqual(signal.sample, "/admin/login/")
        page = self.officer_client().get("/admin/security/signals/")
        self.assertContains(page, "Percobaan login saat terkunci")

    def test_a_client_locked_by_the_cap_is_counted_too(self):
        for n in range(20):
            self.login(f"guess{n}", "wrong", client=ATTACKER)
        for n in range(15):
            self.login(f"other{n}", "wrong", client=ATTACKER)
        self.assertEqual(Event.objects.filter(action="auth.login_failed").count(), 20)
        flush_signals()
        signal = SecuritySignal.objects.get(kind=SignalKind.LOCKED_LOGIN)
        self.assertEqual(signal.count, 15)

    def test_the_real_users_attempts_are_not_counted_as_locked(self):
        for _ in range(5):
            self.login("editor", "wrong", client=ATTACKER)
        self.login("editor", "wrong", client=HOME)
        self.assertEqual(self.login("editor", client=HOME).status_code, 302)
        flush_signals()
        self.assertFalse(SecuritySignal.objects.filter(kind=SignalKind.LOCKED_LOGIN))
