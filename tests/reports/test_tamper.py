"""A report's audit head catches a later rewrite of the trail."""

from __future__ import annotations

import io

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from audit.reports.building import build_report
from audit.reports.periods import month
from audit.trail import record


class TamperTests(TestCase):
    def setUp(self):
        for n in range(3):
            record("auth.login_failed", actor=None, obj=("auth.user", "", f"u{n}"))
        self.report = build_report(month("2026-11"), actor="system:test")
        self.head = self.report.head_for_verify
        record("auth.login_failed", actor=None, obj=("auth.user", "", "later"))

    def verify(self, expect):
        out = io.StringIO()
        call_command("audit_verify", expect=expect, no_checkpoint=True, stdout=out)
        return out.getvalue()

    def test_the_untouched_trail_holds_against_the_reports_head(self):
        self.assertIn("Audit trail verified", self.verify(self.head))

    def test_an_edited_event_is_caught(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_event SET object_label = 'bukan' WHERE sequence = 2"
            )
        with self.assertRaisesMessage(CommandError, "event 2"):
            self.verify(self.head)

    def test_deleting_the_newest_events_and_moving_the_head_back_is_caught(self):
        sequence = int(self.head.split(":")[0])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sequence, hash FROM audit_event WHERE sequence = %s",
                [sequence - 1],
            )
            previous, previous_hash = cursor.fetchone()
            cursor.execute("DELETE FROM audit_event WHERE sequence >= %s", [sequence])
            cursor.execute(
                "UPDATE audit_chainhead SET sequence = %s, hash = %s",
                [previous, previous_hash],
            )
        # The shortened chain is consistent in itself...
        self.assertIn("Audit trail verified", self.verify(None))
        # ...but not with the head printed in the report.
        with self.assertRaisesMessage(CommandError, "peristiwa terbaru telah dihapus"):
            self.verify(self.head)
