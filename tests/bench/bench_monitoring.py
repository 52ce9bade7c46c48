"""Benchmark: the dashboard and the health endpoint with a year of probe data.

    .venv/bin/python -m tests.bench.bench_monitoring

Builds a scratch SQLite database under /tmp with the test site's pages, a year
of probe history as the jobs leave it (365 folded days; the last 90 days raw:
one run every 5 minutes with 10 results each, about 26,000 runs and 260,000
results) and prints the median time of the admin dashboard, the monitoring
screen, the status page and /health/. Targets: dashboard under 300 ms,
health under 100 ms. Not part of the pytest suite; about a minute.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def timed(client, url: str, rounds: int = 7) -> float:
    client.get(url)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 503), (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    db_path = Path(tempfile.mkdtemp(prefix="bkp-bench-monitoring-")) / "db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from audit.monitoring.models import Outcome, ProbeDay, ProbeResult, ProbeRun
    from tests.home.builders import build_site

    call_command("migrate", verbosity=0)
    build_site()
    now = timezone.now()
    say("loading a year of probe data ...")
    with transaction.atomic():
        ProbeDay.objects.bulk_create(
            ProbeDay(
                day=timezone.localdate() - timedelta(days=d),
                runs=288,
                down_runs=d % 7,
                latency_p50_ms=120,
                latency_p95_ms=400,
                latency_max_ms=900,
            )
            for d in range(2, 366)
        )
        runs = ProbeRun.objects.bulk_create(
            ProbeRun(
                started_at=now - timedelta(minutes=5 * i),
                finished_at=now - timedelta(minutes=5 * i),
                outcome=Outcome.UP if i % 100 else Outcome.ERRORS,
                urls_checked=10,
                latency_ms=100 + i % 50,
            )
            for i in range(90 * 288)
        )
        for start in range(0, len(runs), 2000):
            ProbeResult.objects.bulk_create(
                ProbeResult(run=run, url=f"/p{n}/", ok=True, status=200, latency_ms=90)
                for run in runs[start : start + 2000]
                for n in range(10)
            )
    say(
        f"probe runs {ProbeRun.objects.count():,}, results "
        f"{ProbeResult.objects.count():,}, days {ProbeDay.objects.count():,}"
    )
    admin = get_user_model().objects.create_superuser("bench", "b@example.com", "x")
    client = Client()
    client.force_login(admin)
    say(f"admin dashboard     {timed(client, '/admin/'):7.1f} ms   (target < 300)")
    say(f"monitoring screen   {timed(client, '/admin/monitoring/'):7.1f} ms")
    anonymous = Client()
    say(f"status page         {timed(anonymous, '/status/'):7.1f} ms")
    say(f"/health/            {timed(anonymous, '/health/'):7.1f} ms   (target < 100)")


if __name__ == "__main__":
    main()
