"""The feedback inbox: handling, audit events, the admin screens and exports."""

from __future__ import annotations

import csv
import datetime
import io
import json

import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Event
from home import inbox
from home.models import FeedbackItem, FeedbackMail
from tests.home.feedback import person
from tests.home.inbox_utils import InboxTestCase, make_item
from tests.scheduler.utils import wib

# Friday 4 December 2026, 09.00 WIB.
NOW = wib(2026, 12, 4, 9, 0)


class ReceivingTests(InboxTestCase):
    def setUp(self):
        cache.clear()

    def test_every_submission_lands_in_the_inbox_as_new(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.page.url, person(pesan="Jam buka klinik?"))
        item = FeedbackItem.objects.get()
        self.assertEqual(item.status, FeedbackItem.Status.NEW)
        self.assertEqual(item.sender_name, "Siti Rahma")
        self.assertEqual(item.sender_email, "siti@example.com")
        self.assertEqual(item.message, "Jam buka klinik?")
        self.assertEqual(item.received_at, item.submission.submit_time)
        # The officers' mail links to the item in the inbox.
        self.assertIn(f"/admin/feedback/{item.pk}/", mail.outbox[0].body)


class HandlingTests(InboxTestCase):
    def setUp(self):
        self.item = make_item(self.page, received=NOW)
        mail.outbox.clear()

    def events(self, action):
        return Event.objects.filter(
            action=action, object_type="home.feedbackitem", object_id=str(self.item.pk)
        )

    def test_assigning_puts_a_new_item_in_progress_and_is_recorded(self):
        inbox.assign(self.item, self.colleague, actor=self.officer)
        self.item.refresh_from_db()
        self.assertEqual(self.item.assignee, self.colleague)
        self.assertEqual(self.item.status, FeedbackItem.Status.IN_PROGRESS)
        event = self.events("feedback.assigned").get()
        self.assertEqual(event.actor, "petugas")
        self.assertEqual(json.loads(event.details)["to"], "rekan")

    def test_a_status_change_is_recorded_with_from_and_to(self):
        inbox.change_status(self.item, "closed", actor=self.officer)
        self.item.refresh_from_db()
        self.assertIsNotNone(self.item.handled_at)
        details = json.loads(self.events("feedback.status_changed").get().details)
        self.assertEqual(details, {"from": "new", "to": "closed"})
        # Re-opening clears the handled time.
        inbox.change_status(self.item, "in_progress", actor=self.officer)
        self.item.refresh_from_db()
        self.assertIsNone(self.item.handled_at)

    def test_an_answer_is_emailed_by_the_worker_and_recorded(self):
        with self.captureOnCommitCallbacks(execute=True):
            inbox.answer(
                self.item, "Klinik buka Sabtu pukul 08.00.", actor=self.officer
            )
        self.item.refresh_from_db()
        self.assertEqual(self.item.status, FeedbackItem.Status.ANSWERED)
        answer = FeedbackMail.objects.get(kind="answer")
        self.assertEqual(answer.status, FeedbackMail.Status.SENT)
        self.assertEqual(answer.created_by, self.officer)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["siti@example.com"])
        self.assertIn("Klinik buka Sabtu pukul 08.00.", message.body)
        self.assertIn("Yth. Siti Rahma", message.body)
        self.assertIn("Mohon tambah jadwal", message.body)
        details = json.loads(self.events("feedback.answered").get().details)
        self.assertEqual(details["mail"], answer.pk)


