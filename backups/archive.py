"""The archive format: a tar file (gzip-compressed unless its payload already
is) whose first member is ``manifest.json``.

The manifest names the site, the kind, the database engine, the applied
migrations and the audit chain's head: everything a restore checks before it
reads further. A database archive ends with ``fingerprint.json``: the per-table
row counts and content checksum of the snapshot and the dump's SHA-256. It comes
last so that it is computed while the dump is being compressed, from the same
snapshot, instead of before it.
The archive's own SHA-256 is kept apart (``<archive>.sha256`` beside it, and the
run's record) and checked before the archive is opened. Reading never trusts a
member: anything but the manifest, the payload, the fingerprint, or regular
files and folders under ``media/`` refuses the archive.
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

# 2: the fingerprint moved from the manifest to the last member, its checksum
# computed another way. Archives of format 1 were never released.
FORMAT = 2
MANIFEST = "manifest.json"
FINGERPRINT = "fingerprint.json"
FINGERPRINT_KEYS = ("tables", "content_sha256", "payload_sha256")
MEDIA_PREFIX = "media"
CHUNK = 1024 * 1024

Progress = Callable[[int], None]
# Given the SHA-256 of each member, returns what goes into fingerprint.json.
Trailer = Callable[[dict[str, str]], dict[str, Any]]


class ArchiveError(Exception):
    """The archive cannot be trusted; the message is one plain sentence."""


class HashingWriter(io.RawIOBase):
    """Writes through to a file and hashes what passes."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def tell(self):
        return self.size

    def write(self, data):
        self.fileobj.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


class HashingReader:
    """Reads from a file and hashes what passes (one pass, not two)."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.sha256.update(data)
        return data


class CountingReader:
    """Reports how many bytes of the members have been read so far."""

    def __init__(self, fileobj, done: int, progress: Progress):
        self.fileobj = fileobj
        self.done = done
        self.progress = progress

    def read(self, size=-1):
        data = self.fileobj.read(size)
        self.done += len(data)
        self.progress(self.done)
        return data


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
    trailer: Trailer | None = None,
) -> tuple[int, str]:
    """Write the archive to ``path``; (size, sha256) of what was written.

    With ``trailer``, each member is hashed as it is written and the trailer's
    answer goes last, as ``fingerprint.json``.
    """
    with open(path, "wb") as raw:
        writer = HashingWriter(raw)
        mode = "w:gz" if compress else "w"
        # Megabyte chunks: a few dozen compress() calls, each releasing the GIL
        # for long enough that the fingerprint's thread really runs beside it.
        options = {"compresslevel": 6} if compress else {}
        with tarfile.open(
            fileobj=writer, mode=mode, copybufsize=CHUNK, **options
        ) as tar:
            _add_json(tar, MANIFEST, {"format": FORMAT, **manifest})
            digests = {}
            done = 0  # bytes of the members read: progress against their total
            for arcname, source in members:
                info = tar.gettarinfo(str(source), arcname=arcname)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(source, "rb") as fh:
                    hasher = HashingReader(fh) if trailer else None
                    reader = hasher or fh
                    if progress:
                        reader = CountingReader(reader, done, progress)
                    tar.addfile(info, reader)
                    done += info.size
                if hasher:
                    digests[arcname] = hasher.sha256.hexdigest()
            if trailer:
                _add_json(tar, FINGERPRINT, trailer(digests))
        raw.flush()
    return writer.size, writer.sha256.hexdigest()


def _add_json(tar: tarfile.TarFile, name: str, content: dict[str, Any]) -> None:
    data = json.dumps(content, indent=2, sort_keys=True).encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


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
        _unpack_database(tar, first, dest, result)
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


def _unpack_database(tar, first, dest: Path, result: Unpacked) -> None:
    manifest = result.manifest
    payload_name = manifest.get("payload")
    payload_sha256 = fingerprint = None
    for member in tar:
        if member.offset == first.offset:
            continue  # iteration starts again at the manifest
        safe_member_path(member.name)
        if (
            member.name == FINGERPRINT
            and member.isfile()
            and result.payload is not None
            and fingerprint is None
        ):
            try:
                fingerprint = json.load(tar.extractfile(member))
            except ValueError as err:
                raise ArchiveError("The archive's fingerprint is unreadable.") from err
            if not isinstance(fingerprint, dict):
                raise ArchiveError("The archive's fingerprint is unreadable.")
            continue
        if member.name != payload_name or not member.isfile() or result.payload:
            raise ArchiveError(
                f"The archive holds an unexpected member: {member.name}."
            )
        result.payload = dest / PurePosixPath(payload_name).name
        payload_sha256 = _copy_member(tar, member, result.payload, digest=True)
    if result.payload is None or fingerprint is None:
        raise ArchiveError("The archive is truncated or corrupted.")
    manifest.update({key: fingerprint.get(key) for key in FINGERPRINT_KEYS})
    if payload_sha256 != manifest.get("payload_sha256"):
        raise ArchiveError("The database in the archive does not match its manifest.")


def _copy_member(
    tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, *, digest=False
) -> str:
    """Extract ``member`` to ``target``; with ``digest``, the SHA-256 of what
    was written (hashed on the way, not read again)."""
    source = tar.extractfile(member)
    if digest:
        source = HashingReader(source)
    with open(target, "xb") as out:
        shutil.copyfileobj(source, out, CHUNK)
    if target.stat().st_size != member.size:
        raise ArchiveError("The archive is truncated or corrupted.")
    return source.sha256.hexdigest() if digest else ""
