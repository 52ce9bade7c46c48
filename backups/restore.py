"""Restoring from an archive, refusing anything that could damage the live site.

Order of work (the live data is untouched until step 6):

1. Find the archive (a path, or a name in the archive storage) and the checksum
   kept apart from it (``--sha256``, the run's record, or ``NAME.sha256``).
2. Check the archive's SHA-256: a truncated, corrupted or altered archive stops here.
3. Unpack it into a scratch folder, every member checked (no ``..``, absolute
   path, link or stray file), the dump against the manifest.
4. Check the manifest: this site, this database engine, no migration this code
   does not know (a newer schema).
5. Database: restore into a scratch database and compare its row counts and
   content checksum with the manifest (the drill). Media: already unpacked beside
   MEDIA_ROOT.
6. Take a safety backup of the current state, switch the site to maintenance
   (writes answer 503) and swap the new state in through the database's own
   API (see ``engines``) or, for media, in one rename (see ``swap``).
A refusal raises ``RestoreRefused`` with one sentence; refusals are not written
to the audit trail, because a refused restore must leave the database as it was.
"""

from __future__ import annotations

import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from audit.trail import record
from backups import conf, encryption, maintenance, storage, swap
from backups.archive import (
    ArchiveError,
    Unpacked,
    file_sha256,
    read_checksum_file,
    unpack,
)
from backups.conf import work_dir
from backups.creation import create_backup, known_migrations
from backups.drill import DrillFailed, check_database_archive
from backups.engines import SwapProgress, engine_for
from backups.models import Backup
from cms.pagecache import generation


class RestoreRefused(Exception):
    pass


@dataclass
class Restored:
    kind: str
    archive: str
    safety_backup: Backup | None
    migrated: bool = False


def restore_archive(
    archive: str,
    *,
    sha256: str | None = None,
    user=None,
    check_only: bool = False,
    progress: SwapProgress | None = None,
) -> Restored:
    """Check ``archive`` and, unless ``check_only``, restore it over the live site."""
    folder = work_dir()
    staging = None
    try:
        path, name, known = _locate(archive, folder)
        if sha256:
            known.append(sha256.strip().lower())
        if not known:
            raise RestoreRefused(
                "No checksum is known for this archive: give it with --sha256."
            )
        if len(set(known)) > 1:
            raise RestoreRefused("The archive's recorded checksums disagree.")
        if file_sha256(path) != known[0]:
            raise RestoreRefused(
                "The archive does not match its checksum: it is truncated, "
                "damaged or altered."
            )
        if name.endswith(encryption.SUFFIX):
            plain = folder / "archive.plain"
            try:
                encryption.decrypt(path, plain)
            except encryption.EncryptionError as err:
                raise RestoreRefused(str(err)) from err
            path = plain
        kind = _peek_kind(path, folder)
        if kind == "media":
            root = Path(settings.MEDIA_ROOT)
            root.parent.mkdir(parents=True, exist_ok=True)
            if not swap.can_swap(root):
                raise RestoreRefused(
                    "MEDIA_ROOT is a folder on a filesystem that cannot swap "
                    "folders in one step: make it a symbolic link to a folder "
                    "(see the README) and restore again."
                )
            parent = swap.staging_parent(root)
            staging = parent / f".{root.name}-restore-{secrets.token_hex(4)}"
            staging.mkdir()
            unpacked = _unpack(path, staging)
        else:
            unpacked = _unpack(path, folder)
        _check_manifest(unpacked.manifest)
        if unpacked.payload is not None:
            try:
                check_database_archive(unpacked, folder)
            except DrillFailed as err:
                raise RestoreRefused(f"{err} The archive was refused.") from err
        result = Restored(kind=kind, archive=name, safety_backup=None)
        if check_only:
            return result
        details = {
            "archive": name,
            "archive_created_at": unpacked.manifest.get("created_at"),
            "archive_audit_head": unpacked.manifest.get("audit_head"),
        }
        # Recorded first, so the safety backup holds the event too.
        record(
            "backups.restore_started",
            actor=user or "system:backups.restore",
            obj=("backups.archive", name[:64], name),
            details=details,
        )
        result.safety_backup = create_backup(
            kind, trigger="restore", user=user, drill=False
        )
        details["safety_backup"] = result.safety_backup.filename
        if unpacked.payload is not None:
            result.migrated = _swap_database(
                unpacked, user=user, details=details, progress=progress
            )
        else:
            _swap_media(unpacked.media_dir)
            record(
                "backups.restored",
                actor=user or "system:backups.restore",
                obj=("backups.archive", name[:64], name),
                details=details,
            )
        # Every cached page and fragment shows the content from before the
        # restore, which no save signal announced: forget them all.
        generation.bump()
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def end_maintenance_mode() -> int:
    """After a killed restore: accept writes again and remove the unpacked
    folders it left beside MEDIA_ROOT; how many were removed."""
    maintenance.turn_off()
    folders = swap.leftovers(Path(settings.MEDIA_ROOT))
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return len(folders)


