import time

from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from audit.security import counters, traffic
from audit.security.models import TrafficCount, TrafficDimension
from audit.security.traffic import flush_traffic
from tests.home.builders import build_home
from tests.security.test_signals import writes
from tests.security.utils import SecurityTestCase


def counted(dimension, key=None) -> int:
    rows = TrafficCount.objects.filter(dimension=dimension)
    if key is not None:
        rows = rows.filter(key=key)
    return sum(rows.values_list("count", flat=True))


class TrafficTest(SecurityTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = build_home()

    def visit(self, path="/", client="192.0.2.1", **extra):
        return self.client.get(path, REMOTE_ADDR=client, **extra)

    def test_page_views_are_counted_without_a_database_write(self):
        self.visit()  # the site's settings row is created on the first visit
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            for n in range(10):
                self.visit(client=f"192.0.2.{n % 3 + 1}")
            self.visit("/tidak-ada/")
        self.assertEqual(writes(queries.captured_queries), [])
        self.assertFalse(TrafficCount.objects.exists())

        flush_traffic()
        self.assertEqual(counted(TrafficDimension.VIEWS), 10)
        self.assertEqual(counted(TrafficDimension.PAGE, str(self.home.pk)), 10)
        self.assertEqual(counted(TrafficDimension.LANGUAGE, "id"), 10)
        self.assertEqual(counted(TrafficDimension.VISITORS), 3)
        self.assertEqual(counted(TrafficDimension.STATUS, "200"), 10)
        self.assertEqual(counted(TrafficDimension.STATUS, "404"), 1)

    def test_referring_sites_are_counted_by_domain_only(self):
        self.visit(HTTP_REFERER="https://www.google.com/search?q=bkp+jadwal")
        self.visit(HTTP_REFERER="http://testserver/berita/")
        flush_traffic()
        self.assertEqual(counted(TrafficDimension.REFERRER), 1)
        self.assertEqual(counted(TrafficDimension.REFERRER, "www.google.com"), 1)

    def test_no_address_is_stored(self):
        self.visit(client="203.0.113.99", HTTP_USER_AGENT="203.0.113.99")
        flush_traffic()
        for key in TrafficCount.objects.values_list("key", flat=True):
            self.assertNotIn("203.0.113", key)

    def test_counts_survive_a_cache_restart_up_to_the_last_flush(self):
        for _ in range(4):
            self.visit()
        flush_traffic()
        for _ in range(3):
            self.visit()
        cache.clear()  # the cache restarts: what was not flushed is lost
        flush_traffic()
        self.assertEqual(counted(TrafficDimension.VIEWS), 4)
        self.visit()
        flush_traffic()
        flush_traffic()  # a second flush adds nothing
        self.assertEqual(counted(TrafficDimension.VIEWS), 5)

    def test_officers_see_charts_with_constant_queries(self):
        self.visit()
        flush_traffic()
        officer = self.officer_client()
        officer.get("/admin/security/traffic/")
        with CaptureQueriesContext(connection) as few:
            response = officer.get("/admin/security/traffic/")
        self.assertContains(response, "<svg")
        self.assertContains(response, "<rect", count=60)
        self.assertContains(response, "Halaman paling banyak dibaca")
        self.assertContains(response, self.home.title)
        self.assertContains(response, "Bahasa Indonesia")
        for n in range(20):
            self.visit(
                client=f"192.0.2.{n + 10}", HTTP_REFERER=f"https://s{n}.example/"
            )
        flush_traffic()
        with CaptureQueriesContext(connection) as many:
            officer.get("/admin/security/traffic/")
        self.assertEqual(len(few), len(many))

    def test_an_editor_cannot_see_traffic(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get("/admin/security/traffic/").status_code, 403)


@override_settings(SECURITY_TRAFFIC_PUSH_SECONDS=3600)
class BatchedTrafficTest(SecurityTestCase):
    """A web process keeps its counts and adds them to the cache in batches."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = build_home()

    def setUp(self):
        super().setUp()
        counters.tally.reset()
        traffic.seen.today("")
        self.addCleanup(counters.tally.reset)

    def test_page_views_wait_in_the_process_until_pushed(self):
        for n in range(6):
            self.client.get("/", REMOTE_ADDR=f"192.0.2.{n % 2 + 1}")
        flush_traffic()
        self.assertFalse(TrafficCount.objects.exists())

        counters.tally.push()  # what a worker does every few seconds and at exit
        flush_traffic()
        self.assertEqual(counted(TrafficDimension.VIEWS), 6)
        self.assertEqual(counted(TrafficDimension.VISITORS), 2)
        counters.tally.push()
        flush_traffic()
        self.assertEqual(counted(TrafficDimension.VIEWS), 6)

    @override_settings(SECURITY_TRAFFIC_PUSH_SECONDS=0.5)
    def test_counts_are_pushed_once_the_interval_has_passed(self):
        self.client.get("/", REMOTE_ADDR="192.0.2.1")
        time.sleep(0.6)
        self.client.get("/", REMOTE_ADDR="192.0.2.1")
        flush_traffic()
        self.assertEqual(counted(TrafficDimension.VIEWS), 2)
        self.assertEqual(counted(TrafficDimension.VISITORS), 1)
