"""The supervisor's and officers' dashboard panels, overdue reminders and turnaround."""

from __future__ import annotations

import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import TaskState

from audit.models import Event
from home import moderation
from home.models import ArticleIndexPage
from home.tasks import moderation_reminders_task
from tests.home.builders import build_article, publish
from tests.home.workflow_base import ModerationTestCase, at


def start_review(page, user):
    """Submit ``page`` to the content workflow as ``user`` (model API)."""
    page.save_revision(user=user)
    return moderation.content_workflow().start(page, user)


class DashboardTests(ModerationTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.tu_news = publish(
            cls.tata_usaha, ArticleIndexPage(title="Berita TU", slug="berita-tu")
        )

    def make_pending(self, n, parent=None, user=None, start=None):
        pages = []
        with time_machine.travel(start or at(2026, 11, 23, 9), tick=False):
            for i in range(n):
                page = build_article(
                    parent or self.news,
                    f"Artikel {len(pages)}-{i}-{parent and parent.pk}",
                )
                start_review(page, user or self.citra)
                pages.append(page)
        return pages

    def approve_all(self, user, when):
        with time_machine.travel(when, tick=False):
            states = TaskState.objects.filter(
                status="in_progress", task__groupapprovaltask__groups__user=user
            )
            for state in states:
                state.specific.approve(user=user)

    def test_the_supervisor_finds_what_awaits_them_with_subdivision_and_age(self):
        [page] = self.make_pending(1)
        self.approve_all(self.oki, at(2026, 11, 23, 11))
        self.login(self.sari)
        with time_machine.travel(at(2026, 11, 24, 11), tick=False):
            response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "moderation-awaiting-you")
        panel = response.content.decode().split('id="moderation-awaiting-you-section"')[
            1
        ]
        self.assertIn(page.title, panel)
        self.assertIn("Humas", panel)
        self.assertIn("8 jam kerja", panel)  # Monday 11.00 to Tuesday 11.00
        self.assertNotIn("moderation-overdue", panel)

    def test_an_overdue_item_shows_in_red(self):
        self.make_pending(1)
        self.login(self.oki)
        with time_machine.travel(at(2026, 11, 30, 9), tick=False):
            response = self.client.get(reverse("wagtailadmin_home"))
        panel = response.content.decode().split('id="moderation-awaiting-you-section"')[
            1
        ]
        self.assertIn("moderation-overdue", panel)
        self.assertIn("w-text-critical-200", panel)

    def test_officers_see_pending_per_subdivision(self):
        self.make_pending(2)
        self.make_pending(1, parent=self.tu_news, user=self.tono)
        rows = {str(r.subdivision): r for r in moderation.turnaround_rows()}
        self.assertEqual(rows["Humas"].pending_by_step, {0: 2})
        self.assertEqual(rows["Tata Usaha"].pending_by_step, {0: 1})
        self.login(self.oki)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, "moderation-subdivisions")
        # Contributors see neither panel.
        self.login(self.citra)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertNotContains(response, "moderation-subdivisions")
        self.assertNotContains(response, "moderation-awaiting-you")

    def test_turnaround_median_and_p90_in_working_hours(self):
        self.make_pending(1, start=at(2026, 11, 23, 9))
        self.approve_all(self.oki, at(2026, 11, 23, 10))
        self.approve_all(self.sari, at(2026, 11, 23, 12))  # 3 working hours
        self.make_pending(1, start=at(2026, 11, 23, 9))
        self.approve_all(self.oki, at(2026, 11, 24, 9))
        self.approve_all(self.sari, at(2026, 11, 24, 10))  # 7 + 2 = 9 hours
        with time_machine.travel(at(2026, 11, 25, 9), tick=False):
            rows = {str(r.subdivision): r for r in moderation.turnaround_rows()}
        self.assertEqual(sorted(rows["Humas"].turnarounds), [3.0, 9.0])
        self.assertEqual(rows["Humas"].median, 3.0)
        self.assertEqual(rows["Humas"].p90, 9.0)
        self.assertIsNone(rows["Tata Usaha"].median)

    def render_panels(self, user):
        from django.test import RequestFactory

        from home.admin_views import AwaitingYouPanel, SubdivisionsPanel

        request = RequestFactory().get("/admin/")
        request.user = user
        context = {"request": request, "csrf_token": "x"}
        with CaptureQueriesContext(connection) as queries:
            html = AwaitingYouPanel().render_html(context)
            html += SubdivisionsPanel().render_html(context)
        return html, len(queries)

    def test_the_panels_query_count_does_not_grow_with_items(self):
        self.make_pending(1)
        self.approve_all(self.oki, at(2026, 11, 23, 10))
        self.render_panels(self.sari)
        html, few = self.render_panels(self.sari)
        self.assertEqual(html.count("<tr"), 1 + 1 + 1 + 3)
        self.make_pending(5)
        self.make_pending(3, parent=self.tu_news, user=self.tono)
        self.approve_all(self.oki, at(2026, 11, 23, 10))
        html, many = self.render_panels(self.sari)
        self.assertEqual(html.count("<tr"), 1 + 9 + 1 + 3)
        self.assertEqual(few, many)


class ReminderTests(ModerationTestCase):
    def test_the_daily_job_reminds_the_reviewer_of_an_overdue_item(self):
        with time_machine.travel(at(2026, 11, 23, 9), tick=False):
            page = build_article(self.news, "Pengumuman libur")
            with self.captureOnCommitCallbacks(execute=True):
                start_review(page, self.citra)
        mail.outbox.clear()

        # Due Wednesday 16.00: nothing on Wednesday morning ...
        with time_machine.travel(at(2026, 11, 25, 8), tick=False):
            moderation_reminders_task.call()
        self.assertEqual(mail.outbox, [])
        # ... none on a public holiday (Christmas, a Friday) ...
        with time_machine.travel(at(2026, 12, 25, 8), tick=False):
            moderation_reminders_task.call()
        self.assertEqual(mail.outbox, [])
        # ... the officers are reminded on Thursday.
        with time_machine.travel(at(2026, 11, 26, 8), tick=False):
            moderation_reminders_task.call()
        self.assertEqual([m.to for m in mail.outbox], [[self.oki.email]])
        self.assertIn("Pengumuman libur", mail.outbox[0].subject)
        self.assertTrue(
            Event.objects.filter(
                action="home.workflow_reminded", object_id=str(page.pk)
            ).exists()
        )

    def test_the_reminder_job_is_registered_daily(self):
        from cms.scheduler.registry import registry

        job = registry.get("home.moderation_reminders")
        self.assertEqual(job.task, moderation_reminders_task)
