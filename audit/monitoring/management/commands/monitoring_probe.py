from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit.monitoring.availability import run_probes


class Command(BaseCommand):
    help = "Probe the public website's key URLs once, as the periodic job does."

    def handle(self, *args, **options) -> None:
        summary = run_probes()
        if summary is None:
            raise CommandError("Another probe run is still going on; nothing was done.")
        run = summary.run
        self.stdout.write(
            f"{run.get_outcome_display()}: {run.urls_checked - run.urls_failed} of "
            f"{run.urls_checked} URLs answered, slowest {run.latency_ms or '-'} ms."
        )
        if summary.opened:
            self.stdout.write("An outage was opened and the officers were mailed.")
        if summary.closed:
            self.stdout.write(
                "The open outage was closed and the officers were mailed."
            )
