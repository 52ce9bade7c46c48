from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.test import TestCase, override_settings

from audit.models import Event
from backups.models import Backup
from backups.retention import prune

from .utils import BackupFolders

WIB = ZoneInfo("Asia/Jakarta")


def nightly(day: date, **fields) -> Backup:
    fields.setdefault("drill_status", "passed")
    return Backup.objects.create(
        kind="database",
        trigger="schedule",
        status="succeeded",
        started_at=datetime.combine(day, time(2, 0), WIB),
        filename=f"db-{day:%Y%m%d}.tar.gz",
        sha256="0" * 64,
        **fields,
    )


def kept_days() -> list[str]:
    return sorted(
        b.started_at.astimezone(WIB).strftime("%m-%d")
        for b in Backup.objects.filter(pruned_at__isnull=True)
    )


class RetentionTests(BackupFolders, TestCase):
    def test_it_keeps_seven_daily_four_weekly_and_twelve_monthly(self):
        day = date(2026, 1, 1)
        while day <= date(2026, 11, 25):
            nightly(day)
            day += timedelta(days=1)

        pruned = prune()

        expected = [
            # Months' newest (Jan ... Oct; November's is the 25th).
            "01-31", "02-28", "03-31", "04-30", "05-31", "06-30",
            "07-31", "08-31", "09-30", "10-31",
            # ISO weeks 45 and 46 (weeks 47 and 48 are inside the last 7 days).
            "11-08", "11-15",
            # The last seven days.
            "11-19", "11-20", "11-21", "11-22", "11-23", "11-24", "11-25",
        ]  # fmt: skip
        self.assertEqual(kept_days(), expected)
        self.assertEqual(len(pruned), 329 - len(expected))
        self.assertEqual(
            Event.objects.filter(action="backups.pruned").count(), len(pruned)
        )

    @override_settings(
        BACKUPS_KEEP_DAILY=0, BACKUPS_KEEP_WEEKLY=0, BACKUPS_KEEP_MONTHLY=0
    )
    def test_it_never_prunes_the_newest_verified_backup(self):
        nightly(date(2024, 1, 1))
        verified = nightly(date(2024, 6, 1))
        for day in (1, 2, 3):
            nightly(date(2026, 11, day), drill_status="failed")

        prune()

        self.assertEqual(
            list(Backup.objects.filter(pruned_at__isnull=True)), [verified]
        )
