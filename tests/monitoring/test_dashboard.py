from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from audit.monitoring.models import (
    BrokenLink,
    LinkKind,
    Outage,
    Outcome,
    ProbeDay,
    ProbeRun,
)
from tests.home.builders import build_site


def probe_history(days: int, *, per_day: int = 4) -> None:
    now = timezone.now()
    ProbeRun.objects.bulk_create(
        ProbeRun(
            started_at=now - timedelta(days=d, hours=h),
            finished_at=now - timedelta(days=d, hours=h),
            outcome=Outcome.UP if h else Outcome.ERRORS,
            urls_checked=10,
            latency_ms=100 + d + h,
        )
        for d in range(days)
        for h in range(per_day)
    )
    ProbeDay.objects.bulk_create(
        (
            ProbeDay(
                day=timezone.localdate() - timedelta(days=d),
                runs=288,
                down_runs=d % 3,
                latency_p50_ms=120,
                latency_p95_ms=300,
            )
            for d in range(2, days)
        ),
        ignore_conflicts=True,
    )


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.com", "password-for-tests"
        )
        cls.outsider = get_user_model().objects.create_user(
            "editor", "editor@example.com", "password-for-tests"
        )

    def setUp(self):
        self.client.force_login(self.admin)

    def dashboard(self):
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        return response

    def test_every_panel_shows_empty_before_any_data(self):
        response = self.dashboard()
        self.assertContains(response, "Belum ada pemeriksaan")
        self.assertContains(response, "Tautan belum pernah diperiksa")
        self.assertContains(response, "Tidak ada masukan yang terlambat")

    def test_a_stale_news_page_shows(self):
        Page.objects.filter(pk=self.site.article.pk).update(
            last_published_at=timezone.now() - timedelta(days=40)
        )
        response = self.dashboard()
        self.assertContains(response, "Pemeriksaan pilot")
        self.assertContains(response, "1 halaman lebih lama")

    def test_a_recent_news_page_is_not_stale(self):
        Page.objects.filter(pk=self.site.article.pk).update(
            last_published_at=timezone.now() - timedelta(days=3)
        )
        Page.objects.filter(depth__gte=3).exclude(pk=self.site.article.pk).update(
            last_published_at=timezone.now()
        )
        self.assertContains(self.dashboard(), "Semua halaman masih dalam batas")

    def test_broken_links_and_missing_images_show(self):
        now = timezone.now()
        BrokenLink.objects.create(
            found_at=now,
            source_url="/humas/",
            target_url="/tidak-ada/",
            kind=LinkKind.LINK,
            status=404,
        )
        BrokenLink.objects.create(
            found_at=now,
            source_url="/humas/",
            target_url="/media/images/hilang.jpg",
            kind=LinkKind.IMAGE,
            status=404,
        )
        response = self.dashboard()
        self.assertContains(response, "/tidak-ada/")
        self.assertContains(response, "/media/images/hilang.jpg")

    def test_overdue_feedback_shows(self):
        submission = FormSubmission.objects.create(
            page=self.site.feedback, form_data={"pesan": "Halo"}
        )
        FormSubmission.objects.filter(pk=submission.pk).update(
            submit_time=timezone.now() - timedelta(days=8)
        )
        self.assertContains(self.dashboard(), "1 pesan lebih lama dari 5 hari")

    def test_an_outage_comes_first(self):
        Outage.objects.create(started_at=timezone.now(), cause=Outcome.UNREACHABLE)
        content = self.dashboard().content.decode()
        self.assertIn("Situs MATI", content)
        self.assertLess(
            content.index("Situs MATI"),
            content.index("Status konten"),
        )

    def test_query_count_stays_fixed_as_probe_history_grows(self):
        probe_history(5)
        self.dashboard()
        with CaptureQueriesContext(connection) as small:
            self.dashboard()
        probe_history(365, per_day=12)
        with CaptureQueriesContext(connection) as large:
            self.dashboard()
        self.assertEqual(len(small), len(large))
        with CaptureQueriesContext(connection) as index_small:
            self.client.get("/admin/monitoring/")
        probe_history(30)
        with CaptureQueriesContext(connection) as index_large:
            response = self.client.get("/admin/monitoring/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(index_small), len(index_large))
        self.assertContains(response, 'class="monitoring-chart"', count=2)

    def test_others_see_neither_panels_nor_the_screen(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get("/admin/monitoring/").status_code, 302)
