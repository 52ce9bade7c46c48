"""The database engines' scratch space, as a test run leaves it."""

from __future__ import annotations

from unittest import skipUnless

from django.db import connection
from django.test import TestCase

from backups.engines import engine_for


@skipUnless(connection.vendor == "postgresql", "a scratch database is PostgreSQL's")
class ScratchDatabaseTests(TestCase):
    def scratch_exists(self, engine) -> bool:
        with engine.connect(autocommit=True) as admin:
            found = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [engine.scratch_name]
            ).fetchone()
        return found is not None

    def test_the_scratch_database_is_named_after_the_live_one_and_can_be_dropped(self):
        # tests/conftest.py drops it after the run, as it drops the test database.
        engine = engine_for()
        self.assertEqual(
            engine.scratch_name, f"{connection.settings_dict['NAME']}_drill"
        )
        if not self.scratch_exists(engine):  # else a drill of this run made it
            with engine.connect(autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{engine.scratch_name}"')
        self.assertTrue(self.scratch_exists(engine))
        engine.drop_scratch()
        self.assertFalse(self.scratch_exists(engine))
        engine.drop_scratch()  # and again, when there is none