class ScreenTests(InboxTestCase):
    def setUp(self):
        with time_machine.travel(NOW, tick=False):
            # Monday 30 November (overdue on Friday) and Thursday 3 December.
            self.old = make_item(
                self.page, received=wib(2026, 11, 30, 10, 0), nama="Budi"
            )
            self.recent = make_item(
                self.page, received=wib(2026, 12, 3, 10, 0), nama="Ani"
            )
        mail.outbox.clear()

    def test_contributors_do_not_see_the_inbox(self):
        self.client.force_login(self.contributor)
        for url in [
            reverse("feedback_inbox:index"),
            reverse("feedback_inbox:item", args=[self.old.pk]),
            reverse("feedback_inbox:index") + "?export=csv",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, reverse("feedback_inbox:index"))

    def test_a_reader_sees_but_cannot_handle(self):
        self.client.force_login(self.reader)
        url = reverse("feedback_inbox:item", args=[self.old.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'name="action" value="answer"')
        response = self.client.post(
            url, {"action": "status", "status-status": "closed"}
        )
        self.assertEqual(response.status_code, 403)
        self.old.refresh_from_db()
        self.assertEqual(self.old.status, "new")

    def test_the_listing_flags_overdue_items_and_costs_the_same_for_more_rows(self):
        self.client.force_login(self.officer)
        url = reverse("feedback_inbox:index")
        with time_machine.travel(NOW, tick=False):
            self.client.get(url)  # warm caches (content types, permissions)
            with CaptureQueriesContext(connection) as few:
                response = self.client.get(url)
            self.assertContains(response, "Budi")
            self.assertContains(response, 'class="feedback-overdue"', count=1)
            self.assertContains(response, "Terlambat")
            for n in range(15):
                item = make_item(
                    self.page, received=wib(2026, 11, 20, 10, n), nama=f"W{n}"
                )
                inbox.assign(item, self.colleague, actor=self.officer)
            with CaptureQueriesContext(connection) as many:
                response = self.client.get(url)
        self.assertContains(response, "W14")
        self.assertEqual(len(many), len(few))

    def test_the_item_page_handles_status_assignee_notes_and_answer(self):
        self.client.force_login(self.officer)
        url = reverse("feedback_inbox:item", args=[self.old.pk])
        response = self.client.get(url)
        self.assertContains(response, "Mohon tambah jadwal pemeriksaan hari Sabtu.")
        self.client.post(
            url, {"action": "assign", "assign-assignee": self.colleague.pk}
        )
        self.client.post(url, {"action": "notes", "notes-notes": "Tanya ke klinik."})
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url, {"action": "answer", "answer-answer": "Sudah kami tambah."}
            )
        self.assertRedirects(response, url)
        self.old.refresh_from_db()
        self.assertEqual(self.old.assignee, self.colleague)
        self.assertEqual(self.old.notes, "Tanya ke klinik.")
        self.assertEqual(self.old.status, "answered")
        self.assertEqual(mail.outbox[-1].to, ["siti@example.com"])
        actions = set(
            Event.objects.filter(
                object_type="home.feedbackitem", object_id=str(self.old.pk)
            ).values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            {"feedback.assigned", "feedback.notes_changed", "feedback.answered"},
        )
        response = self.client.get(url)
        self.assertContains(response, "Sudah kami tambah.")
        self.assertContains(response, "Terkirim")

    def test_an_empty_answer_is_refused_with_a_message(self):
        self.client.force_login(self.officer)
        url = reverse("feedback_inbox:item", args=[self.old.pk])
        response = self.client.post(url, {"action": "answer", "answer-answer": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "harus diisi")
        self.assertFalse(FeedbackMail.objects.filter(kind="answer").exists())

    def test_csv_and_xlsx_exports_read_back(self):
        inbox.assign(self.recent, self.colleague, actor=self.officer)
        self.client.force_login(self.officer)
        url = reverse("feedback_inbox:index")
        with time_machine.travel(NOW, tick=False):
            response = self.client.get(url + "?export=csv")
            rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
            xlsx = self.client.get(url + "?export=xlsx")
        self.assertEqual(rows[0][:3], ["No.", "Diterima (WIB)", "Formulir"])
        by_name = {row[3]: row for row in rows[1:]}
        self.assertEqual(by_name["Budi"][1], "2026-11-30 10:00")
        self.assertEqual(by_name["Budi"][6], "Baru")
        self.assertEqual(by_name["Budi"][8], "4")
        self.assertEqual(by_name["Budi"][9], "Ya")
        self.assertEqual(by_name["Ani"][6], "Sedang diproses")
        self.assertEqual(by_name["Ani"][7], "Agus")
        self.assertEqual(by_name["Ani"][9], "")
        sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
        values = list(sheet.values)
        self.assertEqual(values[0][3], "Nama")
        names = {row[3]: row for row in values[1:]}
        self.assertEqual(names["Budi"][1], datetime.datetime(2026, 11, 30, 10, 0))
        self.assertEqual(
            names["Budi"][5], "Mohon tambah jadwal pemeriksaan hari Sabtu."
        )

    def test_the_dashboard_panel_shows_overdue_feedback(self):
        self.client.force_login(self.officer)
        with time_machine.travel(NOW, tick=False):
            response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "Masukan publik")
        self.assertContains(response, "1 masukan menunggu lebih dari 3 hari kerja")
        self.assertContains(response, f"#{self.old.pk} Budi")


