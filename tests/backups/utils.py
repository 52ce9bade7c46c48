"""A private archive folder, scratch folder and MEDIA_ROOT for each backups test."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import override_settings

from backups import storage
from backups.engines import engine_for


class BackupFolders:
    """Mixin: every test gets its own archive storage, scratch and media folders."""

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="backups-test-", dir=settings.VAR_DIR))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.archives = self.tmp / "archives"
        self.media = self.tmp / "media"
        self.media.mkdir()
        overrides = override_settings(
            STORAGES={
                **settings.STORAGES,
                "dbbackup": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(self.archives)},
                },
            },
            MEDIA_ROOT=str(self.media),
            BACKUPS_MAINTENANCE_FLAG=self.tmp / "maintenance.flag",
        )
        overrides.enable()
        self.addCleanup(overrides.disable)

    def archive_path(self, backup) -> Path:
        return Path(storage.archive_storage().path(backup.filename))


def live_state() -> str:
    """A checksum of everything the live database holds."""
    return engine_for().live_fingerprint().checksum


def write_pairs(start: int, count: int) -> None:
    """Groups written two at a time, in one transaction: a consistent copy has
    as many "-a" as "-b"."""
    for n in range(start, start + count):
        with transaction.atomic():
            Group.objects.create(name=f"pair-{n}-a")
            Group.objects.create(name=f"pair-{n}-b")


def pad_database(megabytes: int) -> None:
    """Make the database bigger (a blob table outside Django's models)."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS test_padding (data TEXT)")
        for _ in range(megabytes * 16):
            # Varied text, so compression cannot shrink it to nothing.
            cursor.execute(
                "INSERT INTO test_padding (data) VALUES (%s)",
                [os.urandom(48 * 1024).hex()[: 64 * 1024]],
            )


def drop_padding() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS test_padding")


def sqlite_integrity(path: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
