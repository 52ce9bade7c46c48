"""The restore drill: prove a database backup by restoring it.

1. Copy the archive out of the storage and check its SHA-256 against the one
   recorded when it was written.
2. Unpack it (every member checked) and check the dump against the manifest.
3. Restore the dump into a scratch database (a scratch SQLite file through the
   backup API; a scratch PostgreSQL database through pg_restore), exactly as a
   real restore would, and compare its per-table row counts and content
   checksum with those of the snapshot, recorded in the manifest.
Pass or fail is recorded on the run and in the audit trail; a failure mails
the officers.
"""

from __future__ import annotations

import shutil
import time

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from backups import encryption, storage
from backups.archive import ArchiveError, file_sha256, unpack
from backups.conf import work_dir
from backups.encryption import EncryptionError
from backups.engines import EngineError, Fingerprint, engine_for
from backups.models import Backup


class DrillFailed(Exception):
    pass


def check_database_archive(unpacked, folder) -> Fingerprint:
    """Restore an unpacked database archive into scratch and compare it with
    its manifest; raises DrillFailed with the reason."""
    manifest = unpacked.manifest
    engine = engine_for()
    if manifest.get("engine") != engine.vendor:
        raise DrillFailed(
            f"The archive holds a {manifest.get('engine')} database, "
            f"this site runs {engine.vendor}."
        )
    try:
        restored = engine.check_scratch(unpacked.payload, folder)
    except EngineError as err:
        raise DrillFailed(str(err)) from err
    expected = Fingerprint(manifest.get("tables") or {}, manifest.get("content_sha256"))
    differing = expected.differences(restored)
    if differing:
        raise DrillFailed(
            "Row counts differ from the snapshot in: " + ", ".join(differing[:5]) + "."
        )
    if restored.checksum != expected.checksum:
        raise DrillFailed("The restored content differs from the snapshot.")
    return restored


def run_drill(backup: Backup) -> bool:
    """Drill ``backup`` now; records and returns whether it passed."""
    from backups.alerts import send_failure_alert

    started = time.monotonic()
    folder = work_dir()
    error = ""
    tables = 0
    try:
        path = folder / "archive"
        storage.fetch(backup.filename, path)
        if file_sha256(path) != backup.sha256:
            raise DrillFailed("The stored archive does not match its checksum.")
        if backup.filename.endswith(encryption.SUFFIX):
            plain = folder / "archive.plain"
            encryption.decrypt(path, plain)
            path.unlink()
            path = plain
        unpacked = unpack(path, folder)
        path.unlink()
        tables = len(check_database_archive(unpacked, folder).tables)
    except (DrillFailed, ArchiveError, EncryptionError, OSError) as err:
        error = str(err)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    with transaction.atomic():
        backup.drill_status = Backup.Drill.FAILED if error else Backup.Drill.PASSED
        backup.drill_at = timezone.now()
        backup.drill_seconds = time.monotonic() - started
        backup.drill_error = error
        backup.save(
            update_fields=["drill_status", "drill_at", "drill_seconds", "drill_error"]
        )
        record(
            "backups.drill_failed" if error else "backups.drill_passed",
            actor="system:backups.drill",
            obj=backup,
            details={"error": error} if error else {"tables": tables},
        )
    if error:
        send_failure_alert(backup)
    return not error
