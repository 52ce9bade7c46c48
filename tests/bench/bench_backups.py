"""Benchmark: backups against the raw tools doing the same work on the same data.

    .venv/bin/python -m tests.bench.bench_backups [--pages 10000] [--media 500]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_backups \
        .venv/bin/python -m tests.bench.bench_backups

Builds a scratch site (migrated; ``--pages`` pages, each with a revision of
about 2 KB of content, bulk-inserted so building takes seconds, not the half
hour ``add_child`` would) and ``--media`` media files of 100 KB (random bytes,
as photos are incompressible). On SQLite the site is a file under /tmp; when
DATABASE_URL names a PostgreSQL database, a scratch database beside it
(``<name>_bench``, dropped at the end). Then it prints, in one run:

- our database backup (in-process, Django's start-up not counted; snapshot,
  row counts and checksum, archive, SHA-256, store) against the raw tools:
  SQLite's online backup API, then ``gzip -6`` and ``sha256sum``; or
  ``pg_dump -Fc`` and ``sha256sum``: target ratio <= 1.2;
- the restore drill against our backup: target <= 2x;
- our media backup against ``tar czf`` plus ``sha256sum``: target ratio <= 1.2;
- peak memory of the database backup at half and at all of the pages, and of
  the media backup at half and at all of the media: target flat. Two figures
  each: Python's own allocations (tracemalloc) and the whole process's peak
  resident memory above where it started (Linux: VmHWM after resetting it
  through /proc/self/clear_refs; SQLite's and zlib's buffers included,
  ``pg_dump``'s own process not).
Not part of the pytest suite; about a minute on SQLite, two on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def setup_django(base: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    pg = postgres_url()
    if pg:
        os.environ["DATABASE_URL"] = create_pg_database(pg)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{base / 'db.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    override_settings(
        MEDIA_ROOT=str(base / "media"),
        STORAGES={
            **settings.STORAGES,
            "dbbackup": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(base / "archives")},
            },
        },
        BACKUPS_MAINTENANCE_FLAG=base / "maintenance.flag",
    ).enable()


def _pg_admin(url: str):
    import dj_database_url
    import psycopg

    params = dj_database_url.parse(url)
    conn = psycopg.connect(
        dbname="postgres",
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        autocommit=True,
    )
    return conn, params["NAME"]


def create_pg_database(url: str) -> str:
    """A fresh scratch database beside the one ``url`` names; its URL."""
    conn, name = _pg_admin(url)
    bench = f"{name}_bench"
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{bench}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{bench}"')
    return url.rsplit("/", 1)[0] + "/" + bench


def drop_pg_database() -> None:
    from django.db import connections

    connections.close_all()
    conn, name = _pg_admin(os.environ["DATABASE_URL"])
    with conn:
        # The site's and the one the drills keep (backups.engines).
        for database in (name, f"{name}_drill"):
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def build_site(base: Path, pages: int, media: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    add_pages(0, pages)
    add_media(base / "media", 0, media)


def add_pages(start: int, count: int) -> None:
    """Pages and their revisions in bulk, through the ORM (any database)."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Locale, Page, Revision

    content_type = ContentType.objects.get_for_model(Page)
    locale = Locale.objects.first()
    now = datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)
    body = [{"type": "paragraph", "value": "Lorem ipsum dolor " * 100}]
    for first in range(start, start + count, 1000):
        numbers = range(first, min(first + 1000, start + count))
        with transaction.atomic():
            created = Page.objects.bulk_create(
                Page(
                    path="0001" + f"{n:08d}",
                    depth=3,
                    numchild=0,
                    title=f"Halaman {n}",
                    draft_title=f"Halaman {n}",
                    slug=f"halaman-{n}",
                    live=True,
                    url_path=f"/home/halaman-{n}/",
                    content_type=content_type,
                    locale=locale,
                    first_published_at=now,
                    last_published_at=now,
                    latest_revision_created_at=now,
                )
                for n in numbers
            )
            Revision.objects.bulk_create(
                Revision(
                    content_type=content_type,
                    base_content_type=content_type,
                    object_id=str(page.pk),
                    created_at=now,
                    content={"title": page.title, "body": body},
                    object_str=page.title,
                )
                for page in created
            )


