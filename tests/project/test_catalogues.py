"""Our apps' Indonesian catalogues: one wording per message, none half done.

Django merges every app's catalogue into one and the app listed first in
INSTALLED_APPS wins, so two of our catalogues translating the same message
differently make one app's screen speak with another app's wording. Where an
English word really means two things, the code gives it a context (pgettext).
cms/wagtail_id (Wagtail's admin strings, ranked below ours) is checked in
test_wagtail_catalogue.py.
"""

from __future__ import annotations

import ast
import shutil
import sys
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import SimpleTestCase

from tests.project.test_wagtail_catalogue import catalogue, compiled


def our_catalogues() -> list[Path]:
    """The django.po of each of our apps, in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    # The virtualenv may live inside the project folder (.venv): not ours.
    installed = Path(sys.prefix).resolve()
    paths = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        po = path / "locale" / "id" / "LC_MESSAGES" / "django.po"
        if (
            config.label != "cms_wagtail_id"
            and path.is_relative_to(base)
            and not path.is_relative_to(installed)
            and po.exists()
        ):
            paths.append(po)
    return paths


def entries(po: Path):
    """(flags, fields) of each entry, e.g. fields["msgid"], fields["msgstr[0]"].

    Obsolete entries (#~) and the header are left out.
    """
    flags, fields, key = "", {}, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        # An entry ends at the first line after its msgstr that continues nothing.
        ended = any(name.startswith("msgstr") for name in fields)
        if ended and not line.startswith(('"', "msgstr")):
            if fields.get("msgid"):
                yield flags, fields
            flags, fields = "", {}
        if line.startswith("#,"):
            flags += line[2:]
        elif line.startswith('"'):
            fields[key] += ast.literal_eval(line)
        elif line.strip() and not line.startswith("#"):
            key, value = line.split(" ", 1)
            fields[key] = ast.literal_eval(value)


def translations(fields: dict) -> tuple[str, ...]:
    return tuple(fields[key] for key in sorted(fields) if key.startswith("msgstr"))


def name(po: Path) -> str:
    return str(po.relative_to(settings.BASE_DIR))


class OurCataloguesTests(SimpleTestCase):
    def test_every_app_with_strings_has_a_catalogue(self):
        names = [name(po) for po in our_catalogues()]
        self.assertIn("home/locale/id/LC_MESSAGES/django.po", names)
        self.assertIn("audit/reports/locale/id/LC_MESSAGES/django.po", names)
        self.assertIn("cms/scheduler/locale/id/LC_MESSAGES/django.po", names)

    def test_no_two_catalogues_translate_a_message_differently(self):
        wordings = defaultdict(lambda: defaultdict(list))
        for po in our_catalogues():
            for flags, fields in entries(po):
                if "fuzzy" in flags or not all(translations(fields)):
                    continue  # reported by the next test
                key = (fields.get("msgctxt"), fields["msgid"])
                wordings[key][translations(fields)].append(name(po))
        conflicts = [
            f"{msgid!r}"
            + (f" (context {context!r})" if context else "")
            + ": "
            + "; ".join(
                f"{' / '.join(msgstr)!r} in {', '.join(files)}"
                for msgstr, files in found.items()
            )
            for (context, msgid), found in wordings.items()
            if len(found) > 1
        ]
        self.assertFalse(
            conflicts,
            "Translated differently by our catalogues (choose one wording, or "
            "give the code a context with pgettext):\n" + "\n".join(conflicts),
        )

    def test_no_translation_is_fuzzy_or_empty(self):
        wrong = [
            f"{name(po)}: {fields['msgid']!r}"
            + (" is fuzzy" if "fuzzy" in flags else " has an empty translation")
            for po in our_catalogues()
            for flags, fields in entries(po)
            if "fuzzy" in flags or not all(translations(fields))
        ]
        self.assertFalse(wrong, "\n".join(wrong))

    def test_the_compiled_catalogues_match_their_sources(self):
        # Django reads the .mo: a .po edited without compilemessages changes nothing.
        if not shutil.which("msgfmt"):
            self.skipTest("GNU gettext is not installed")
        for po in our_catalogues():
            self.assertEqual(
                compiled(po),
                catalogue(po.with_suffix(".mo")),
                f"{name(po)}: run compilemessages in its app folder",
            )
