from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from backups.restore import RestoreRefused, end_maintenance_mode, restore_archive


class Command(BaseCommand):
    help = (
        "Restore the database or the media from an archive (a path, or a name in "
        "the backup storage), after checking it; the current state is backed up "
        "first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="Archive path or name.")
        parser.add_argument(
            "--sha256",
            help="The archive's expected SHA-256, when no checksum file or "
            "record is at hand.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only check the archive (checksum, members, manifest, scratch "
            "restore); change nothing.",
        )
        parser.add_argument(
            "--end-maintenance",
            action="store_true",
            help="Remove the maintenance flag a killed restore left behind.",
        )

    def handle(self, *args, archive, sha256, check, end_maintenance, **options):
        if end_maintenance:
            removed = end_maintenance_mode()
            extra = (
                f" (removed {removed} folder(s) a killed restore left)"
                if removed
                else ""
            )
            self.stdout.write(
                f"Maintenance mode is off: the site accepts writes{extra}."
            )
            return
        if not archive:
            raise CommandError("Name the archive to restore.")
        try:
            result = restore_archive(
                archive, sha256=sha256, check_only=check, progress=self.progress
            )
        except RestoreRefused as err:
            raise CommandError(str(err)) from err
        except OSError as err:
            raise CommandError(f"The restore failed: {err.strerror or err}.") from err
        if check:
            self.stdout.write(f"The {result.kind} archive {archive} is sound.")
            return
        migrated = " and migrated the schema" if result.migrated else ""
        self.stdout.write(
            f"Restored the {result.kind} from {result.archive}{migrated}; the state "
            f"before is in {result.safety_backup.filename}."
        )

    def progress(self, status: int, remaining: int, total: int) -> None:
        if total and (remaining % 2560 == 0 or remaining == 0):
            done = (total - remaining) * 100 // total
            self.stderr.write(f"restore: {done} %")
