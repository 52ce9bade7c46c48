"""The whole path contributor -> officer -> supervisor -> live, through the admin."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from audit.models import Event
from home.moderation import WORKFLOW_NAME
from tests.home.workflow_base import ModerationTestCase


def mail_to(user):
    return [m for m in mail.outbox if user.email in m.to]


class ModerationPathTests(ModerationTestCase):
    def test_a_contributor_page_goes_live_only_through_both_approvals(self):
        page = self.submit_article(self.citra)
        self.assertFalse(page.live)
        state = page.current_workflow_state
        self.assertEqual(state.workflow.name, WORKFLOW_NAME)
        self.assertEqual(
            state.current_task_state.task.name, "Tinjauan Petugas Pengelola Website"
        )
        # Only the officer is told: Wagtail's own notifiers are disconnected.
        self.assertEqual([m.to for m in mail.outbox], [[self.oki.email]])
        self.assertIn("Vaksinasi awak kabin", mail.outbox[0].subject)
        self.assertIn("Humas", mail.outbox[0].body)

        mail.outbox.clear()
        self.act(self.oki, page, "approve", comment="Sudah sesuai, teruskan.")
        page.refresh_from_db()
        self.assertFalse(page.live)
        # The comment reaches the submitter (wagtail#7542); the supervisor is told.
        to_citra = mail_to(self.citra)
        self.assertEqual(len(to_citra), 1)
        self.assertIn("Sudah sesuai, teruskan.", to_citra[0].body)
        self.assertEqual(len(mail_to(self.sari)), 1)

        mail.outbox.clear()
        self.act(self.sari, page, "approve", comment="Disetujui.")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(self.client.logout(), None)
        response = self.client.get(page.url)
        self.assertContains(response, "Vaksinasi awak kabin")
        final = mail_to(self.citra)
        self.assertEqual(len(final), 1)
        self.assertIn("Disetujui.", final[0].body)

        actions = set(
            Event.objects.filter(object_id=str(page.pk)).values_list(
                "action", flat=True
            )
        )
        self.assertTrue(
            {
                "wagtail.workflow.start",
                "wagtail.workflow.approve",
                "wagtail.publish",
                "home.workflow_notified",
            }
            <= actions,
            actions,
        )

    def test_a_rejection_with_a_comment_then_resubmission_and_approval(self):
        page = self.submit_article(self.citra)
        self.act(self.oki, page, "approve", comment="OK dari petugas")
        mail.outbox.clear()

        self.act(self.sari, page, "reject", comment="Foto belum ada izin.")
        state = WorkflowState.objects.get(pk=page.current_workflow_state.pk)
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        # Submitter and the officer who passed it on both hear, with the reason
        # (wagtail#10196).
        for user in (self.citra, self.oki):
            received = mail_to(user)
            self.assertEqual(len(received), 1, user)
            self.assertIn("Foto belum ada izin.", received[0].body)
        self.assertEqual(mail_to(self.sari), [])

        # Citra edits and resubmits: the step that rejected it decides again.
        mail.outbox.clear()
        self.login(self.citra)
        from django.urls import reverse

        from tests.home.workflow_base import article_form

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                article_form("Vaksinasi awak kabin", page.slug, summary="Diperbaiki"),
            )
        self.assertEqual(response.status_code, 302)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(len(mail_to(self.sari)), 1)

        self.act(self.sari, page, "approve")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.specific.summary, "Diperbaiki")
        actions = set(
            Event.objects.filter(object_id=str(page.pk)).values_list(
                "action", flat=True
            )
        )
        self.assertTrue(
            {"wagtail.workflow.reject", "wagtail.workflow.resume"} <= actions
        )

    def test_an_officer_rejection_tells_the_submitter_with_the_reason(self):
        page = self.submit_article(self.citra)
        mail.outbox.clear()
        self.act(self.oki, page, "reject", comment="Judul terlalu panjang.")
        self.assertEqual([m.to for m in mail.outbox], [[self.citra.email]])
        self.assertIn("Judul terlalu panjang.", mail.outbox[0].body)

    @override_settings(WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS=False)
    def test_reviewers_are_told_even_when_superusers_are_excluded(self):
        from tests.home.workflow_base import make_user

        boss = make_user("boss", "Atasan Langsung", is_superuser=True, is_staff=True)
        page = self.submit_article(self.citra)
        mail.outbox.clear()
        self.act(self.oki, page, "approve")
        told = {m.to[0] for m in mail.outbox}
        self.assertIn(self.sari.email, told)
        self.assertIn(boss.email, told)

    def test_the_mail_is_sent_after_commit_not_inside_the_request(self):
        self.login(self.citra)
        from django.urls import reverse

        from tests.home.workflow_base import article_form

        url = reverse(
            "wagtailadmin_pages:add", args=("home", "articlepage", self.news.pk)
        )
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            self.client.post(url, article_form("Berita", "berita-baru"))
        self.assertEqual(mail.outbox, [])
        for callback in callbacks:
            callback()
        self.assertEqual(len(mail.outbox), 1)

    def test_scheduled_publishing_still_works_for_approved_pages(self):
        go_live = timezone.localtime() + datetime.timedelta(days=2)
        page = self.submit_article(
            self.citra,
            title="Jadwal libur",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        )
        self.act(self.oki, page, "approve")
        self.act(self.sari, page, "approve")
        page = Page.objects.get(pk=page.pk)
        self.assertFalse(page.live)
        self.assertIsNotNone(page.scheduled_revision)
        # Two days later the scheduler's job publishes it.
        later = timezone.now() + datetime.timedelta(days=3)
        from unittest import mock

        with mock.patch("django.utils.timezone.now", return_value=later):
            call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertTrue(page.live)
