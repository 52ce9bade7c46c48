"""Maintenance mode during a restore: while the flag file exists, the site
answers every write (any method but GET, HEAD, OPTIONS) with 503.

A file, not a cache key, so every process on the machine sees it with one
``stat()`` and it survives a crash: a restore killed half-way leaves the site
refusing writes until an officer checks it and runs
``manage.py backups_restore --end-maintenance``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from backups import conf


def flag_path() -> Path:
    return Path(conf.get("BACKUPS_MAINTENANCE_FLAG"))


def is_on() -> bool:
    return flag_path().exists()


def turn_on(reason: str = "restore") -> None:
    path = flag_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{reason} pid={os.getpid()}\n")


def turn_off() -> None:
    flag_path().unlink(missing_ok=True)


@contextmanager
def maintenance(reason: str = "restore"):
    turn_on(reason)
    try:
        yield
    finally:
        turn_off()