def add_media(root: Path, start: int, count: int) -> None:
    for n in range(start, start + count):
        folder = root / ("original_images" if n % 2 else "documents")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file-{n}.bin").write_bytes(os.urandom(100 * 1024))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(func):
    """(wall-clock seconds, result); the CPU seconds it took, every thread and
    child process (gzip, tar, pg_dump) included, in ``timed.cpu``."""
    cpu = _cpu()
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    timed.cpu = _cpu() - cpu
    return seconds, result


def _rss_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def peak_memory(func) -> tuple[float, float | None]:
    """(Python's peak allocations, the process's peak RSS growth), in MB."""
    rss_before = _rss_kb("VmRSS")
    try:
        # Resets VmHWM (the peak) to the current RSS (Linux 4.0+).
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        rss_before = None
    tracemalloc.start()
    func()
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    hwm = _rss_kb("VmHWM")
    rss = (hwm - rss_before) / 1024 if rss_before and hwm else None
    return python_peak / 1e6, rss


def database_size(base: Path) -> int:
    from django.db import connection

    if connection.vendor == "sqlite":
        return (base / "db.sqlite3").stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def raw_database(base: Path) -> float:
    from django.db import connection

    out = base / "raw"
    out.mkdir(exist_ok=True)

    def sqlite_work():
        src = sqlite3.connect(base / "db.sqlite3")
        dst = sqlite3.connect(out / "db.sqlite3")
        src.backup(dst)
        dst.close()
        src.close()
        subprocess.run(["gzip", "-6", "-f", str(out / "db.sqlite3")], check=True)
        subprocess.run(
            ["sha256sum", str(out / "db.sqlite3.gz")], check=True, capture_output=True
        )

    def pg_work():
        from backups.engines import engine_for

        dump = out / "db.pgdump"
        subprocess.run(
            ["pg_dump", "-Fc", f"--file={dump}", connection.settings_dict["NAME"]],
            check=True,
            env=engine_for().tool_env(),
        )
        subprocess.run(["sha256sum", str(dump)], check=True, capture_output=True)

    seconds, _ = timed(sqlite_work if connection.vendor == "sqlite" else pg_work)
    shutil.rmtree(out)
    return seconds


def raw_media(base: Path) -> float:
    target = base / "raw-media.tar.gz"

    def work():
        subprocess.run(
            ["tar", "czf", str(target), "-C", str(base), "media"], check=True
        )
        subprocess.run(["sha256sum", str(target)], check=True, capture_output=True)

    seconds, _ = timed(work)
    target.unlink()
    return seconds


def raw_pg_restore(base: Path, backup) -> float:
    """pg_restore alone, into an empty database (made and dropped untimed)."""
    from backups import storage
    from backups.archive import unpack
    from backups.engines import engine_for

    engine = engine_for()
    folder = base / "raw-restore"
    folder.mkdir()
    storage.fetch(backup.filename, folder / "archive")
    payload = unpack(folder / "archive", folder).payload
    name = f"{engine.live_name}_raw"
    with engine.connect(autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        seconds, _ = timed(
            lambda: engine.run_tool(
                ["pg_restore", "--no-owner", "--exit-on-error",
                 "--single-transaction", f"--dbname={name}", str(payload)]
            )
        )  # fmt: skip
    finally:
        with engine.connect(autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder)
    return seconds


def best_pair(runs: int, raw, ours) -> tuple[tuple[float, float], tuple[float, float]]:
    """The best wall and CPU seconds of each, run in turns so that both meet
    the same load on a shared machine."""
    figures = {raw: [], ours: []}
    for _ in range(runs):
        for func in (raw, ours):
            seconds = func()
            figures[func].append((seconds, timed.cpu))
    return tuple(
        (min(w for w, _ in figures[f]), min(c for _, c in figures[f]))
        for f in (raw, ours)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--media", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-backups-", dir="/tmp"))
    try:
        setup_django(base)
        run(base, args)
    finally:
        if postgres_url():
            drop_pg_database()
        shutil.rmtree(base, ignore_errors=True)


