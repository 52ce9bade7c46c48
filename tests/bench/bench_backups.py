"""Benchmark: backups against the raw tools doing the same work on the same data.

    .venv/bin/python -m tests.bench.bench_backups [--pages 10000] [--media 500]

Builds a scratch SQLite site under /tmp (migrated; ``--pages`` pages, each with
a revision of about 2 KB of content, bulk-inserted in SQL so building takes
seconds, not the half hour ``add_child`` would) and ``--media`` media files of
100 KB (random bytes, as photos are incompressible), then prints:

- our database backup (in-process, Django's start-up not counted; snapshot,
  row counts and checksum, tar.gz, SHA-256, store) against SQLite's online
  backup API, then ``gzip -6`` and ``sha256sum``: target ratio <= 1.2;
- the restore drill against our backup: target <= 2x;
- our media backup against ``tar czf`` plus ``sha256sum``: target ratio <= 1.2;
- peak Python memory (tracemalloc) of the media backup at half and at all of
  the media: target flat.
Not part of the pytest suite; about two minutes.
"""

from __future__ import annotations

import argparse
import json
import os
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


def setup_django(base: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
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


def build_site(base: Path, pages: int, media: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    db = sqlite3.connect(base / "db.sqlite3")
    content_type = db.execute(
        "SELECT id FROM django_content_type WHERE app_label='wagtailcore' AND model='page'"
    ).fetchone()[0]
    locale = db.execute("SELECT id FROM wagtailcore_locale LIMIT 1").fetchone()[0]
    body = json.dumps([{"type": "paragraph", "value": "Lorem ipsum dolor " * 100}])
    now = "2026-11-25 00:00:00"
    with db:
        for n in range(pages):
            path = "0001" + f"{n:08d}"[-8:-4] + f"{n:04d}"[-4:]
            cursor = db.execute(
                "INSERT INTO wagtailcore_page (path, depth, numchild, translation_key, "
                "title, draft_title, slug, live, has_unpublished_changes, url_path, "
                "seo_title, show_in_menus, search_description, expired, locked, "
                "content_type_id, locale_id, first_published_at, "
                "last_published_at, latest_revision_created_at) VALUES "
                "(?, 3, 0, lower(hex(randomblob(16))), ?, ?, ?, 1, 0, ?, '', 0, '', "
                "0, 0, ?, ?, ?, ?, ?)",
                (
                    path,
                    f"Halaman {n}",
                    f"Halaman {n}",
                    f"halaman-{n}",
                    f"/home/halaman-{n}/",
                    content_type,
                    locale,
                    now,
                    now,
                    now,
                ),
            )
            db.execute(
                "INSERT INTO wagtailcore_revision (content_type_id, base_content_type_id, "
                "object_id, created_at, content, approved_go_live_at, object_str) "
                "VALUES (?, ?, ?, ?, ?, NULL, ?)",
                (
                    content_type,
                    content_type,
                    str(cursor.lastrowid),
                    now,
                    json.dumps({"title": f"Halaman {n}", "body": body}),
                    f"Halaman {n}",
                ),
            )
    db.close()
    add_media(base / "media", 0, media)


def add_media(root: Path, start: int, count: int) -> None:
    for n in range(start, start + count):
        folder = root / ("original_images" if n % 2 else "documents")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file-{n}.bin").write_bytes(os.urandom(100 * 1024))


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def raw_database(base: Path) -> float:
    out = base / "raw"
    out.mkdir(exist_ok=True)

    def work():
        src = sqlite3.connect(base / "db.sqlite3")
        dst = sqlite3.connect(out / "db.sqlite3")
        src.backup(dst)
        dst.close()
        src.close()
        subprocess.run(["gzip", "-6", "-f", str(out / "db.sqlite3")], check=True)
        subprocess.run(
            ["sha256sum", str(out / "db.sqlite3.gz")], check=True, capture_output=True
        )

    seconds, _ = timed(work)
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


def best(runs: int, func) -> float:
    return min(func() for _ in range(runs))


def main() -> None:  # noqa: C901
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--media", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-backups-", dir="/tmp"))
    try:
        setup_django(base)
        from backups.creation import create_backup
        from backups.drill import run_drill

        seconds, _ = timed(lambda: build_site(base, args.pages, args.media // 2))
        size = (base / "db.sqlite3").stat().st_size
        say(
            f"site: {args.pages} pages, database {size / 1e6:.1f} MB, built in "
            f"{seconds:.0f} s"
        )

        def ours_db():
            seconds, backup = timed(
                lambda: create_backup("database", trigger="command", drill=False)
            )
            ours_db.last = backup
            return seconds

        raw = best(args.runs, lambda: raw_database(base))
        ours = best(args.runs, ours_db)
        drill, _ = timed(lambda: run_drill(ours_db.last))
        say(f"database backup: ours {ours:.2f} s, raw (backup API + gzip + sha256) "
              f"{raw:.2f} s, ratio {ours / raw:.2f} (target <= 1.2)")  # fmt: skip
        say(f"restore drill: {drill:.2f} s, {drill / ours:.2f}x the backup "
              f"(target <= 2), {ours_db.last.drill_status}")  # fmt: skip

        def ours_media():
            tracemalloc.start()
            seconds, _ = timed(lambda: create_backup("media", trigger="command"))
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            ours_media.peak = peak
            return seconds

        ours_media()
        half_peak = ours_media.peak
        add_media(base / "media", args.media // 2, args.media - args.media // 2)
        raw = best(args.runs, lambda: raw_media(base))
        ours = best(args.runs, ours_media)
        mb = sum(p.stat().st_size for p in (base / "media").rglob("*") if p.is_file())
        say(f"media backup ({args.media} files, {mb / 1e6:.0f} MB): ours {ours:.2f} s, "
              f"raw (tar czf + sha256) {raw:.2f} s, ratio {ours / raw:.2f} "
              f"(target <= 1.2)")  # fmt: skip
        say(f"media backup peak Python memory: {half_peak / 1e6:.2f} MB at "
              f"{args.media // 2} files, {ours_media.peak / 1e6:.2f} MB at "
              f"{args.media} files (target: flat)")  # fmt: skip
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
