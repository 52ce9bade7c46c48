"""Database snapshots, scratch restores and the swap into the live database.

Design constraints:

1. A snapshot is consistent while editors write. SQLite: one step of the online
   backup API (``sqlite3.Connection.backup``) into a file: never a copy of the
   live file. PostgreSQL: a REPEATABLE READ transaction exports its snapshot;
   ``pg_dump --snapshot`` dumps exactly that state and the row counts and
   checksum are read inside the same transaction.
2. Nothing holds the database in memory: the snapshot streams to a file
   (django-dbbackup's SQLite dump spools the whole database into memory).
   The row counts and checksum are read beside the slow part, not after it:
   SQLite's from the snapshot file, in a thread, while the archive compresses
   it; PostgreSQL's on the server while ``pg_dump`` runs.
3. The live database is only ever written by ``swap_in``, after every check has
   passed, in one transaction of the database's own: SQLite's backup API into
   the live file (WAL kept, never a file overwrite); ``pg_restore
   --single-transaction``. Killed half-way, either leaves all-old or all-new.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections

# Rows per batch of the content checksum, and the serialisation it hashes
# (fixed: a checksum written today must be computed the same way at restore).
FINGERPRINT_BATCH = 200
FINGERPRINT_PICKLE = 4
# Pages copied per step when a restore reports progress.
SWAP_PAGES = 256
# progress(status, pages_remaining, pages_total), as sqlite3's backup() calls it.
SwapProgress = Callable[[int, int, int], None]


class EngineError(Exception):
    """The database refused or failed an operation; the message says why."""


@dataclass
class Fingerprint:
    tables: dict[str, int]
    checksum: str

    def differences(self, other: Fingerprint) -> list[str]:
        names = sorted(set(self.tables) | set(other.tables))
        diff = [n for n in names if self.tables.get(n) != other.tables.get(n)]
        return diff


@dataclass
class Snapshot:
    migrations: list[str]
    # Row counts and checksum of the snapshot; may be called from another
    # thread while the snapshot file is being archived.
    fingerprint: Callable[[], Fingerprint]


def engine_for(alias: str = "default") -> SqliteEngine | PostgresEngine:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return SqliteEngine(alias)
    if vendor == "postgresql":
        return PostgresEngine(alias)
    raise EngineError(f"Backups support SQLite and PostgreSQL, not {vendor}.")


class SqliteEngine:
    vendor = "sqlite"
    payload_name = "database.sqlite3"
    compress = True

    def __init__(self, alias: str = "default"):
        self.alias = alias

    @property
    def live_path(self) -> str:
        return str(connections[self.alias].settings_dict["NAME"])

    def snapshot(self, dest: Path) -> Snapshot:
        src = sqlite3.connect(self.live_path, timeout=30)
        dst = sqlite3.connect(dest)
        try:
            # One step (pages=-1): a multi-step copy restarts whenever another
            # connection writes, and might never finish on a busy site.
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            migrations = sqlite_migrations(dst)
        finally:
            dst.close()
            src.close()
        # The snapshot is a file nobody else writes: its fingerprint can be
        # read from it whenever, by a connection of its own.
        return Snapshot(migrations, lambda: sqlite_file_fingerprint(dest))

    def check_scratch(self, payload: Path, scratch_dir: Path) -> Fingerprint:
        """Restore ``payload`` into a fresh scratch database the way ``swap_in``
        restores the live one, check it and return what it holds."""
        target = scratch_dir / "scratch.sqlite3"
        src = sqlite3.connect(f"file:{payload}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA journal_mode=WAL")
            src.backup(dst)
            # The full integrity check (every page, every index against its
            # table) runs on a second connection beside the fingerprint: SQLite
            # releases the GIL for it, so the drill costs the longer of the two.
            with ThreadPoolExecutor(1) as pool:
                integrity = pool.submit(sqlite_integrity_check, target)
                fingerprint = sqlite_fingerprint(dst)
                if integrity.result() != [("ok",)]:
                    raise EngineError("The database in the archive is damaged.")
            return fingerprint
        except sqlite3.DatabaseError as err:
            raise EngineError("The database in the archive is damaged.") from err
        finally:
            dst.close()
            src.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)

    def drop_scratch(self) -> None:
        """Nothing to drop: the scratch file goes with the drill's folder."""

    def swap_in(self, payload: Path, progress: SwapProgress | None = None) -> None:
        connections[self.alias].close()
        src = sqlite3.connect(f"file:{payload}?mode=ro", uri=True)
        dst = sqlite3.connect(self.live_path, timeout=60)
        try:
            # The whole copy is one write transaction on the live database,
            # held from the first step to the last: other connections see the
            # old state until it commits. (Steps only restart when the *source*
            # changes, and nothing writes the scratch payload.)
            src.backup(dst, pages=SWAP_PAGES if progress else -1, progress=progress)
        except sqlite3.Error as err:
            raise EngineError(f"SQLite refused the restore: {err}.") from err
        finally:
            dst.close()
            src.close()

    def live_fingerprint(self) -> Fingerprint:
        conn = sqlite3.connect(f"file:{self.live_path}?mode=ro", uri=True, timeout=30)
        try:
            return sqlite_fingerprint(conn)
        finally:
            conn.close()