def _locate(archive: str, folder: Path) -> tuple[Path, str, list[str]]:
    known = []
    local = Path(archive)
    if local.is_file():
        name = local.name
        sidecar = local.with_name(f"{local.name}.sha256")
        if sidecar.is_file():
            known.append(_checksum(sidecar.read_text(errors="replace")))
        path = local
    elif storage.exists(archive):
        name = archive
        text = storage.stored_checksum(archive)
        if text is not None:
            known.append(_checksum(text))
        path = folder / "archive"
        storage.fetch(archive, path)
    else:
        raise RestoreRefused(f"No archive named {archive} was found.")
    recorded = (
        Backup.objects.filter(filename=name, status=Backup.Status.SUCCEEDED)
        .exclude(sha256="")
        .values_list("sha256", flat=True)
        .first()
    )
    if recorded:
        known.append(recorded)
    return path, name, known


def _checksum(text: str) -> str:
    try:
        return read_checksum_file(text)
    except ArchiveError as err:
        raise RestoreRefused(str(err)) from err


def _peek_kind(path: Path, folder: Path) -> str:
    import json
    import tarfile

    try:
        with tarfile.open(path, "r:*") as tar:
            first = tar.next()
            if first is None or first.name != "manifest.json" or not first.isfile():
                raise RestoreRefused("The file is not a backup archive of this site.")
            kind = json.load(tar.extractfile(first)).get("kind")
    except RestoreRefused:
        raise
    except Exception as err:  # noqa: BLE001 - any unreadable archive is refused
        raise RestoreRefused("The archive is truncated or corrupted.") from err
    if kind not in (Backup.Kind.DATABASE, Backup.Kind.MEDIA):
        raise RestoreRefused("The archive was written in an unknown format.")
    return kind


def _unpack(path: Path, dest: Path) -> Unpacked:
    try:
        return unpack(path, dest)
    except ArchiveError as err:
        raise RestoreRefused(str(err)) from err


def _check_manifest(manifest: dict) -> None:
    site = conf.get("BACKUPS_SITE_ID")
    if manifest.get("site") != site:
        raise RestoreRefused(
            f"The archive comes from another site ({manifest.get('site')}), not {site}."
        )
    if manifest.get("kind") == "database":
        vendor = engine_for().vendor
        if manifest.get("engine") != vendor:
            raise RestoreRefused(
                f"The archive holds a {manifest.get('engine')} database but this "
                f"site runs {vendor}."
            )
        unknown = [
            m for m in manifest.get("migrations", []) if m not in known_migrations()
        ]
        if unknown:
            raise RestoreRefused(
                "The archive comes from a newer version of the site (migration "
                f"{unknown[0]} is unknown here): upgrade the code first."
            )


def _swap_database(
    unpacked: Unpacked, *, user, details: dict, progress: SwapProgress | None
) -> bool:
    # The list of backups lives in the database too: keep the runs the restored
    # state does not know (later backups, the safety backup just taken).
    runs = list(Backup.objects.values())
    user_id = getattr(user, "pk", None)
    engine = engine_for()
    with maintenance.maintenance():
        engine.swap_in(unpacked.payload, progress)
    from django.contrib.auth import get_user_model

    present = set(Backup.objects.values_list("filename", flat=True))
    users = set(get_user_model().objects.values_list("pk", flat=True))
    missing = []
    for run in runs:
        if run["filename"] and run["filename"] in present:
            continue
        run.pop("id")
        if run["triggered_by_id"] not in users:
            run["triggered_by_id"] = None
        missing.append(Backup(**run))
    with transaction.atomic():
        Backup.objects.bulk_create(missing)
        record(
            "backups.restored",
            actor=user if user_id in users else "system:backups.restore",
            obj=("backups.archive", details["archive"][:64], details["archive"]),
            details=details,
        )
    applied = set(unpacked.manifest.get("migrations", []))
    if known_migrations() - applied:
        call_command("migrate", interactive=False, verbosity=0)
        return True
    return False


def _swap_media(new_media: Path) -> None:
    # One step (see backups.swap): killed at any moment, MEDIA_ROOT holds the
    # old files or the new ones, whole.
    with maintenance.maintenance():
        swap.swap_in(new_media, Path(settings.MEDIA_ROOT))
