"""Where archives live: Django's ``storages["dbbackup"]`` (django-dbbackup's
storage setting, so an S3-compatible bucket works by configuration), plus an
optional second folder (``BACKUPS_SECOND_LOCATION``, e.g. an external disk).

Each archive ``NAME`` has its checksum beside it in ``NAME.sha256``
(``sha256sum`` format), kept apart from the archive itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from backups import conf
from backups.archive import CHUNK


def archive_storage():
    return storages["dbbackup"]


class _LocalFile(File):
    # FileSystemStorage moves a file that has a temporary path instead of
    # copying it: the finished archive is renamed into place, not rewritten.
    def temporary_file_path(self):
        return self.file.name


def store(path: Path, name: str, sha256: str) -> list[str]:
    """Save the archive and its checksum; returns where it went."""
    storage = archive_storage()
    with open(path, "rb") as fh:
        name = storage.save(name, _LocalFile(fh, name=name))
    try:
        storage.save(f"{name}.sha256", ContentFile(f"{sha256}  {name}\n".encode()))
    except Exception:
        storage.delete(name)
        raise
    locations = [name]
    second = conf.get("BACKUPS_SECOND_LOCATION")
    if second:
        folder = Path(second)
        target = folder / name
        try:
            with storage.open(name, "rb") as src, open(target, "xb") as out:
                shutil.copyfileobj(src, out, CHUNK)
            (folder / f"{name}.sha256").write_text(f"{sha256}  {name}\n")
        except OSError:
            target.unlink(missing_ok=True)
            (folder / f"{name}.sha256").unlink(missing_ok=True)
            raise
        locations.append(str(target))
    return locations


def delete(name: str) -> None:
    storage = archive_storage()
    for item in (name, f"{name}.sha256"):
        if storage.exists(item):
            storage.delete(item)
    second = conf.get("BACKUPS_SECOND_LOCATION")
    if second:
        for item in (name, f"{name}.sha256"):
            (Path(second) / item).unlink(missing_ok=True)


def stored_checksum(name: str) -> str | None:
    storage = archive_storage()
    if not storage.exists(f"{name}.sha256"):
        return None
    with storage.open(f"{name}.sha256", "rb") as fh:
        return fh.read(1000).decode(errors="replace")


def fetch(name: str, dest: Path) -> None:
    """Copy an archive out of the storage into a local file."""
    with archive_storage().open(name, "rb") as src, open(dest, "xb") as out:
        shutil.copyfileobj(src, out, CHUNK)


def exists(name: str) -> bool:
    try:
        return archive_storage().exists(name)
    except SuspiciousFileOperation:  # a path outside the storage: not an archive name
        return False
