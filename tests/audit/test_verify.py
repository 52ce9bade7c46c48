"""audit_verify names the first event that was edited, deleted, inserted or
reordered directly in the database."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from audit import trail
from audit.models import ChainHead, Event, VerificationRun
from audit.verify import read_checkpoint, run_verification
from tests.audit.utils import AuditTestCase, verify

TABLE = "audit_event"


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def fields(sequence):
    return Event.objects.filter(sequence=sequence).values().get()


class TamperTest(AuditTestCase):
    def setUp(self):
        for number in range(10):
            trail.record(
                "audit.verified", actor=self.officer, details={"number": number}
            )
        self.head = Event.objects.order_by("-sequence").first()
        self.base = Event.objects.order_by("sequence").first().sequence

    def seq(self, offset):
        return self.base + offset

    def assertBrokenAt(self, sequence, *args):
        with self.assertRaisesMessage(
            CommandError, f"Audit trail broken at event {sequence}:"
        ):
            verify(*args)

    def test_an_intact_trail_verifies_and_prints_its_head(self):
        output = verify()
        self.assertIn(f"head {self.head.sequence}:{self.head.hash}", output)

    def test_an_edited_event_is_named(self):
        sql(
            f"UPDATE {TABLE} SET object_label = %s WHERE sequence = %s",  # noqa: S608
            ["forged", self.seq(3)],
        )
        self.assertBrokenAt(self.seq(3))

    def test_edited_details_are_named(self):
        sql(
            f"UPDATE {TABLE} SET details = %s WHERE sequence = %s",  # noqa: S608
            ['{"number":99}', self.seq(6)],
        )
        self.assertBrokenAt(self.seq(6))

    def test_a_deleted_event_is_named(self):
        sql(f"DELETE FROM {TABLE} WHERE sequence = %s", [self.seq(4)])  # noqa: S608
        self.assertBrokenAt(self.seq(4))

    def test_an_inserted_event_is_named(self):
        # Make room after event 2 by moving the later ones up, then forge one
        # that points at event 2 with a hash made without the key.
        for offset in range(9, 2, -1):
            sql(
                f"UPDATE {TABLE} SET sequence = sequence + 1 WHERE sequence = %s",  # noqa: S608
                [self.seq(offset)],
            )
        row = fields(self.seq(2))
        row.update(sequence=self.seq(3), prev_hash=row["hash"], hash="f" * 64)
        columns = ", ".join(row)
        marks = ", ".join(["%s"] * len(row))
        sql(f"INSERT INTO {TABLE} ({columns}) VALUES ({marks})", list(row.values()))  # noqa: S608
        self.assertBrokenAt(self.seq(3))

    def test_reordered_events_are_named(self):
        third, fourth = fields(self.seq(3)), fields(self.seq(4))
        for target, source in ((third, fourth), (fourth, third)):
            assignments = ", ".join(
                f"{name} = %s" for name in source if name != "sequence"
            )
            values = [v for name, v in source.items() if name != "sequence"]
            sql(
                f"UPDATE {TABLE} SET {assignments} WHERE sequence = %s",  # noqa: S608
                [*values, target["sequence"]],
            )
        self.assertBrokenAt(self.seq(3))

    def test_deleting_the_newest_events_is_found_by_the_head_row(self):
        sql(f"DELETE FROM {TABLE} WHERE sequence > %s", [self.seq(7)])  # noqa: S608
        self.assertBrokenAt(self.seq(8))

    def test_deleting_the_newest_events_and_fixing_the_head_is_found_with_expect(self):
        sql(f"DELETE FROM {TABLE} WHERE sequence > %s", [self.seq(7)])  # noqa: S608
        kept = Event.objects.get(sequence=self.seq(7))
        sql(
            "UPDATE audit_chainhead SET sequence = %s, hash = %s",
            [kept.sequence, kept.hash],
        )
        verify()  # the chain itself is consistent...
        # ...but not with the head kept elsewhere.
        self.assertBrokenAt(
            self.seq(8), "--expect", f"{self.head.sequence}:{self.head.hash}"
        )

    def test_a_rewrite_with_the_stolen_key_is_found_with_expect(self):
        original = f"{self.head.sequence}:{self.head.hash}"
        sql(
            f"UPDATE {TABLE} SET object_label = %s WHERE sequence = %s",  # noqa: S608
            ["forged", self.seq(5)],
        )
        # The thief recomputes every hash from event 5 on with the real key.
        prev = Event.objects.get(sequence=self.seq(4)).hash
        for offset in range(5, 10):
            row = Event.objects.get(sequence=self.seq(offset))
            row.prev_hash = prev
            new_hash = trail.event_hash(
                getattr(row, name) for name in trail.HASHED_FIELDS
            )
            sql(
                f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE sequence = %s",  # noqa: S608
                [prev, new_hash, row.sequence],
            )
            prev = new_hash
        sql("UPDATE audit_chainhead SET hash = %s", [prev])
        verify()
        self.assertBrokenAt(self.head.sequence, "--expect", original)

    def test_a_malformed_expect_is_refused(self):
        with self.assertRaisesMessage(CommandError, ":HASH"):
            verify("--expect", "nonsense")


class CheckpointTest(AuditTestCase):
    def setUp(self):
        folder = self.enterContext(tempfile.TemporaryDirectory())
        self.path = Path(folder) / "checkpoint.json"
        self.enterContext(override_settings(AUDIT_CHECKPOINT_PATH=self.path))

    def test_verification_writes_the_head_outside_the_database(self):
        event = trail.record("audit.verified", actor=None)
        call_command("audit_verify", stdout=StringIO())
        data = json.loads(self.path.read_text())
        self.assertEqual((data["sequence"], data["hash"]), (event.sequence, event.hash))

    def test_against_the_checkpoint_finds_deleted_newest_events(self):
        trail.record("audit.verified", actor=None)
        last = trail.record("audit.verified", actor=None)
        call_command("audit_verify", stdout=StringIO())
        sql(f"DELETE FROM {TABLE} WHERE sequence = %s", [last.sequence])  # noqa: S608
        sql("UPDATE audit_chainhead SET sequence = %s", [last.sequence - 1])
        with self.assertRaisesMessage(CommandError, str(last.sequence)):
            call_command("audit_verify", "--against-checkpoint", stdout=StringIO())

    def test_a_failed_daily_verification_alerts_the_officers_and_stays_until_acknowledged(
        self,
    ):
        trail.record("audit.verified", actor=None)
        bad = trail.record("audit.verified", actor=None)
        run_verification()
        self.assertEqual(read_checkpoint().sequence, bad.sequence)
        sql(
            f"UPDATE {TABLE} SET actor = %s WHERE sequence = %s",  # noqa: S608
            ["mallory", bad.sequence],
        )
        run = run_verification(expect=read_checkpoint())
        self.assertFalse(run.ok)
        self.assertEqual(run.first_bad_sequence, bad.sequence)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(
            sorted(mail.outbox[0].to), ["admin@example.go.id", "officer@example.go.id"]
        )
        self.assertIn(str(bad.sequence), mail.outbox[0].body)
        failed = Event.objects.filter(action="audit.verify_failed").get()
        self.assertEqual(failed.details_dict["first_bad_sequence"], bad.sequence)

        self.client.force_login(self.officer)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, reverse("audit:acknowledge", args=[run.pk]))

        response = self.client.post(reverse("audit:acknowledge", args=[run.pk]))
        self.assertEqual(response.status_code, 302)
        run.refresh_from_db()
        self.assertEqual(run.acknowledged_by, self.officer)
        acknowledged = Event.objects.get(action="audit.verify_acknowledged")
        self.assertEqual(acknowledged.actor, "officer")
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(dashboard, reverse("audit:acknowledge", args=[run.pk]))

    @override_settings(AUDIT_ALERT_EMAILS=["security@example.go.id"])
    def test_alerts_go_to_the_configured_addresses(self):
        trail.record("audit.verified", actor=None)
        sql(f"UPDATE {TABLE} SET actor = 'x'")  # noqa: S608
        run_verification()
        self.assertEqual(mail.outbox[0].to, ["security@example.go.id"])

    def test_an_editor_cannot_acknowledge(self):
        run = VerificationRun.objects.create(
            started_at="2026-01-01T00:00Z", finished_at="2026-01-01T00:00Z", ok=False
        )
        self.client.force_login(self.editor)
        response = self.client.post(reverse("audit:acknowledge", args=[run.pk]))
        self.assertEqual(response.status_code, 403)


class DailyJobTest(AuditTestCase):
    def setUp(self):
        folder = self.enterContext(tempfile.TemporaryDirectory())
        self.enterContext(
            override_settings(AUDIT_CHECKPOINT_PATH=Path(folder) / "checkpoint.json")
        )

    def test_the_task_verifies_against_the_last_checkpoint(self):
        from audit.tasks import verify_trail_task

        first = trail.record("audit.verified", actor=None)
        verify_trail_task.call()
        self.assertEqual(read_checkpoint().sequence, first.sequence)
        passed = Event.objects.filter(action="audit.verified").order_by("-sequence")[0]
        self.assertEqual(passed.actor, "system:audit.verify")
        # The newest events go, and the head row is made to agree.
        sql(f"DELETE FROM {TABLE} WHERE sequence >= %s", [first.sequence])  # noqa: S608
        sql("UPDATE audit_chainhead SET sequence = %s", [first.sequence - 1])
        with self.assertRaises(RuntimeError):
            verify_trail_task.call()
        self.assertEqual(len(mail.outbox), 1)
        self.assertFalse(VerificationRun.objects.order_by("-pk")[0].ok)

    def test_verification_is_a_daily_periodic_job(self):
        from cms.scheduler.registry import registry

        job = registry.get("audit.verify")
        self.assertEqual((job.default.frequency, job.default.hour), ("daily", 2))

    def test_the_head_row_follows_the_newest_event(self):
        event = trail.record("audit.verified", actor=None)
        head = ChainHead.objects.get()
        self.assertEqual(head.sequence, event.sequence)
