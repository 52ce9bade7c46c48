from datetime import timedelta

from axes.models import AccessAttempt
from django.utils import timezone

from audit.security.models import SecuritySignal, TrafficCount
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