def sqlite_integrity_check(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


def sqlite_file_fingerprint(path: Path) -> Fingerprint:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sqlite_fingerprint(conn)
    finally:
        conn.close()


def sqlite_fingerprint(conn: sqlite3.Connection) -> Fingerprint:
    """Row counts of every table and a checksum of their content, streamed.

    Rows are read as bytes (no decoding of text) and serialised a batch at a
    time by pickle's protocol 4, which is written in C and copies bytes as they
    are: about three times faster than ``repr`` on text, with the same
    guarantee (one value, one serialisation). Memory is one batch.
    """
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    digest = hashlib.sha256()
    tables = {}
    text_factory, conn.text_factory = conn.text_factory, bytes
    try:
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                rows = conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid")  # noqa: S608
            except sqlite3.OperationalError:  # WITHOUT ROWID: primary-key order
                rows = conn.execute(f"SELECT * FROM {quoted}")  # noqa: S608
            count = 0
            digest.update(f"\x00table {name}\x00".encode())
            while batch := rows.fetchmany(FINGERPRINT_BATCH):
                digest.update(pickle.dumps(batch, protocol=FINGERPRINT_PICKLE))
                count += len(batch)
            tables[name] = count
    finally:
        conn.text_factory = text_factory
    return Fingerprint(tables, digest.hexdigest())


def sqlite_migrations(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute("SELECT app, name FROM django_migrations ORDER BY id")
    except sqlite3.OperationalError:
        return []
    return [f"{app}.{name}" for app, name in rows]


@dataclass
class Tool:
    name: str
    proc: subprocess.Popen
    errors: Any  # a temporary file with what the tool wrote to stderr


class PostgresEngine:
    vendor = "postgresql"
    payload_name = "database.pgdump"
    # pg_dump's custom format is compressed already.
    compress = False

    def __init__(self, alias: str = "default"):
        self.alias = alias
        self.settings = connections[alias].settings_dict

    @property
    def live_name(self) -> str:
        return self.settings["NAME"]

    def connect(self, dbname: str | None = None, **kwargs):
        import psycopg

        params = {
            "dbname": dbname or self.live_name,
            "user": self.settings.get("USER") or None,
            "password": self.settings.get("PASSWORD") or None,
            "host": self.settings.get("HOST") or None,
            "port": self.settings.get("PORT") or None,
        }
        return psycopg.connect(
            **{k: v for k, v in params.items() if v is not None}, **kwargs
        )

    def tool_env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, setting in (
            ("PGHOST", "HOST"),
            ("PGPORT", "PORT"),
            ("PGUSER", "USER"),
            ("PGPASSWORD", "PASSWORD"),
        ):
            if self.settings.get(setting):
                env[key] = str(self.settings[setting])
        return env

    def run_tool(self, args: list[str]) -> None:
        self.finish_tool(self.start_tool(args))

    def start_tool(self, args: list[str]) -> Tool:
        # Its messages go to a file, not to a pipe nobody reads while it runs.
        errors = tempfile.TemporaryFile()
        try:
            proc = subprocess.Popen(  # noqa: S603
                args,
                env=self.tool_env(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        except OSError as err:
            errors.close()
            raise EngineError(f"{args[0]} could not run: {err}.") from err
        return Tool(args[0], proc, errors)

    def finish_tool(self, tool: Tool) -> None:
        """Wait for a tool; EngineError with its last line if it failed."""
        with tool.errors:
            returncode = tool.proc.wait()
            if returncode:
                tool.errors.seek(0)
                lines = tool.errors.read().decode(errors="replace").strip()
                last = lines.splitlines()[-1] if lines else returncode
                raise EngineError(f"{tool.name} failed: {last}")

    def snapshot(self, dest: Path) -> Snapshot:
        with self.connect() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot_id = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            # pg_dump reads the exported snapshot while this transaction, which
            # must stay open until it is done, reads the fingerprint of the
            # same state: the server does both at once.
            dump = self.start_tool(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot_id}",
                    f"--file={dest}",
                    self.live_name,
                ]
            )
            try:
                fingerprint = pg_fingerprint(conn)
                migrations = [
                    f"{app}.{name}"
                    for app, name in conn.execute(
                        "SELECT app, name FROM django_migrations ORDER BY id"
                    )
                ]
            except BaseException:
                dump.proc.kill()
                dump.proc.wait()
                dump.errors.close()
                raise
            self.finish_tool(dump)
            conn.rollback()
        return Snapshot(migrations, lambda: fingerprint)

    @property
    def scratch_name(self) -> str:
        # One scratch database per live one, kept between drills and emptied
        # before and after each: DROP DATABASE forces a checkpoint of the whole
        # server (ten seconds on a busy one), dropping a schema does not.
        return f"{self.live_name}_drill"[:63]

    def check_scratch(self, payload: Path, scratch_dir: Path) -> Fingerprint:
        import psycopg

        scratch = self.scratch_name
        with self.connect(autocommit=True) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [scratch]
            ).fetchone()
            if not exists:
                try:
                    admin.execute(f'CREATE DATABASE "{scratch}"')
                except psycopg.errors.DuplicateDatabase:
                    pass  # another drill made it just now
        with self.connect(scratch, autocommit=True) as conn:
            # One drill at a time in it; the lock ends with the session.
            conn.execute("SELECT pg_advisory_lock(%s)", [DRILL_LOCK])
            empty_database(conn)
            try:
                self.run_tool(
                    [
                        "pg_restore",
                        "--no-owner",
                        "--exit-on-error",
                        "--single-transaction",
                        f"--dbname={scratch}",
                        str(payload),
                    ]
                )
                return pg_fingerprint(conn)
            finally:
                empty_database(conn)

    def drop_scratch(self) -> None:
        """Drop the scratch database; the next drill makes it again.

        For a live database that goes away itself, such as a test run's.
        """
        with self.connect(autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.scratch_name}" WITH (FORCE)')

    def swap_in(self, payload: Path, progress: SwapProgress | None = None) -> None:
        connections[self.alias].close()
        self.run_tool(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={self.live_name}",
                str(payload),
            ]
        )

    def live_fingerprint(self) -> Fingerprint:
        with self.connect() as conn:
            return pg_fingerprint(conn)


DRILL_LOCK = 102026  # pg_advisory_lock key: one drill at a time per scratch database


def empty_database(conn) -> None:
    """Drop every schema of a scratch database and give it an empty public one."""
    schemas = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
        "AND nspname <> 'information_schema'"
    ).fetchall()
    for (schema,) in schemas:
        quoted = '"' + schema.replace('"', '""') + '"'
        conn.execute(f"DROP SCHEMA {quoted} CASCADE")
    conn.execute("CREATE SCHEMA public")


def pg_fingerprint(conn) -> Fingerprint:
    """Row counts and a content checksum, computed by the server table by table."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "ORDER BY tablename"
        )
    ]
    digest = hashlib.sha256()
    tables = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        count, content = conn.execute(
            f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' "  # noqa: S608
            f"ORDER BY md5(t::text))), '') FROM {quoted} t"
        ).fetchone()
        digest.update(f"\x00table {name}\x00{count}\x00{content}".encode())
        tables[name] = count
    return Fingerprint(tables, digest.hexdigest())
