"""Check a deployment and say in plain sentences what is wrong."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cms.deployment import run_checks


class Command(BaseCommand):
    help = (
        "Check this deployment: production settings, check --deploy, migrations, "
        "collected static files, media and backup folders (writable, and not "
        "served when --url is given), worker, scheduler and mail. Prints one "
        "sentence per finding and exits 1 if anything is wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url",
            type=str,
            default=None,
            help=(
                "The site's public address, e.g. https://bkp.example.go.id: also "
                "probe through the web server that media and backups are not served."
            ),
        )
        parser.add_argument(
            "--insecure",
            action="store_true",
            help="Accept a self-signed certificate at --url (a test server).",
        )
        parser.add_argument(
            "--worker-wait",
            type=float,
            default=30,
            help="Seconds to wait for a worker to run a test task (0: do not try).",
        )

    def handle(
        self, *args, url: str | None, insecure: bool, worker_wait: float, **options
    ) -> None:
        reports = run_checks(url=url, insecure=insecure, worker_wait=worker_wait)
        problems = 0
        for report in reports:
            for sentence in report.fine:
                self.stdout.write(f"OK    {sentence}")
            for sentence in report.problems:
                self.stdout.write(f"FIX   {sentence}")
            problems += len(report.problems)
        if problems:
            raise CommandError(
                f"The deployment has {problems} problem(s) to fix, listed above."
            )
        self.stdout.write("The deployment is sound.")
