"""The project passes its own and its packages' system checks (axes, Wagtail, ours)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import SimpleTestCase


class SystemCheckTests(SimpleTestCase):
    def test_the_settings_pass_every_system_check_without_a_warning(self):
        out = StringIO()
        call_command("check", fail_level="WARNING", stdout=out, stderr=StringIO())
        self.assertIn("no issues", out.getvalue())