def run(base: Path, args) -> None:
    from django.db import connection

    from backups.creation import create_backup
    from backups.drill import run_drill

    half_pages = args.pages // 2
    half_media = args.media // 2
    seconds, _ = timed(lambda: build_site(base, half_pages, half_media))

    def db_backup():
        return create_backup("database", trigger="command", drill=False)

    def media_backup():
        return create_backup("media", trigger="command")

    db_half = peak_memory(db_backup)
    media_half = peak_memory(media_backup)
    more, _ = timed(lambda: add_pages(half_pages, args.pages - half_pages))
    add_media(base / "media", half_media, args.media - half_media)
    engine = "SQLite" if connection.vendor == "sqlite" else "PostgreSQL"
    say(
        f"site on {engine}: {args.pages} pages, database "
        f"{database_size(base) / 1e6:.1f} MB, built in {seconds + more:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    def ours_db():
        seconds, backup = timed(db_backup)
        ours_db.last = backup
        return seconds

    (raw, raw_cpu), (ours, ours_cpu) = best_pair(
        args.runs, lambda: raw_database(base), ours_db
    )
    drill, _ = timed(lambda: run_drill(ours_db.last))
    tools = (
        "backup API + gzip + sha256"
        if connection.vendor == "sqlite"
        else "pg_dump -Fc + sha256"
    )
    say(f"database backup: ours {ours:.2f} s, raw ({tools}) {raw:.2f} s, "
        f"ratio {ours / raw:.2f} (target <= 1.2); CPU ours {ours_cpu:.2f} s, "
        f"raw {raw_cpu:.2f} s, ratio {ours_cpu / raw_cpu:.2f}")  # fmt: skip
    say(f"restore drill: {drill:.2f} s, {drill / ours:.2f}x the backup "
        f"(target <= 2), {ours_db.last.drill_status}")  # fmt: skip
    if connection.vendor == "postgresql":
        floor = raw_pg_restore(base, ours_db.last)
        say(f"raw pg_restore --single-transaction of the same dump into an empty "
            f"database: {floor:.2f} s, {floor / ours:.2f}x our backup")  # fmt: skip

    (raw, raw_cpu), (ours, ours_cpu) = best_pair(
        args.runs, lambda: raw_media(base), lambda: timed(media_backup)[0]
    )
    mb = sum(p.stat().st_size for p in (base / "media").rglob("*") if p.is_file())
    say(f"media backup ({args.media} files, {mb / 1e6:.0f} MB): ours {ours:.2f} s, "
        f"raw (tar czf + sha256) {raw:.2f} s, ratio {ours / raw:.2f} "
        f"(target <= 1.2); CPU ours {ours_cpu:.2f} s, raw {raw_cpu:.2f} s")  # fmt: skip
    db_full = peak_memory(db_backup)
    media_full = peak_memory(media_backup)
    for what, half, full, n, unit in (
        ("database", db_half, db_full, args.pages, "pages"),
        ("media", media_half, media_full, args.media, "files"),
    ):
        say(f"{what} backup peak memory: Python {half[0]:.2f} MB at {n // 2} "
            f"{unit}, {full[0]:.2f} MB at {n}; process RSS growth "
            f"{_mb(half[1])} at {n // 2}, {_mb(full[1])} at {n} (target: flat)")  # fmt: skip


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MB"


if __name__ == "__main__":
    main()
