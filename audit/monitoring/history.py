"""Uptime and latency over time: one ``ProbeDay`` row per finished day.

Charts, the status page and ``uptime()`` read the day rows (at most one per day)
plus today's runs, so their cost does not grow with the probe history. Days are
Jakarta days. ``fold_days()`` (daily job) aggregates every finished day not yet
folded and deletes raw runs older than ``MONITORING_KEEP_DAYS``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Q
from django.utils import timezone

from audit.monitoring import conf
from audit.monitoring.models import Outcome, ProbeDay, ProbeRun

DOWN = Q(outcome__in=[Outcome.ERRORS, Outcome.UNREACHABLE])


def day_bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), tz)
    return start, timezone.make_aware(
        datetime.combine(day + timedelta(days=1), time.min), tz
    )


def today() -> date:
    return timezone.localdate()


def percentile(values: list[int], fraction: float) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, math.ceil(fraction * len(ordered)) - 1)
    return ordered[index]


def summarise(day: date) -> ProbeDay:
    """The day's aggregate computed from its raw runs (not saved)."""
    start, end = day_bounds(day)
    runs = ProbeRun.objects.filter(started_at__gte=start, started_at__lt=end).exclude(
        outcome=Outcome.NO_NETWORK
    )
    counts = runs.aggregate(
        total=Count("pk"), down=Count("pk", filter=DOWN), slowest=Max("latency_ms")
    )
    latencies = list(runs.exclude(latency_ms=None).values_list("latency_ms", flat=True))
    return ProbeDay(
        day=day,
        runs=counts["total"],
        down_runs=counts["down"],
        latency_p50_ms=percentile(latencies, 0.5),
        latency_p95_ms=percentile(latencies, 0.95),
        latency_max_ms=counts["slowest"],
    )


def fold_days(*, now: datetime | None = None) -> int:
    """Aggregate each finished day not yet folded; prune old raw runs."""
    now = now or timezone.now()
    yesterday = timezone.localdate(now) - timedelta(days=1)
    last = ProbeDay.objects.order_by("-day").values_list("day", flat=True).first()
    first_run = ProbeRun.objects.order_by("started_at").first()
    folded = 0
    if first_run is not None:
        day = max(
            timezone.localdate(first_run.started_at),
            (last + timedelta(days=1)) if last else date.min,
        )
        while day <= yesterday:
            aggregate = summarise(day)
            if aggregate.runs:
                ProbeDay.objects.update_or_create(
                    day=day,
                    defaults={
                        f.name: getattr(aggregate, f.name)
                        for f in ProbeDay._meta.concrete_fields
                        if f.name not in ("id", "day")
                    },
                )
                folded += 1
            day += timedelta(days=1)
    cutoff = now - timedelta(days=conf.get("MONITORING_KEEP_DAYS"))
    ProbeRun.objects.filter(started_at__lt=cutoff).delete()
    return folded


@dataclass(frozen=True)
class DayFigure:
    day: date
    runs: int
    down_runs: int
    latency_p50_ms: int | None
    latency_p95_ms: int | None

    @property
    def uptime(self) -> float | None:
        if not self.runs:
            return None
        return 100.0 * (self.runs - self.down_runs) / self.runs


def daily(days: int, *, end: date | None = None) -> list[DayFigure]:
    """The last ``days`` days up to ``end`` (default today), oldest first; two queries
    plus today's."""
    end = end or today()
    start = end - timedelta(days=days - 1)
    stored = {
        row.day: row for row in ProbeDay.objects.filter(day__gte=start, day__lte=end)
    }
    figures = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        row = stored.get(day)
        if row is None and day >= end - timedelta(days=1):
            # Today, and yesterday until the daily job folds it: from raw runs.
            row = summarise(day)
        if row is None:
            figures.append(DayFigure(day, 0, 0, None, None))
        else:
            figures.append(
                DayFigure(
                    day,
                    row.runs,
                    row.down_runs,
                    row.latency_p50_ms,
                    row.latency_p95_ms,
                )
            )
    return figures


def uptime(days: list[DayFigure]) -> float | None:
    """Uptime percentage over the given days (runs weighted equally)."""
    runs = sum(d.runs for d in days)
    if not runs:
        return None
    return 100.0 * (runs - sum(d.down_runs for d in days)) / runs


def recent_latencies(count: int = 48) -> list[int | None]:
    """The slowest answer of each of the last ``count`` runs, oldest first."""
    values = list(
        ProbeRun.objects.order_by("-started_at").values_list("latency_ms", flat=True)[
            :count
        ]
    )
    return values[::-1]
