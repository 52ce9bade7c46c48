"""The database itself refuses changes to events once the guard is installed.

The test settings leave the guard out of the test database (Django's flush
between TransactionTestCases empties every table, which the guard refuses), so
each test installs it inside its own transaction, which rolls back after it.
"""

from django.db import DatabaseError, connection, transaction
from django.test import TestCase

from audit import db_guard, trail
from audit.models import Event


class DatabaseGuardTest(TestCase):
    def setUp(self):
        self.event = trail.record("audit.verified", actor=None)
        db_guard.install(connection)

    def assertRefused(self, statement, params=()):
        with self.assertRaisesMessage(DatabaseError, "append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, params)

    def test_raw_update_is_refused(self):
        self.assertRefused(
            "UPDATE audit_event SET actor = %s WHERE sequence = %s",
            ["mallory", self.event.sequence],
        )
        self.assertEqual(Event.objects.get(pk=self.event.pk).actor, "")

    def test_raw_delete_is_refused(self):
        self.assertRefused("DELETE FROM audit_event")
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())

    def test_truncate_is_refused_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("SQLite has no TRUNCATE")
        self.assertRefused("TRUNCATE audit_event")

    def test_appending_still_works(self):
        second = trail.record("audit.verified", actor=None)
        self.assertEqual(second.prev_hash, self.event.hash)
