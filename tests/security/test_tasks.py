import time
from datetime import UTC, datetime, timedelta

import time_machine
from axes.models import AccessAttempt
from django.test import override_settings
from django.utils import timezone

from audit.security import local_flush
from audit.security.models import (
    SecuritySignal,
    SignalKind,
    TrafficCount,
    TrafficDimension,
)
from audit.security.tasks import flush_counts_task, prune_task
from cms.scheduler.registry import registry
from tests.home.builders import build_home
from tests.security.utils import ATTACKER, SecurityTestCase


class PeriodicJobsTest(SecurityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_home()

    def test_the_jobs_are_declared(self):
        self.assertIsNotNone(registry.get("security.flush"))
        self.assertIsNotNone(registry.get("security.prune"))

    def test_the_flush_job_stores_signals_and_traffic(self):
        self.client.get("/wp-login.php", REMOTE_ADDR=ATTACKER)
        self.client.get("/", REMOTE_ADDR=ATTACKER)
        flush_counts_task.enqueue()
        self.assertEqual(SecuritySignal.objects.get().count, 1)
        self.assertTrue(TrafficCount.objects.filter(dimension="views").exists())

    def test_the_prune_job_deletes_old_attempts_only(self):
        old = timezone.now() - timedelta(days=40)
        for username, when in (("lama", old), ("baru", timezone.now())):
            attempt = AccessAttempt.objects.create(
                username=username,
                ip_address=ATTACKER,
                user_agent="",
                get_data="",
                post_data="",
                http_accept="",
                path_info="/admin/login/",
                failures_since_start=1,
            )
            # attempt_time is auto_now_add: set the past afterwards.
            AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
        prune_task.enqueue()
        self.assertEqual(
            list(AccessAttempt.objects.values_list("username", flat=True)), ["baru"]
        )


# Mid-window, with the clock running: the counts never straddle a window.
@time_machine.travel(datetime(2026, 11, 25, 3, 4, 30, tzinfo=UTC))
class LocalCacheFlushTest(SecurityTestCase):
    """With the local-memory cache no other process sees a web process's counts:
    the web process stores them itself."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_home()

    def visit_and_wait(self):
        for _ in range(3):
            self.client.get("/.env", REMOTE_ADDR=ATTACKER)
        self.client.get("/", REMOTE_ADDR=ATTACKER)
        time.sleep(1.1)
        self.client.get("/", REMOTE_ADDR=ATTACKER)  # the flush comes after this one

    @override_settings(SECURITY_LOCAL_FLUSH_SECONDS=1)
    def test_a_web_process_stores_its_own_counts(self):
        self.visit_and_wait()
        signal = SecuritySignal.objects.get(kind=SignalKind.SCANNER)
        self.assertEqual(signal.count, 3)
        views = TrafficCount.objects.get(dimension=TrafficDimension.VIEWS)
        self.assertEqual(views.count, 2)

    @override_settings(SECURITY_LOCAL_FLUSH_SECONDS=0)
    def test_it_can_be_switched_off(self):
        self.visit_and_wait()
        self.assertFalse(SecuritySignal.objects.exists())
        self.assertFalse(TrafficCount.objects.exists())

    @override_settings(
        SECURITY_LOCAL_FLUSH_SECONDS=1,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.dummy.DummyCache",
            }
        },
    )
    def test_a_shared_cache_is_left_to_the_task_worker(self):
        self.assertFalse(local_flush.enabled())
