"""The Wagtail admin speaks Bahasa Indonesia unless a user chooses English."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from wagtail.users.models import UserProfile


class AdminLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.officer = get_user_model().objects.create_superuser(
            username="officer", email="officer@example.com", password="pw-officer-1"
        )

    def test_the_login_page_is_in_indonesian(self):
        response = self.client.get("/admin/login/")
        self.assertContains(response, "Masuk")
        self.assertContains(response, 'lang="id-id"')

    def test_the_dashboard_is_in_indonesian_by_default(self):
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        self.assertContains(response, "Dasbor")
        self.assertContains(response, "Halaman")

    def test_strings_wagtail_leaves_untranslated_are_indonesian_too(self):
        # Wagtail's id_ID catalogue lacks these; locale/id fills the gaps.
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        for indonesian in ("Laporan", "Bantuan", "Cari semua halaman"):
            self.assertContains(response, indonesian)
        for english in ("Reports", "Search all pages", "editor guide"):
            self.assertNotContains(response, english)

    def test_a_user_who_chose_english_gets_english(self):
        profile = UserProfile.get_for_user(self.officer)
        profile.preferred_language = "en"
        profile.save()
        self.client.force_login(self.officer)
        response = self.client.get("/admin/")
        self.assertContains(response, "Dashboard")
        self.assertNotContains(response, "Dasbor")


class SqliteTuningTests(TestCase):
    def test_sqlite_runs_in_wal_mode_with_immediate_transactions(self):
        if connection.vendor != "sqlite":
            self.assertEqual(connection.vendor, "postgresql")
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            self.assertEqual(cursor.fetchone()[0], "wal")
        self.assertEqual(connection.transaction_mode, "IMMEDIATE")
