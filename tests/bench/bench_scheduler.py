"""Benchmark: delay from a job's due time to its task starting in the worker, and
the scheduler's idle CPU.

    .venv/bin/python -m tests.bench.bench_scheduler [--fires 20] [--every 3]

Runs a real ``scheduler_run`` (default lease and poll) and a real ``db_worker``
(default 1 s polling interval, as in the Procfile) against a scratch SQLite
database under var/. The publishing job is set to fire every few seconds (the
test-only seconds frequency) until it has fired ``--fires`` times; then it is set
back to daily and the scheduler's CPU time is read from /proc/<pid>/stat over an
idle window. Not part of the pytest suite; takes about two minutes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
JOB = "wagtail.publish_scheduled"


def setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["CMS_TEST_LIVE_TASKS"] = "1"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of the line (11 and 12 after the name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fires", type=int, default=20)
    parser.add_argument("--every", type=int, default=3, help="seconds between fires")
    parser.add_argument("--idle-seconds", type=int, default=30)
    args = parser.parse_args()

    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    db_path = var / f"bench-scheduler-{os.getpid()}.sqlite3"
    setup_django(db_path)

    from django.core.management import call_command
    from django.utils import timezone

    from cms.scheduler.models import Frequency, JobRun, JobSchedule
    from tests.live import Child, child_env, manage

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    now = timezone.now()
    JobSchedule.objects.exclude(name=JOB).update(enabled=False)
    JobSchedule.objects.filter(name=JOB).update(
        frequency=Frequency.SECONDS,
        every=args.every,
        created_at=now,
        updated_at=now,
    )
    logs = var / f"bench-scheduler-{os.getpid()}"
    logs.mkdir(exist_ok=True)
    env = child_env()
    scheduler = Child("scheduler", manage("scheduler_run"), env, logs / "scheduler.log")
    worker = Child(
        "worker",
        manage("db_worker", "--no-reload", "--no-startup-delay"),
        env,
        logs / "worker.log",
    )
    try:
        deadline = time.monotonic() + args.fires * args.every + 40
        runs = JobRun.objects.filter(job=JOB, started_at__isnull=False)
        while runs.count() < args.fires + 1 and time.monotonic() < deadline:
            time.sleep(1)
        # The first fire may be a late catch-up at start: measure on-time fires only.
        delays = [
            (run.started_at - run.scheduled_for).total_seconds()
            for run in runs.filter(trigger="schedule").order_by("scheduled_for")
        ][: args.fires]

        # Now idle: a daily schedule, picked up at the next poll (<= 20 s).
        JobSchedule.objects.filter(name=JOB).update(
            frequency=Frequency.DAILY,
            hour=(timezone.localtime().hour + 12) % 24,
            every=None,
            updated_at=timezone.now(),
        )
        time.sleep(22)
        cpu_before, wall_before = cpu_seconds(scheduler.pid), time.monotonic()
        time.sleep(args.idle_seconds)
        cpu = cpu_seconds(scheduler.pid) - cpu_before
        idle_percent = 100 * cpu / (time.monotonic() - wall_before)
    finally:
        scheduler.stop()
        worker.stop()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    if len(delays) < args.fires:
        sys.stderr.write(f"only {len(delays)} fires measured; see {logs}\n")
        sys.exit(1)
    sys.stdout.write(
        f"scheduler bench: {len(delays)} fires every {args.every} s "
        f"(worker polling every 1 s), total {time.monotonic() - started:.0f} s\n"
        f"  due -> task start in worker: median {statistics.median(delays):.2f} s, "
        f"max {max(delays):.2f} s, min {min(delays):.2f} s\n"
        f"  scheduler idle CPU: {idle_percent:.3f} % of one core "
        f"({cpu:.2f} s CPU over {args.idle_seconds} s; clock tick "
        f"{1 / os.sysconf('SC_CLK_TCK'):.2f} s)\n"
    )


if __name__ == "__main__":
    main()
