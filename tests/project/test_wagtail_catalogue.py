"""The admin's Indonesian catalogues: merged, current, and written as we write.

cms/wagtail_id/locale/id (django) and locale/id (djangojs) are built by
``manage.py wagtail_id_merge`` from cms/wagtail_id/po/ plus Wagtail's id_ID.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation

from cms.wagtail_id.management.commands.wagtail_id_merge import (
    SOURCE_DIR,
    targets,
    wagtail_catalogues,
)

# Reduplications that are words of their own, not plurals.
LEXICAL = {"jaga-jaga", "undang-undang"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def catalogue(mo: Path) -> dict:
    with mo.open("rb") as fp:
        return gettext.GNUTranslations(fp)._catalog


def compiled(po: Path) -> dict:
    """The catalogue msgfmt makes of ``po`` now (with its format checks)."""
    with tempfile.TemporaryDirectory() as tmp:
        mo = Path(tmp) / "check.mo"
        subprocess.run(
            ["msgfmt", "--check-format", "-o", mo, po], capture_output=True, check=True
        )
        return catalogue(mo)


def merged(domain: str) -> dict:
    return catalogue(targets()[domain] / "LC_MESSAGES" / f"{domain}.mo")


def messages(translations: dict):
    """(msgid, msgstr, is_plural); a plural's msgid is its singular."""
    for key, msgstr in translations.items():
        plural = isinstance(key, tuple)
        msgid = key[0] if plural else key
        if msgid:
            yield msgid, msgstr, plural


class MergedCatalogueTests(SimpleTestCase):
    def test_every_wagtail_id_id_translation_is_merged(self):
        # Fails after a Wagtail upgrade until `make wagtail-id` is run.
        for domain in ("django", "djangojs"):
            ours = merged(domain)
            for po in wagtail_catalogues(domain):
                wagtail = catalogue(po.with_suffix(".mo"))
                missing = [key for key in wagtail if key and key not in ours]
                self.assertFalse(missing, f"{po}: {missing[:5]}")

    def test_our_wording_wins_over_wagtails(self):
        django = merged("django")
        self.assertEqual(django["View live"], "Lihat langsung")
        self.assertEqual(django["pages"], "halaman")
        self.assertEqual(django["Collections"], "Koleksi")

    def test_the_compiled_catalogues_match_their_sources(self):
        if not shutil.which("msgfmt"):
            self.skipTest("GNU gettext is not installed")
        for domain, target in targets().items():
            po = target / "LC_MESSAGES" / f"{domain}.po"
            self.assertEqual(compiled(po), merged(domain), po)

    def test_sources_live_where_the_command_reads_them(self):
        self.assertTrue((SOURCE_DIR / "django.po").exists())
        self.assertTrue((SOURCE_DIR / "djangojs.po").exists())
        self.assertEqual(
            targets()["django"],
            Path(apps.get_app_config("cms_wagtail_id").path) / "locale" / "id",
        )
        self.assertIn(targets()["djangojs"].parent, map(Path, settings.LOCALE_PATHS))


class IndonesianStyleTests(SimpleTestCase):
    """Indonesian as the agency writes it, in every admin catalogue."""

    def all_messages(self):
        paths = [targets()[d] / "LC_MESSAGES" / f"{d}.mo" for d in targets()]
        paths += [
            Path(settings.BASE_DIR) / app / "locale/id/LC_MESSAGES/django.mo"
            for app in ("cms", "home")
        ]
        for path in paths:
            if path.exists():
                for msgid, msgstr, plural in messages(catalogue(path)):
                    yield path, msgid, msgstr, plural

    def test_anda_is_always_capitalised(self):
        wrong = [
            (msgid, msgstr)
            for _path, msgid, msgstr, _plural in self.all_messages()
            if re.search(r"\banda\b", msgstr)
        ]
        self.assertFalse(wrong, wrong[:5])

    def test_plurals_are_not_reduplicated(self):
        wrong = [
            msgstr
            for _path, _msgid, msgstr, _plural in self.all_messages()
            for match in re.finditer(r"\b(\w+)-\1\b", msgstr, re.I)
            if match.group(0).lower() not in LEXICAL
        ]
        self.assertFalse(wrong, wrong[:5])

    def test_every_translation_keeps_its_placeholders(self):
        # Plural forms are checked by msgfmt --check-format when merging.
        wrong = [
            (path.name, msgid, msgstr)
            for path, msgid, msgstr, plural in self.all_messages()
            if not plural
            and "%(" in msgid
            and sorted(PLACEHOLDER.findall(msgid))
            != sorted(PLACEHOLDER.findall(msgstr))
        ]
        self.assertFalse(wrong, wrong[:5])

    def test_no_placeholder_is_glued_to_a_word(self):
        # "%(count)dhasil" reads "3hasil".
        wrong = [
            msgstr
            for _path, _msgid, msgstr, _plural in self.all_messages()
            if re.search(r"%\(\w+\)[sd][^\W\d_]", msgstr)
        ]
        self.assertFalse(wrong, wrong[:5])

    def test_djangos_own_wording_is_corrected_where_the_admin_shows_it(self):
        # Django's id catalogues write "anda"; ours ranks above them.
        import django

        root = Path(django.__file__).parent
        paths = [root / "conf/locale/id/LC_MESSAGES/django.mo"]
        paths += root.glob("contrib/*/locale/id/LC_MESSAGES/django.mo")
        with translation.override("id"):
            wrong = [
                translation.gettext(msgid)
                for path in paths
                for msgid, msgstr, plural in messages(catalogue(path))
                if not plural and re.search(r"\banda\b", msgstr)
                if re.search(r"\banda\b", translation.gettext(msgid))
            ]
        self.assertFalse(wrong, wrong[:5])
