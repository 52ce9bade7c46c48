"""Putting restored media in MEDIA_ROOT's place in one step.

A restore killed at any moment leaves MEDIA_ROOT all-old or all-new, never
missing or half-filled (two renames, old out then new in, would leave no
MEDIA_ROOT at all between them):

1. MEDIA_ROOT a plain folder (a fresh install): Linux's ``renameat2()`` with
   ``RENAME_EXCHANGE`` swaps it with the unpacked folder beside it in one
   system call; the old files are then at the unpacked folder's name, and
   deleted. No layout to set up; works on ext4, XFS, Btrfs and tmpfs.
2. MEDIA_ROOT a symbolic link to a folder (a deployment's choice, e.g. media on
   another disk; or a system without ``RENAME_EXCHANGE``): the archive is
   unpacked beside the link's target, and a new link to it replaces the old
   link with ``os.replace`` (``rename()``, atomic by POSIX). The old target is
   then deleted; the new one is named ``<link name>-<time>``.
A plain folder on a filesystem that cannot exchange is refused before anything
changes (``can_swap``): make MEDIA_ROOT a link and restore again.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
from pathlib import Path

from django.utils import timezone

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> None:
    """Swap two existing paths (folders or links) in one step; OSError if the
    system or filesystem cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    if renameat2(
        AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE
    ):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))


def staging_parent(root: Path) -> Path:
    """Where the archive is unpacked: on the same filesystem as what it replaces."""
    if root.is_symlink():
        return Path(os.path.realpath(root)).parent
    return root.parent


def leftovers(root: Path) -> list[Path]:
    """Unpacked folders a killed restore left beside MEDIA_ROOT (old or unused
    files, never the live ones)."""
    return sorted(staging_parent(root).glob(f".{root.name}-restore-*"))


def can_swap(root: Path) -> bool:
    if root.is_symlink() or not root.exists():
        return True
    # A probe with two empty folders: nothing else is touched.
    probe = root.parent / f".{root.name}-probe-{secrets.token_hex(4)}"
    first, second = (
        probe.with_name(probe.name + "-a"),
        probe.with_name(probe.name + "-b"),
    )
    try:
        first.mkdir()
        second.mkdir()
        exchange(first, second)
        return True
    except OSError:
        return False
    finally:
        for folder in (first, second):
            shutil.rmtree(folder, ignore_errors=True)


def swap_in(new: Path, root: Path) -> None:
    """Put the folder ``new`` (made in ``staging_parent(root)``) in ``root``'s
    place in one step, then delete the old files."""
    if root.is_symlink():
        old = Path(os.path.realpath(root))
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        final = old.parent / f"{root.name}-{stamp}-{secrets.token_hex(2)}"
        os.rename(new, final)  # not live yet: MEDIA_ROOT still names the old
        link = root.with_name(f".{root.name}-link-{secrets.token_hex(4)}")
        os.symlink(final, link)
        try:
            os.replace(link, root)  # the one step
        except OSError:
            link.unlink()
            os.rename(final, new)
            raise
        shutil.rmtree(old, ignore_errors=True)
    elif not root.exists():
        os.rename(new, root)
    else:
        exchange(new, root)  # the one step
        shutil.rmtree(new, ignore_errors=True)  # now the old files