class OverdueReminderTests(InboxTestCase):
    def setUp(self):
        with time_machine.travel(NOW, tick=False):
            self.old = make_item(
                self.page, received=wib(2026, 11, 30, 10, 0), nama="Budi"
            )
            self.recent = make_item(
                self.page, received=wib(2026, 12, 3, 10, 0), nama="Ani"
            )
        mail.outbox.clear()

    def remind(self, when):
        from home.tasks import remind_overdue_feedback_task

        with time_machine.travel(when, tick=False):
            with self.captureOnCommitCallbacks(execute=True):
                remind_overdue_feedback_task.call()

    def test_it_is_not_overdue_before_the_limit(self):
        with time_machine.travel(wib(2026, 12, 3, 23, 59), tick=False):
            self.assertFalse(inbox.overdue_items().exists())
        with time_machine.travel(wib(2026, 12, 4, 0, 0), tick=False):
            self.assertEqual(list(inbox.overdue_items()), [self.old])

    def test_officers_are_mailed_once_a_day_until_it_is_handled(self):
        self.remind(wib(2026, 12, 4, 8, 0))
        self.assertEqual(len(mail.outbox), 1)
        reminder = mail.outbox[0]
        self.assertEqual(
            sorted(reminder.to), ["petugas.web@example.com", "rekan@example.com"]
        )
        self.assertIn("1 masukan terlambat", reminder.subject)
        self.assertIn("Budi", reminder.body)
        self.assertNotIn("Ani", reminder.body)
        # Run again the same day (e.g. "run now"): nothing more.
        self.remind(wib(2026, 12, 4, 15, 0))
        self.assertEqual(len(mail.outbox), 1)
        # Monday: Budi still waits, Ani (due Tuesday... no: Thursday + 3 =
        # Tuesday) not yet overdue.
        self.remind(wib(2026, 12, 7, 8, 0))
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("Budi", mail.outbox[1].body)
        self.assertNotIn("Ani", mail.outbox[1].body)
        # Handled: no more reminders about it.
        inbox.change_status(self.old, "closed", actor=self.officer)
        self.remind(wib(2026, 12, 8, 8, 0))
        self.assertEqual(len(mail.outbox), 2)
        # Wednesday: Ani is overdue now.
        self.remind(wib(2026, 12, 9, 8, 0))
        self.assertEqual(len(mail.outbox), 3)
        self.assertIn("Ani", mail.outbox[2].body)
        self.assertEqual(
            Event.objects.filter(action="feedback.overdue_reminded").count(), 3
        )

    def test_a_holiday_delays_overdue(self):
        from django.test import override_settings

        with override_settings(HOME_FEEDBACK_OVERDUE_WORKING_DAYS=5):
            with time_machine.travel(wib(2026, 12, 8, 8, 0), tick=False):
                # Monday 30 Nov + 5 working days = Monday 7 Dec: overdue on the 8th.
                self.assertEqual(list(inbox.overdue_items()), [self.old])


class BackfillTests(InboxTestCase):
    def test_submissions_stored_before_the_inbox_land_in_it_as_new(self):
        from importlib import import_module

        from django.apps import apps
        from wagtail.contrib.forms.models import FormSubmission

        migration = import_module("home.migrations.0003_feedback_inbox")
        submission = FormSubmission.objects.create(
            page=self.page,
            form_data={
                "nama": "Lama",
                "email": "lama@example.com",
                "kategori": "Saran",
                "pesan": "Dari sebelum kotak masukan.",
            },
        )
        migration.backfill_items(apps, None)
        migration.backfill_items(apps, None)  # run twice: nothing doubled
        item = FeedbackItem.objects.get()
        self.assertEqual(item.submission, submission)
        self.assertEqual(item.status, "new")
        self.assertEqual(
            (item.sender_name, item.sender_email, item.message),
            ("Lama", "lama@example.com", "Dari sebelum kotak masukan."),
        )
        self.assertEqual(item.received_at, submission.submit_time)
