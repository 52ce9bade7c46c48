"""The database is tuned for a web server, a worker and a scheduler at once."""

from __future__ import annotations

from unittest import skipUnless

from django.db import connection
from django.test import TestCase


@skipUnless(connection.vendor == "sqlite", "SQLite tuning")
class SqliteTuningTests(TestCase):
    def test_sqlite_runs_in_wal_mode_with_immediate_transactions(self):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            self.assertEqual(cursor.fetchone()[0], "wal")
            cursor.execute("PRAGMA foreign_keys")
            self.assertEqual(cursor.fetchone()[0], 1)
            cursor.execute("PRAGMA busy_timeout")
            self.assertEqual(cursor.fetchone()[0], 20_000)
        self.assertEqual(connection.transaction_mode, "IMMEDIATE")


@skipUnless(connection.vendor == "postgresql", "PostgreSQL settings")
class PostgresqlSettingsTests(TestCase):
    def test_connections_are_kept_and_health_checked(self):
        self.assertEqual(connection.settings_dict["CONN_MAX_AGE"], 60)
        self.assertTrue(connection.settings_dict["CONN_HEALTH_CHECKS"])

    def test_the_database_speaks_utf8_and_keeps_time_in_utc(self):
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_encoding")
            self.assertEqual(cursor.fetchone()[0], "UTF8")
            cursor.execute("SHOW TIME ZONE")
            self.assertEqual(cursor.fetchone()[0], "UTC")
