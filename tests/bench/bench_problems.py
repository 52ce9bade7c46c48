"""Benchmark: what the trail's ``event_recorded`` signal costs each append.

    .venv/bin/python -m tests.bench.bench_problems [--events 2000]

On a scratch SQLite database under /tmp (migrated on first use), appends
``--events`` events one transaction each, three rounds alternating: with the
problems receiver connected and with no receiver. The action recorded is one
the receiver does not ask for, so both rounds should skip the on-commit
callback and the ratio stay near 1. Prints appends per second side by side and
the ratio.
Not part of the pytest suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

DB = Path("/tmp/bench-problems/db.sqlite3")  # noqa: S108 (a scratch file)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    DB.parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from audit.models import Event
    from audit.problems.signal_handlers import register_signal_handlers
    from audit.signals import event_recorded
    from audit.trail import record

    def run(n: int) -> float:
        start = time.perf_counter()
        for number in range(n):
            record("audit.verified", actor="system:bench", details={"n": number})
        return n / (time.perf_counter() - start)

    rates = {"with receiver": [], "no receiver": []}
    for _round in range(3):
        rates["with receiver"].append(run(args.events))
        event_recorded.disconnect(sender=Event, dispatch_uid="problems_event_recorded")
        rates["no receiver"].append(run(args.events))
        register_signal_handlers()
    best = {name: max(values) for name, values in rates.items()}
    say(f"appends/s over {args.events} events, best of 3:")
    for name, value in best.items():
        say(f"  {name:14} {value:8.0f}")
    say(f"  ratio          {best['with receiver'] / best['no receiver']:8.2f}")


if __name__ == "__main__":
    main()
