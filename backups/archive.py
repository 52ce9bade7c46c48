"""The archive format: a tar file (gzip-compressed unless its payload already
is) whose first member is ``manifest.json``.

The manifest names the site, the kind, the database engine, the applied
migrations, the audit chain's head, and for a database the per-table row counts
and content checksum of the snapshot. The archive's own SHA-256 is kept apart
(``<archive>.sha256`` beside it, and the run's record) and checked before the
archive is opened. Reading never trusts a member: anything but the manifest, the
payload, or regular files and folders under ``media/`` refuses the archive.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media"
CHUNK = 1024 * 1024

Progress = Callable[[int], None]


class ArchiveError(Exception):
    """The archive cannot be trusted; the message is one plain sentence."""


class HashingWriter(io.RawIOBase):
    """Writes through to a file and hashes what passes."""

    def __init__(self, fileobj, progress: Progress | None = None):
        self.fileobj = fileobj
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.progress = progress

    def writable(self):
        return True

    def tell(self):
        return self.size

    def write(self, data):
        self.fileobj.write(data)
        self.sha256.update(data)
        self.size += len(data)
        if self.progress:
            self.progress(self.size)
        return len(data)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_archive(
    path: Path,
    manifest: dict[str, Any],
    members: Iterable[tuple[str, Path]],
    *,
    compress: bool,
    progress: Progress | None = None,
) -> tuple[int, str]:
    """Write the archive to ``path``; (size, sha256) of what was written."""
    data = json.dumps({"format": FORMAT, **manifest}, indent=2, sort_keys=True)
    with open(path, "wb") as raw:
        writer = HashingWriter(raw, progress)
        mode = "w:gz" if compress else "w"
        options = {"compresslevel": 6} if compress else {}
        with tarfile.open(fileobj=writer, mode=mode, **options) as tar:
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data.encode())
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data.encode()))
            for arcname, source in members:
                info = tar.gettarinfo(str(source), arcname=arcname)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(source, "rb") as fh:
                    tar.addfile(info, fh)
        raw.flush()
    return writer.size, writer.sha256.hexdigest()


def read_checksum_file(text: str) -> str:
    """The hash from a ``sha256sum``-style line."""
    value = text.strip().split()[0].lower() if text.strip() else ""
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise ArchiveError("The archive's checksum file is not a SHA-256 checksum.")
    return value


@dataclass
class Unpacked:
    manifest: dict[str, Any]
    payload: Path | None = None  # a database archive's dump
    media_dir: Path | None = None  # a media archive's files


def safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or name.startswith(("/", "\\")) or ".." in path.parts:
        raise ArchiveError(
            f"The archive holds a member that would land outside its folder: {name}."
        )
    return path


def unpack(path: Path, dest: Path) -> Unpacked:
    """Unpack a checked archive into ``dest`` (a scratch folder), refusing
    anything unexpected; raises ArchiveError with the reason."""
    try:
        with tarfile.open(path, "r:*") as tar:
            return _unpack(tar, dest)
    except ArchiveError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as err:
        raise ArchiveError("The archive is truncated or corrupted.") from err


def _unpack(tar: tarfile.TarFile, dest: Path) -> Unpacked:
    first = tar.next()
    if first is None or first.name != MANIFEST or not first.isfile():
        raise ArchiveError("The file is not a backup archive of this site.")
    try:
        manifest = json.load(tar.extractfile(first))
    except ValueError as err:
        raise ArchiveError("The archive's manifest is unreadable.") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("The archive was written in an unknown format.")
    result = Unpacked(manifest)
    if manifest.get("kind") == "database":
        payload_name = manifest.get("payload")
        for member in tar:
            if member.offset == first.offset:
                continue  # iteration starts again at the manifest
            safe_member_path(member.name)
            if member.name != payload_name or not member.isfile():
                raise ArchiveError(
                    f"The archive holds an unexpected member: {member.name}."
                )
            result.payload = dest / PurePosixPath(payload_name).name
            _copy_member(tar, member, result.payload)
        if result.payload is None:
            raise ArchiveError("The archive is truncated or corrupted.")
        if file_sha256(result.payload) != manifest.get("payload_sha256"):
            raise ArchiveError(
                "The database in the archive does not match its manifest."
            )
    elif manifest.get("kind") == "media":
        result.media_dir = dest / MEDIA_PREFIX
        result.media_dir.mkdir()
        count = 0
        for member in tar:
            if member.offset == first.offset:
                continue
            relative = safe_member_path(member.name)
            if relative.parts[:1] != (MEDIA_PREFIX,):
                raise ArchiveError(
                    f"The archive holds a member outside media/: {member.name}."
                )
            if not (member.isfile() or member.isdir()):
                raise ArchiveError(
                    f"The archive holds a link or special file: {member.name}."
                )
            target = dest.joinpath(*relative.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_member(tar, member, target)
            count += 1
        if count != manifest.get("files"):
            raise ArchiveError("The archive is truncated or corrupted.")
    else:
        raise ArchiveError("The archive was written in an unknown format.")
    return result


def _copy_member(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    source = tar.extractfile(member)
    with open(target, "xb") as out:
        shutil.copyfileobj(source, out, CHUNK)
    if target.stat().st_size != member.size:
        raise ArchiveError("The archive is truncated or corrupted.")
