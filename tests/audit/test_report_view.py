"""The audit trail report: permission, filters, keyset pages and exports."""

import csv
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit import trail
from audit.models import Event
from tests.audit.utils import AuditTestCase

URL = reverse("audit:events")


class ReportPermissionTest(AuditTestCase):
    def test_an_editor_without_the_permission_gets_403(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(URL).status_code, 403)
        results = self.client.get(reverse("audit:events_results"))
        self.assertEqual(results.status_code, 403)
        export = self.client.get(URL, {"export": "csv"})
        self.assertEqual(export.status_code, 403)

    def test_an_officer_with_the_permission_and_a_superuser_may_open_it(self):
        for user in (self.officer, self.admin):
            self.client.force_login(user)
            self.assertEqual(self.client.get(URL).status_code, 200)

    def test_the_menu_shows_it_only_to_those_who_may_open_it(self):
        self.client.force_login(self.officer)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), URL)
        self.client.force_login(self.editor)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), URL)


class ReportTest(AuditTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for number in range(60):
            trail.record(
                "audit.verified",
                actor=cls.officer if number % 2 else "system:audit.verify",
                obj=cls.editor,
                details={"number": number},
            )
        trail.record("auth.login", actor=cls.editor, obj=cls.editor)
        trail.record(
            "auth.login_failed",
            actor=None,
            obj=("auth.user", "", "tamu"),
            details={"username": "tamu-penyusup"},
        )

    def setUp(self):
        self.client.force_login(self.officer)

    def rows(self, response):
        return [event.sequence for event in response.context["object_list"]]

    def test_the_first_page_is_the_newest_fifty(self):
        response = self.client.get(URL)
        newest = Event.objects.order_by("-sequence")[:50]
        self.assertEqual(self.rows(response), [e.sequence for e in newest])
        self.assertContains(response, "Gagal masuk")
        self.assertIsNotNone(response.context["older_url"])
        self.assertIsNone(response.context["newer_url"])

    def test_older_and_newer_pages_follow_the_sequence(self):
        first = self.client.get(URL)
        older = self.client.get(first.context["older_url"])
        last_on_first = self.rows(first)[-1]
        self.assertEqual(self.rows(older)[0], last_on_first - 1)
        newer = self.client.get(older.context["newer_url"])
        self.assertEqual(self.rows(newer), self.rows(first))

    def test_it_filters_by_action(self):
        response = self.client.get(URL, {"action": "auth.login"})
        # The editor's login, and the officer's (force_login sends the signal).
        self.assertEqual(
            [(e.action, e.actor) for e in response.context["object_list"]],
            [("auth.login", "officer"), ("auth.login", "editor")],
        )

    def test_it_filters_by_period(self):
        today = timezone.localdate().isoformat()
        response = self.client.get(
            URL, {"timestamp_from": today, "timestamp_to": today}
        )
        self.assertEqual(len(self.rows(response)), 50)

    def test_it_filters_by_actor(self):
        response = self.client.get(URL, {"actor": self.officer.pk})
        events = response.context["object_list"]
        self.assertEqual(len(events), 31)  # 30 recorded, and the officer's login
        self.assertEqual({e.actor for e in events}, {"officer"})

    def test_it_filters_by_object_type_and_text(self):
        response = self.client.get(
            URL, {"object_type": "auth.user", "text": "penyusup"}
        )
        self.assertEqual(
            [e.action for e in response.context["object_list"]], ["auth.login_failed"]
        )

    def test_a_period_without_events_is_empty(self):
        response = self.client.get(
            URL, {"timestamp_from": "2001-01-01", "timestamp_to": "2001-01-02"}
        )
        self.assertEqual(self.rows(response), [])
        self.assertContains(response, "Tidak ada peristiwa audit yang ditemukan.")

    def test_a_deep_page_with_a_filter(self):
        third = Event.objects.filter(action="audit.verified").order_by("sequence")[2]
        response = self.client.get(
            URL, {"action": "audit.verified", "before": third.sequence}
        )
        self.assertEqual(len(self.rows(response)), 2)
        self.assertIsNone(response.context["older_url"])

    def test_events_link_to_objects_that_still_exist(self):
        self.client.force_login(self.admin)
        response = self.client.get(URL, {"action": "auth.login"})
        self.assertContains(
            response, reverse("wagtailusers_users:edit", args=[self.editor.pk])
        )

    def test_the_csv_export_holds_the_filtered_rows(self):
        response = self.client.get(
            URL, {"action": "auth.login_failed", "export": "csv"}
        )
        text = b"".join(response.streaming_content).decode()
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(rows[0][:4], ["Urutan", "Waktu (WIB)", "Pelaku", "Tindakan"])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][3], "auth.login_failed")
        self.assertIn("tamu-penyusup", rows[1][9])

    def test_the_xlsx_export_holds_the_filtered_rows_in_jakarta_time(self):
        response = self.client.get(
            URL, {"action": "auth.login", "actor": self.editor.pk, "export": "xlsx"}
        )
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Urutan")
        self.assertEqual(len(rows), 2)
        event = Event.objects.get(action="auth.login", actor="editor")
        self.assertEqual(rows[1][0], event.sequence)
        self.assertEqual(rows[1][3], "auth.login")
        self.assertEqual(rows[1][4], "Masuk")
        jakarta = timezone.localtime(event.timestamp).replace(tzinfo=None)
        self.assertEqual(
            rows[1][1].replace(microsecond=0), jakarta.replace(microsecond=0)
        )

    def test_the_dashboard_shows_the_chain_state(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Peristiwa hari ini")
        head = Event.objects.order_by("-sequence").first()
        self.assertContains(response, f"{head.sequence} ·")
