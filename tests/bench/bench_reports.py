"""Benchmark: the monthly SOP report over a year of activity.

    .venv/bin/python -m tests.bench.bench_reports [--events 1000000] [--first 100000]

Builds a scratch SQLite database under /tmp and seeds a year (2026) of activity:
``--first`` audit events (bulk-inserted with a correct chain), and the matching
rows of the other apps (probe days and outages, daily backups, traffic counts,
security signals, feedback, problems with coordination entries, the officers'
daily checks). It prints the time and peak Python memory (tracemalloc) of
computing June's report (every section and the compliance board), and the time
to render its PDF; then grows the trail to ``--events`` and prints the same
figures again, side by side. The target: under 2 s, with the same peak memory
at both sizes (aggregates in SQL: nothing reads the log into Python). Not part
of the pytest suite; loading a million events takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
YEAR_START = datetime(2025, 12, 31, 17, 0, tzinfo=UTC)  # 1 January 2026, 00.00 WIB
YEAR_SECONDS = 365 * 24 * 3600
ACTIONS = [
    "wagtail.edit",
    "wagtail.publish",
    "auth.login",
    "auth.logout",
    "auth.login_failed",
    "scheduler.run_finished",
    "backups.created",
    "auth.locked_out",
]


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["CMS_VAR_DIR"] = str(db_path.parent / f"{db_path.stem}-var")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load_events(count: int) -> None:
    """Append ``count`` events after the chain's head, spread evenly over 2026."""
    from django.db import transaction

    from audit.models import ChainHead
    from audit.trail import lock_head
    from tests.bench.chain import insert_events

    with transaction.atomic():
        _segment, last, prev = lock_head()
    first = last + 1
    span = YEAR_SECONDS / count
    prev = insert_events(
        first,
        count,
        prev,
        moment=lambda sequence: (
            YEAR_START + timedelta(seconds=span * (sequence - first))
        ),
        actions=ACTIONS,
    )
    ChainHead.objects.filter(pk=1).update(sequence=first + count - 1, hash=prev)


def seed_rows() -> dict[str, int]:
    """A year of the other apps' rows, in bulk."""
    from django.contrib.auth import get_user_model
    from wagtail.contrib.forms.models import FormSubmission

    from audit.monitoring.models import Outage, ProbeDay
    from audit.problems.models import CoordinationEntry, Problem
    from audit.reports.models import DutyCheck
    from audit.security.models import SecuritySignal, TrafficCount
    from backups.models import Backup
    from home.builders import locales, make_feedback_page, make_home
    from home.models import FeedbackItem

    officer = get_user_model().objects.create_user("oki", "oki@example.go.id", "x")
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]

    def at(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)

    ProbeDay.objects.bulk_create(
        ProbeDay(day=d, runs=288, down_runs=d.day % 7, latency_p50_ms=100) for d in days
    )
    Outage.objects.bulk_create(
        Outage(
            started_at=at(d, 3),
            ended_at=at(d, 3, 40),
            cause="unreachable",
            summary="Gangguan",
        )
        for d in days[::7]
    )
    Backup.objects.bulk_create(
        Backup(
            kind="database",
            trigger="schedule",
            status="succeeded" if d.day % 13 else "failed",
            started_at=at(d, 19),
            finished_at=at(d, 19, 6),
            size=50_000_000 + d.toordinal(),
            drill_status="passed" if d.day % 13 else "",
        )
        for d in days
    )
    TrafficCount.objects.bulk_create(
        [
            TrafficCount(day=d, dimension=dim, key=key, count=100 + n)
            for d in days
            for n, (dim, key) in enumerate(
                [("views", ""), ("visitors", "")]
                + [("page", f"/id/halaman-{p}/") for p in range(40)]
                + [("status", "200"), ("status", "404"), ("language", "id")]
            )
        ]
    )
    SecuritySignal.objects.bulk_create(
        SecuritySignal(
            client=f"{n:032x}",
            kind=("scanner", "traversal", "rate")[n % 3],
            severity=("medium", "high", "medium")[n % 3],
            window_start=at(d, n % 24),
            count=n % 17 + 1,
        )
        for d in days
        for n in range(30)
    )
    DutyCheck.objects.bulk_create(
        DutyCheck(
            duty=duty,
            day=d,
            confirmed_by=officer,
            confirmed_by_label="oki",
            shown_at=at(d, 1),
            confirmed_at=at(d, 1, 7),
        )
        for d in days
        if d.weekday() < 5
        for duty in (1, 3)
    )
    problems = Problem.objects.bulk_create(
        Problem(
            title=f"Masalah {n}",
            severity="medium",
            source="outage",
            status="resolved",
            opened_at=at(d, 2),
            reported_at=at(d, 2, 12),
            reported_by=officer,
            assigned_at=at(d, 2, 20),
            assigned_by=officer,
            assigned_to=officer,
            resolved_at=at(d, 5),
            resolved_by=officer,
        )
        for n, d in enumerate(days)
    )
    CoordinationEntry.objects.bulk_create(
        CoordinationEntry(
            problem=p,
            party="vendor",
            party_name="PT Vendor",
            contacted_at=p.opened_at + timedelta(minutes=30),
            agreed="Perbaikan",
        )
        for p in problems[::3]
    )
    locales()
    home = make_home("Beranda", hero_title="Halo")
    page = make_feedback_page(
        home,
        "Masukan",
        form_fields=[{"label": "Pesan", "field_type": "multiline"}],
    )
    submissions = FormSubmission.objects.bulk_create(
        FormSubmission(page=page, form_data={"pesan": "Halo"}) for _d in days * 3
    )
    FeedbackItem.objects.bulk_create(
        FeedbackItem(
            submission=s,
            received_at=at(days[n % 365], 2),
            message="Halo",
            status="answered" if n % 4 else "new",
            handled_at=at(days[n % 365], 6) if n % 4 else None,
        )
        for n, s in enumerate(submissions)
    )
    return {
        "traffic rows": TrafficCount.objects.count(),
        "signals": SecuritySignal.objects.count(),
        "backups": Backup.objects.count(),
        "problems": Problem.objects.count(),
        "feedback": FeedbackItem.objects.count(),
        "daily checks": DutyCheck.objects.count(),
    }


