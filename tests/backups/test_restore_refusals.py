"""A bad archive is refused with one sentence and the live site untouched."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from backups.archive import FINGERPRINT_KEYS, FORMAT, unpack, write_archive
from backups.creation import create_backup
from backups.models import Backup

from .utils import BackupFolders, live_state


def with_checksum(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{digest}  {path.name}\n")
    return path


def media_tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class RefusalTests(BackupFolders, TestCase):
    def setUp(self):
        super().setUp()
        (self.media / "images").mkdir()
        (self.media / "images" / "logo.png").write_bytes(b"\x89PNG logo")
        self.backup = create_backup(Backup.Kind.DATABASE, trigger="command")
        self.good = self.archive_path(self.backup)
        self.bad = self.tmp / "bad"
        self.bad.mkdir()

    def assertRefused(self, archive, sentence, *args):
        before = live_state()
        media_before = media_tree(self.media)
        with self.assertRaises(CommandError) as caught:
            call_command("backups_restore", str(archive), *args, stdout=io.StringIO())
        message = str(caught.exception)
        sentences = sentence if isinstance(sentence, tuple) else (sentence,)
        self.assertTrue(any(s in message for s in sentences), message)
        self.assertNotIn("\n", message)
        self.assertEqual(live_state(), before)
        self.assertEqual(media_tree(self.media), media_before)
        self.assertLess(self.client.get("/").status_code, 500)
        self.assertFalse(Backup.objects.filter(trigger="restore").exists())

    def copy(self, name: str, data: bytes) -> Path:
        path = self.bad / name
        path.write_bytes(data)
        return path

    def test_it_refuses_a_truncated_archive(self):
        data = self.good.read_bytes()
        truncated = self.copy("truncated.tar.gz", data[: len(data) // 2])
        # With the original checksum beside it: the checksum catches it.
        truncated.with_name(truncated.name + ".sha256").write_text(
            self.good.with_name(self.good.name + ".sha256").read_text()
        )
        self.assertRefused(truncated, "does not match its checksum")
        # Even with a checksum made for the truncated file, it is refused.
        self.assertRefused(with_checksum(truncated), "truncated or corrupted")

    def test_it_refuses_a_flipped_byte(self):
        data = bytearray(self.good.read_bytes())
        data[len(data) // 2] ^= 0x01
        flipped = self.copy("flipped.tar.gz", bytes(data))
        self.assertRefused(flipped, "No checksum is known")
        self.assertRefused(
            flipped, "does not match its checksum", "--sha256", self.backup.sha256
        )
        # With a checksum made for the damaged file: gzip's CRC or the dump's
        # own SHA-256 in the manifest catches it.
        self.assertRefused(
            with_checksum(flipped),
            ("truncated or corrupted", "does not match its manifest"),
        )

    def test_it_refuses_a_wrong_checksum(self):
        copy = self.copy("copy.tar.gz", self.good.read_bytes())
        self.assertRefused(copy, "does not match its checksum", "--sha256", "0" * 64)

    def test_it_refuses_another_sites_archive(self):
        with override_settings(BACKUPS_SITE_ID="another-site"):
            self.assertRefused(self.good, "comes from another site")

    def crafted(self, name: str, **changes) -> Path:
        unpacked = unpack(self.good, self.bad)
        manifest = {**unpacked.manifest, **changes}
        manifest.pop("format")
        fingerprint = {key: manifest.pop(key) for key in FINGERPRINT_KEYS}
        path = self.bad / name
        write_archive(
            path,
            manifest,
            [(manifest["payload"], unpacked.payload)],
            compress=True,
            trailer=lambda digests: fingerprint,
        )
        unpacked.payload.unlink()
        return with_checksum(path)

    def test_it_refuses_an_archive_from_a_newer_schema(self):
        migrations = [*unpack(self.good, self.bad).manifest["migrations"]]
        (self.bad / Path(self.backup.filename).name).unlink(missing_ok=True)
        for leftover in self.bad.glob("database.*"):
            leftover.unlink()
        path = self.crafted(
            "newer.tar.gz", migrations=[*migrations, "home.9999_future"]
        )
        self.assertRefused(path, "newer version of the site")

    def test_it_refuses_a_dump_whose_content_differs_from_its_fingerprint(self):
        # The dump restores, but not to what was snapshotted: the scratch
        # restore's row counts and content checksum catch it.
        tables = unpack(self.good, self.bad).manifest["tables"]
        for leftover in self.bad.glob("database.*"):
            leftover.unlink()
        path = self.crafted("content.tar.gz", content_sha256="0" * 64)
        self.assertRefused(path, "restored content differs from the snapshot")
        path = self.crafted(
            "counts.tar.gz", tables={**tables, "auth_group": tables["auth_group"] + 1}
        )
        self.assertRefused(path, "Row counts differ from the snapshot in: auth_group")

    def test_it_refuses_another_database_engine(self):
        for leftover in self.bad.glob("database.*"):
            leftover.unlink()
        other = "sqlite" if self.backup.filename.endswith(".tar") else "postgresql"
        path = self.crafted("engine.tar.gz", engine=other)
        self.assertRefused(path, f"holds a {other} database")

    def hostile_media(self, name: str, member: tarfile.TarInfo, data=b"evil") -> Path:
        path = self.bad / name
        manifest = json.dumps(
            {"format": FORMAT, "kind": "media", "site": "bkp-website", "files": 1}
        ).encode()
        with tarfile.open(path, "w:gz") as tar:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            tar.addfile(info, io.BytesIO(manifest))
            if member.isfile():
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
            else:
                tar.addfile(member)
        return with_checksum(path)

    @override_settings(BACKUPS_SITE_ID="bkp-website")
    def test_it_refuses_media_members_that_would_land_outside_media_root(self):
        outside = self.tmp / "evil.txt"
        for name, member in [
            ("dotdot", tarfile.TarInfo("media/../../evil.txt")),
            ("parent", tarfile.TarInfo("../evil.txt")),
            ("absolute", tarfile.TarInfo(str(outside))),
        ]:
            with self.subTest(name):
                self.assertRefused(
                    self.hostile_media(f"{name}.tar.gz", member), "outside"
                )
                self.assertFalse(outside.exists())
        link = tarfile.TarInfo("media/images/logo.png")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        self.assertRefused(self.hostile_media("link.tar.gz", link), "link")
        hard = tarfile.TarInfo("media/hard")
        hard.type = tarfile.LNKTYPE
        hard.linkname = "media/images/logo.png"
        self.assertRefused(self.hostile_media("hard.tar.gz", hard), "link")

    def test_it_refuses_a_missing_archive(self):
        self.assertRefused(self.bad / "nothing.tar.gz", "No archive named")

    def test_check_only_changes_nothing(self):
        before = live_state()
        out = io.StringIO()
        call_command("backups_restore", str(self.good), "--check", stdout=out)
        self.assertIn("is sound", out.getvalue())
        self.assertEqual(live_state(), before)
