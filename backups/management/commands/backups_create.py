from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from backups.creation import BackupFailed, create_backup
from backups.models import Backup


class Command(BaseCommand):
    help = "Back up the database (then drill the archive) or the media files now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            choices=[*Backup.Kind.values, "all"],
            default=Backup.Kind.DATABASE,
            help="What to back up (default: database).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show progress."
        )

    def handle(self, *args, kind: str, no_progress: bool, **options) -> None:
        kinds = Backup.Kind.values if kind == "all" else [kind]
        failed = []
        for one in kinds:
            try:
                backup = create_backup(
                    one,
                    trigger="command",
                    progress=None if no_progress else self.progress(),
                )
            except BackupFailed as err:
                failed.append(f"The {one} backup failed: {err}.")
                continue
            if one == Backup.Kind.DATABASE and backup.drill_status != "passed":
                failed.append(
                    f"The database backup {backup.filename} failed its restore "
                    f"drill: {backup.drill_error}"
                )
                continue
            drilled = ", drill passed" if one == Backup.Kind.DATABASE else ""
            self.stdout.write(
                f"Backed up {one} to {backup.filename} "
                f"({filesizeformat(backup.size)}, sha256 {backup.sha256}{drilled})."
            )
        if failed:
            raise CommandError(" ".join(failed))

    def progress(self):
        last = {"at": 0.0, "stage": None}

        def report(stage: str, done: int, total: int | None) -> None:
            now = time.monotonic()
            if stage == last["stage"] and now - last["at"] < 1:
                return
            last.update(at=now, stage=stage)
            if total:
                share = min(100, done * 100 // max(total, 1))
                line = f"{stage}: {filesizeformat(done)} ({share} %)"
            else:
                line = f"{stage}…"
            self.stderr.write(line)

        return report