def measure(label: str) -> dict[str, float]:
    from django.db import connection, reset_queries

    from audit.reports import building, rendering
    from audit.reports.models import Report
    from audit.reports.periods import month
    from audit.reports.sop import version_in_force

    period = month("2026-06")
    version = version_in_force(period.end)
    now = datetime(2026, 7, 1, 1, tzinfo=UTC)
    building.compute(period, version=version, now=now)  # warm caches
    connection.force_debug_cursor = True
    reset_queries()
    tracemalloc.start()
    started = time.perf_counter()
    data = building.compute(period, version=version, now=now)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    data["audit_head"] = ""
    report = Report(
        kind="monthly",
        period_start=period.start,
        period_end=period.end,
        sop_version=version,
        built_by_label="bench",
        data=data,
    )
    markup = rendering.html(building.report_context(report), "id")
    # The first PDF of a process also loads fonts (Pango, fontconfig): timed
    # apart from the next one.
    renders = []
    for _round in range(2):
        started = time.perf_counter()
        pdf = rendering.pdf(markup)
        renders.append(time.perf_counter() - started)
    render = renders[1]
    say(
        f"{label}: figures+board {elapsed:.2f} s, peak {peak / 1e6:.2f} MB, "
        f"{queries} queries; PDF render {render:.2f} s (first in this process "
        f"{renders[0]:.2f} s, {len(pdf) / 1024:.0f} KiB); "
        f"lockouts in June {data['sections']['activity']['lockouts']}"
    )
    return {"build": elapsed, "peak": peak / 1e6, "render": render}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--first", type=int, default=100_000)
    args = parser.parse_args()
    first = min(args.first, args.events)
    db_path = Path(f"/tmp/bench-reports-{os.getpid()}.sqlite3")  # noqa: S108
    setup_django(db_path)
    from django.core.management import call_command

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        say(f"migrated in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        rows = seed_rows()
        say(f"seeded a year of rows in {time.perf_counter() - started:.0f} s: {rows}")

        # Each batch is spread over the same year, so June holds a twelfth.
        started = time.perf_counter()
        load_events(first)
        say(f"loaded {first:,} events in {time.perf_counter() - started:.0f} s")
        small = measure(f"{first:>9,} events")
        if args.events > first:
            started = time.perf_counter()
            load_events(args.events - first)
            say(
                f"loaded {args.events:,} events in {time.perf_counter() - started:.0f} s"
            )
            large = measure(f"{args.events:>9,} events")
            say()
            say(
                f"ratio {args.events // first}x events: build "
                f"{large['build'] / small['build']:.2f}x, peak memory "
                f"{large['peak'] / small['peak']:.2f}x, PDF render "
                f"{large['render'] / small['render']:.2f}x"
            )
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
