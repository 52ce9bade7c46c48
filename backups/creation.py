"""Taking a backup: snapshot, archive, checksum, store, record, then drill.

Every run leaves a ``Backup`` row, succeeded or failed with the OS's or the
tool's reason. Work happens in a private folder under ``BACKUPS_TMP_DIR`` that
is removed whatever happens, so a full disk leaves no partial file and the
previous archives untouched; nothing is held in memory but a buffer.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.text import slugify

from audit.trail import current_head, record
from backups import conf, encryption, storage
from backups.archive import MEDIA_PREFIX, file_sha256, write_archive
from backups.conf import work_dir
from backups.engines import engine_for
from backups.models import Backup

Progress = Callable[[str, int, int | None], None]

logger = logging.getLogger(__name__)


class BackupFailed(Exception):
    def __init__(self, backup: Backup, message: str):
        super().__init__(message)
        self.backup = backup


def site_slug() -> str:
    return slugify(conf.get("BACKUPS_SITE_ID")) or "site"


def archive_name(kind: str, when, *, compress: bool) -> str:
    stamp = timezone.localtime(when).strftime("%Y%m%d-%H%M%S")
    return f"{site_slug()}-{kind}-{stamp}.tar{'.gz' if compress else ''}"


def actor_of(backup: Backup) -> Any:
    if backup.triggered_by_id:
        return backup.triggered_by
    return f"system:backups.{backup.trigger}"


def create_backup(
    kind: str,
    *,
    trigger: str = "user",
    user=None,
    progress: Progress | None = None,
    drill: bool = True,
) -> Backup:
    """Back up the database or the media now; raises BackupFailed (after
    recording the failure and alerting) if it cannot."""
    backup = Backup.objects.create(
        kind=kind,
        trigger=trigger,
        triggered_by=user if getattr(user, "pk", None) else None,
        started_at=timezone.now(),
    )
    folder = work_dir()
    name = ""
    try:
        backup.audit_head = current_head()
        manifest = {
            "kind": kind,
            "site": conf.get("BACKUPS_SITE_ID"),
            "created_at": backup.started_at.isoformat(),
            "audit_head": backup.audit_head,
        }
        trailer = None
        with ThreadPoolExecutor(1) as pool:
            if kind == Backup.Kind.DATABASE:
                members, compress, trailer = _database_members(
                    folder, manifest, progress, pool
                )
            else:
                members, compress = _media_members(manifest)
            name = archive_name(kind, backup.started_at, compress=compress)
            path = folder / name
            total = manifest.get("payload_size") or manifest.get("bytes")

            def on_write(done: int) -> None:
                if progress:
                    progress("archive", done, total)

            size, sha256 = write_archive(
                path,
                manifest,
                members,
                compress=compress,
                progress=on_write,
                trailer=trailer,
            )
        if encryption.recipient():
            if progress:
                progress("encrypt", 0, None)
            encrypted = path.with_name(path.name + encryption.SUFFIX)
            encryption.encrypt(path, encrypted)
            path.unlink()
            path, name = encrypted, encrypted.name
            size, sha256 = path.stat().st_size, file_sha256(path)
            backup.encrypted = True
        locations = storage.store(path, name, sha256)
        name = locations[0]
    except Exception as err:  # noqa: BLE001 - any failure is recorded and re-raised
        if name:
            try:
                storage.delete(name)
            except OSError:
                # The failure is what matters: record it even when the partial
                # archive cannot be removed (e.g. the location itself is gone).
                logger.exception("Could not remove the partial backup %s.", name)
        _fail(backup, err)
        raise BackupFailed(backup, backup.error) from err
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    with transaction.atomic():
        backup.status = Backup.Status.SUCCEEDED
        backup.finished_at = timezone.now()
        backup.filename = name
        backup.size = size
        backup.sha256 = sha256
        backup.locations = locations
        backup.save()
        record(
            "backups.created",
            actor=actor_of(backup),
            obj=backup,
            details={
                "kind": kind,
                "size": size,
                "sha256": sha256,
                "locations": locations,
                "audit_head": backup.audit_head,
            },
        )
    if drill and kind == Backup.Kind.DATABASE:
        from backups.drill import run_drill

        if progress:
            progress("drill", 0, None)
        run_drill(backup)
    return backup


def _fail(backup: Backup, err: Exception) -> None:
    from backups.alerts import send_failure_alert

    reason = _reason(err)
    with transaction.atomic():
        backup.status = Backup.Status.FAILED
        backup.finished_at = timezone.now()
        backup.error = reason
        backup.save()
        record(
            "backups.failed",
            actor=actor_of(backup),
            obj=backup,
            details={"kind": backup.kind, "error": reason},
        )
    send_failure_alert(backup)


def _reason(err: Exception) -> str:
    if isinstance(err, OSError) and err.strerror:
        # The OS's own reason, e.g. "No space left on device".
        return err.strerror
    if getattr(err, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        # SQLite's "database or disk is full" comes from the OS's ENOSPC.
        return os.strerror(errno.ENOSPC)
    return str(err) or err.__class__.__name__


def _database_members(
    folder: Path, manifest: dict, progress: Progress | None, pool: ThreadPoolExecutor
):
    """The snapshot as the archive's member, and the trailer that adds its
    fingerprint: read in ``pool`` while the archive is written (one pass over
    the data each, side by side, not one after the other)."""
    engine = engine_for()
    payload = folder / engine.payload_name
    if progress:
        progress("snapshot", 0, None)
    snapshot = engine.snapshot(payload)
    fingerprint = pool.submit(snapshot.fingerprint)
    manifest.update(
        engine=engine.vendor,
        payload=engine.payload_name,
        payload_size=payload.stat().st_size,
        migrations=snapshot.migrations,
    )

    def trailer(digests: dict[str, str]) -> dict:
        result = fingerprint.result()
        return {
            "tables": result.tables,
            "content_sha256": result.checksum,
            "payload_sha256": digests[engine.payload_name],
        }

    return [(engine.payload_name, payload)], engine.compress, trailer


def _media_members(manifest: dict):
    root = Path(settings.MEDIA_ROOT)
    members = []
    total = 0
    if root.is_dir():
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for filename in sorted(filenames):
                source = Path(dirpath) / filename
                if source.is_symlink() or not source.is_file():
                    continue  # never follow a link out of MEDIA_ROOT
                relative = source.relative_to(root).as_posix()
                members.append((f"{MEDIA_PREFIX}/{relative}", source))
                total += source.stat().st_size
    manifest.update(files=len(members), bytes=total)
    return members, True


def known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}
