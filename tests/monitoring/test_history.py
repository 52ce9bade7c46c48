from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from audit.monitoring import history
from audit.monitoring.models import Outcome, ProbeDay, ProbeRun


def run_at(when: datetime, outcome: str = Outcome.UP, latency: int = 100) -> ProbeRun:
    return ProbeRun.objects.create(
        started_at=when, finished_at=when, outcome=outcome, latency_ms=latency
    )


class HistoryTests(TestCase):
    def test_finished_days_are_folded_with_uptime_and_percentiles(self):
        day = timezone.localdate() - timedelta(days=2)
        start, _end = history.day_bounds(day)
        for i in range(20):
            run_at(
                start + timedelta(minutes=5 * i),
                Outcome.ERRORS if i < 2 else Outcome.UP,
                latency=100 + i,
            )
        # The monitor's own network was down: not counted either way.
        run_at(start + timedelta(hours=3), Outcome.NO_NETWORK, latency=None)
        self.assertEqual(history.fold_days(), 1)
        folded = ProbeDay.objects.get(day=day)
        self.assertEqual((folded.runs, folded.down_runs), (20, 2))
        self.assertEqual(folded.uptime, 90.0)
        self.assertEqual(folded.latency_p50_ms, 109)
        self.assertEqual(folded.latency_p95_ms, 118)
        self.assertEqual(folded.latency_max_ms, 119)
        # Folding again changes nothing.
        self.assertEqual(history.fold_days(), 0)

    @override_settings(MONITORING_KEEP_DAYS=90)
    def test_raw_runs_older_than_90_days_are_deleted_but_their_day_stays(self):
        old = timezone.now() - timedelta(days=100)
        run_at(old)
        recent = run_at(timezone.now() - timedelta(days=10))
        history.fold_days()
        self.assertEqual(list(ProbeRun.objects.all()), [recent])
        self.assertTrue(ProbeDay.objects.filter(day=timezone.localdate(old)).exists())
        figures = history.daily(120)
        self.assertEqual(len(figures), 120)
        self.assertEqual(history.uptime(figures), 100.0)

    def test_today_is_read_from_raw_runs(self):
        run_at(timezone.now(), Outcome.ERRORS)
        run_at(timezone.now())
        today = history.daily(1)[0]
        self.assertEqual((today.runs, today.down_runs), (2, 1))


class CheckTests(TestCase):
    def check_ids(self) -> list[str]:
        from audit.monitoring.checks import check_monitoring_settings

        return [error.id for error in check_monitoring_settings(None)]

    def test_defaults_pass(self):
        self.assertEqual(self.check_ids(), [])
        call_command("check", stdout=StringIO())

    @override_settings(MONITORING_BASE_URL="bkp.example.go.id")
    def test_a_base_url_without_scheme_is_refused(self):
        self.assertEqual(self.check_ids(), ["monitoring.E001"])

    @override_settings(MONITORING_FAILURES_BEFORE_OUTAGE=0)
    def test_zero_failures_is_refused(self):
        self.assertEqual(self.check_ids(), ["monitoring.E003"])

    @override_settings(MONITORING_URLS=["health/"])
    def test_paths_must_start_with_a_slash(self):
        self.assertEqual(self.check_ids(), ["monitoring.E010"])
