from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.reports import periods
from audit.reports.building import build_report
from audit.reports.models import Report


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as err:
        raise CommandError(
            f"“{value}” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01."
        ) from err


class Command(BaseCommand):
    help = (
        "Build and store the SOP report (Laporan Pengelolaan Website) for a month "
        "or a period, and print where its PDF is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period", metavar="YYYY-MM", help="A calendar month, e.g. 2026-11."
        )
        parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
        parser.add_argument(
            "--lang", choices=["id", "en"], default="id", help="Report language."
        )
        parser.add_argument(
            "--mail", action="store_true", help="Also mail it to the supervisor."
        )

    def handle(self, *args, period, start, end, lang, mail, **options):
        if period and (start or end):
            raise CommandError("Give either --period or --from and --to, not both.")
        try:
            if period:
                chosen, kind = periods.month(period), Report.Kind.MONTHLY
            elif start and end:
                chosen = periods.between(_date(start), _date(end))
                kind = Report.Kind.CUSTOM
            else:
                raise CommandError("Give --period YYYY-MM, or --from and --to.")
        except ValueError as err:
            raise CommandError(str(err)) from err
        report = build_report(
            chosen, kind=kind, language=lang, actor="system:sop_report", mail=mail
        )
        try:
            where = report.pdf.path
        except NotImplementedError:  # remote storage (S3): its name there
            where = report.pdf.name
        self.stdout.write(where)
