"""Benchmark: the audit trail at a million events.

    .venv/bin/python -m tests.bench.bench_audit [--events 1000000]

Builds a scratch SQLite database under /tmp, loads ``--events`` events spread
over a year (bulk-inserted with a correctly computed chain), then prints:
the time a page publish takes with and without its events recorded; appends per
second by 4 concurrent writer processes; ``audit_verify`` against a plain
ordered scan plus HMAC of the same rows, with the verifier's peak memory at
100 k events and at the full count; and the admin report's first page and a
page deep in the log with a filter. Not part of the pytest suite; a few minutes.
"""

from __future__ import annotations

import argparse
import hmac
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WRITERS = 4
PER_WRITER = 1000
ACTIONS = [
    "wagtail.edit",
    "wagtail.publish",
    "wagtail.create",
    "auth.login",
    "auth.logout",
    "auth.login_failed",
    "wagtail.workflow.approve",
    "scheduler.run_finished",
]

WRITER = """
import sys, time, django
django.setup()
from audit import trail
trail.record("audit.verified", actor="system:warmup")
start = time.time()
for number in range(int(sys.argv[1])):
    trail.record("scheduler.run_finished", actor="system:writer", details={"n": number})
print(start, time.time())
"""


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def load(first: int, count: int, head_hash: str, start: datetime, span: float) -> str:
    """Insert events first..first+count-1 with their chain; return the last hash."""
    from tests.bench.chain import insert_events

    return insert_events(
        first,
        count,
        head_hash,
        moment=lambda sequence: start + timedelta(seconds=span * sequence),
        actions=ACTIONS,
    )


def set_head(sequence: int, hash_: str) -> None:
    from audit.models import ChainHead

    ChainHead.objects.update_or_create(
        pk=1, defaults={"sequence": sequence, "hash": hash_}
    )


def timed(func, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return times


def plain_scan() -> int:
    """The floor: read the same rows in order and HMAC each, nothing else."""
    from django.db import connection

    from audit.trail import HASHED_FIELDS, chain_key

    base = hmac.new(chain_key(), digestmod="sha256")
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join([*HASHED_FIELDS, 'hash'])} FROM audit_event "  # noqa: S608
            "ORDER BY sequence"
        )
        while rows := cursor.fetchmany(5000):
            for row in rows:
                mac = base.copy()
                mac.update("|".join(map(str, row[:12])).encode())
                mac.hexdigest()
                count += 1
    return count


def verify_memory() -> tuple[float, float]:
    from audit.verify import walk

    tracemalloc.start()
    started = time.perf_counter()
    result = walk()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.ok, result.message  # noqa: S101
    return peak / 1e6, elapsed


