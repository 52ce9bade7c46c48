"""Run the periodic-job scheduler until SIGTERM or SIGINT."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.scheduler import conf
from cms.scheduler.loop import Scheduler, default_holder_id


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Run the scheduler that enqueues periodic jobs at their due time (the task "
        "worker runs them). Any number may run: a database lease lets one fire "
        "while the others stand by. Stops cleanly on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lease-seconds",
            type=positive_float,
            default=None,
            help="How long the lease lasts without renewal; a standby takes over "
            "this long after the active scheduler dies "
            "(default: SCHEDULER_LEASE_SECONDS, 60).",
        )
        parser.add_argument(
            "--poll-seconds",
            type=positive_float,
            default=None,
            help="How often to look for edited schedules, at most "
            "(default: SCHEDULER_POLL_SECONDS, 30).",
        )
        parser.add_argument(
            "--holder-id",
            default=None,
            help="Name of this scheduler in the lease (default: host:pid:random).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Take the lease if free, catch up missed jobs, release it and exit.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lease_seconds = options["lease_seconds"] or conf.lease_seconds()
        poll_seconds = options["poll_seconds"] or conf.poll_seconds()
        if lease_seconds < 1:
            raise CommandError("The lease must last at least one second.")
        scheduler = Scheduler(
            holder=options["holder_id"] or default_holder_id(),
            lease_seconds=lease_seconds,
            poll_seconds=poll_seconds,
            report=self._report,
        )
        if options["once"]:
            try:
                scheduler.tick()
            finally:
                scheduler.shutdown()
            return

        def stop(signum: int, frame: Any) -> None:
            scheduler.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        scheduler.run_forever()

    def _report(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
