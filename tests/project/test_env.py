"""cms.settings.env: typed environment readers, each honouring NAME_FILE."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from cms.settings.env import envbool, envint, envlist, envpath, envstr

NAME = "BKP_TEST_SETTING"


class EnvTestCase(SimpleTestCase):
    def setUp(self):
        clean = {k: v for k, v in os.environ.items() if not k.startswith(NAME)}
        patcher = mock.patch.dict(os.environ, clean, clear=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.folder = Path(tempfile.mkdtemp(prefix="bkp-env-"))

    def set(self, value: str) -> None:
        os.environ[NAME] = value

    def set_file(self, value: str) -> Path:
        path = self.folder / "secret"
        path.write_text(value + "\n", encoding="utf-8")
        os.environ[f"{NAME}_FILE"] = str(path)
        return path


class EnvStrTests(EnvTestCase):
    def test_it_reads_the_variable_or_gives_the_default(self):
        self.assertEqual(envstr(NAME, "fallback"), "fallback")
        self.assertIsNone(envstr(NAME))
        self.set("value")
        self.assertEqual(envstr(NAME, "fallback"), "value")

    def test_it_reads_the_file_named_by_name_file_without_its_newline(self):
        self.set_file("s3cret")
        self.assertEqual(envstr(NAME), "s3cret")

    def test_it_refuses_an_unreadable_file(self):
        os.environ[f"{NAME}_FILE"] = str(self.folder / "missing")
        with self.assertRaisesMessage(ImproperlyConfigured, f"{NAME}_FILE points"):
            envstr(NAME)

    def test_it_refuses_both_the_variable_and_its_file(self):
        self.set("value")
        self.set_file("other")
        with self.assertRaisesMessage(ImproperlyConfigured, "not both"):
            envstr(NAME)


class EnvBoolTests(EnvTestCase):
    def test_it_reads_true_and_false_words(self):
        self.assertTrue(envbool(NAME, True))
        for word, expected in (
            ("yes", True),
            ("ON", True),
            ("0", False),
            ("off", False),
        ):
            self.set(word)
            self.assertIs(envbool(NAME, not expected), expected, word)

    def test_it_reads_name_file(self):
        self.set_file("true")
        self.assertIs(envbool(NAME, False), True)

    def test_it_refuses_anything_else(self):
        self.set("maybe")
        with self.assertRaisesMessage(ImproperlyConfigured, "must be true or false"):
            envbool(NAME, False)


class EnvIntTests(EnvTestCase):
    def test_it_reads_a_whole_number_or_gives_the_default(self):
        self.assertEqual(envint(NAME, 5), 5)
        self.set("")
        self.assertEqual(envint(NAME, 5), 5)
        self.set("42")
        self.assertEqual(envint(NAME, 5), 42)

    def test_it_reads_name_file(self):
        self.set_file("7")
        self.assertEqual(envint(NAME, 5), 7)

    def test_it_refuses_anything_else(self):
        self.set("five")
        with self.assertRaisesMessage(ImproperlyConfigured, "must be a whole number"):
            envint(NAME, 5)


class EnvListTests(EnvTestCase):
    def test_it_splits_on_commas_and_drops_empty_items(self):
        self.assertEqual(envlist(NAME, ["a"]), ["a"])
        self.set(" a.example , ,b.example,")
        self.assertEqual(envlist(NAME), ["a.example", "b.example"])

    def test_it_reads_name_file(self):
        self.set_file("a.example,b.example")
        self.assertEqual(envlist(NAME), ["a.example", "b.example"])


class EnvPathTests(EnvTestCase):
    def test_it_gives_an_absolute_path_or_the_default(self):
        default = Path("/srv/default")
        self.assertEqual(envpath(NAME, default), default)
        self.set("")
        self.assertEqual(envpath(NAME, default), default)
        self.set("relative/dir")
        self.assertEqual(envpath(NAME, default), Path("relative/dir").resolve())

    def test_it_reads_name_file(self):
        self.set_file("/srv/bkp")
        self.assertEqual(envpath(NAME, Path("/x")), Path("/srv/bkp"))