def publish_times(page, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Publish times with and without the audit receiver, alternating, and the
    time spent inside the receiver itself per publish (the direct cost, which the
    shared machine's noise does not blur)."""
    from django.db.models.signals import post_save
    from wagtail.models import PageLogEntry

    from audit import signal_handlers

    uid = "audit_PageLogEntry"
    inside = [0.0]

    def timed_receiver(*args, **kwargs):
        started = time.perf_counter()
        signal_handlers.log_entry_saved(*args, **kwargs)
        inside[0] += time.perf_counter() - started

    def publish_once():
        page.title = f"Beranda {time.perf_counter()}"
        page.save_revision(user=None).publish()

    post_save.disconnect(sender=PageLogEntry, dispatch_uid=uid)
    with_events, without, receiver = [], [], []
    try:
        for _ in range(rounds + 1):
            post_save.connect(timed_receiver, sender=PageLogEntry, dispatch_uid=uid)
            inside[0] = 0.0
            with_events += timed(publish_once)
            receiver.append(inside[0])
            post_save.disconnect(sender=PageLogEntry, dispatch_uid=uid)
            without += timed(publish_once)
    finally:
        post_save.connect(
            signal_handlers.log_entry_saved, sender=PageLogEntry, dispatch_uid=uid
        )
    # The first round warms up.
    return with_events[1:], without[1:], receiver[1:]


def concurrent_appends(db_path: Path) -> float:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}"}
    processes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", WRITER, str(PER_WRITER)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    spans = []
    for process in processes:
        out, _err = process.communicate(timeout=600)
        assert process.returncode == 0  # noqa: S101
        spans.append(tuple(map(float, out.split())))
    first = min(s for s, _e in spans)
    last = max(e for _s, e in spans)
    return WRITERS * PER_WRITER / (last - first)


def admin_times(total: int) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    admin = get_user_model().objects.create_superuser("bench", "b@example.go.id", "x")
    client = Client()
    client.force_login(admin)
    url = reverse("audit:events")
    cases = {
        "first page": {},
        "deep page, action filter": {"action": "wagtail.publish", "before": total // 3},
        "deep page, actor filter": {"actor": admin.pk, "before": total // 2},
        "period filter (one day, mid-year)": {
            "timestamp_from": "2025-07-01",
            "timestamp_to": "2025-07-01",
        },
    }
    results = {}
    for name, params in cases.items():
        client.get(url, params)  # warm up
        times = timed(lambda p=params: client.get(url, p), repeat=5)
        results[name] = statistics.median(times) * 1000
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    total = args.events
    small = min(100_000, total)

    db_path = Path(f"/tmp/bench-audit-{os.getpid()}.sqlite3")  # noqa: S108
    setup_django(db_path)
    from django.core.management import call_command
    from django.db import connection

    from audit.models import Event
    from tests.home.builders import build_home

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    home = build_home()
    Event.objects.all()._raw_delete(Event.objects.db)  # the setup's own events
    say(f"database: {db_path}")

    start = datetime(2025, 1, 1, tzinfo=UTC)
    span = 365 * 24 * 3600 / total
    t = time.perf_counter()
    head = load(1, small, "0" * 64, start, span)
    set_head(small, head)
    memory_small, verify_small = verify_memory()
    head = load(small + 1, total - small, head, start, span)
    set_head(total, head)
    say(f"loaded {total:,} events in {time.perf_counter() - t:.0f} s")
    memory_total, _ = verify_memory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from audit.verify import walk

    walk_s = min(timed(walk, repeat=2))
    scan_s = min(timed(plain_scan, repeat=2))
    publish_with, publish_without, receiver = publish_times(home, rounds=30)
    appends = concurrent_appends(db_path)
    admin = admin_times(total)

    def ms(values, pick=statistics.median):
        return pick(values) * 1000

    say()
    say(
        f"page publish (save_revision + publish: 2 events; 30 rounds; {total:,} in table)"
    )
    say(
        f"  with events recorded:  median {ms(publish_with):6.1f} ms, "
        f"fastest {ms(publish_with, min):6.1f} ms"
    )
    say(
        f"  without:               median {ms(publish_without):6.1f} ms, "
        f"fastest {ms(publish_without, min):6.1f} ms"
    )
    say(
        f"  added, inside the audit receiver: median {ms(receiver):.2f} ms, "
        f"max {ms(receiver, max):.2f} ms   (target < 5)"
    )
    say(
        f"appends by {WRITERS} concurrent writer processes: {appends:,.0f}/s   (target > 500)"
    )
    say(
        f"audit_verify over {total:,}: {walk_s:.1f} s; plain ordered scan + HMAC: {scan_s:.1f} s;"
        f" ratio {walk_s / scan_s:.2f}x   (target <= 1.5)"
    )
    say(f"  {small / verify_small:,.0f} events/s at 100 k (under tracemalloc)")
    say(
        f"verifier peak memory: {memory_small:.1f} MB at {small:,}; {memory_total:.1f} MB at {total:,}"
    )
    say("admin report (median of 5):")
    for name, ms in admin.items():
        say(f"  {name:36s} {ms:6.0f} ms   (target < 200)")
    say(f"total {time.monotonic() - started:.0f} s")
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
