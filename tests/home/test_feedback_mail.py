"""Submissions are stored before any email is tried; a mail server that is
down loses nothing, and the worker tries again with a growing delay."""

from __future__ import annotations

import datetime
import json
import socket

import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from audit.models import Event
from home import inbox_mail
from home.inbox_mail import send_feedback_mail_task
from home.models import FeedbackItem, FeedbackMail, SiteSettings
from home.tasks import retry_feedback_mail_task
from tests.home.builders import build_feedback_page, build_home
from tests.home.feedback import person


def closed_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mail_server_down():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=closed_port(),
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    )


class MailServerDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())
        # As on a running site, where the first visit has made them: a
        # submission then queues its mail and nothing else (no page-cache bump).
        SiteSettings.for_site(cls.page.get_site())

    def setUp(self):
        cache.clear()

    def test_the_submission_is_stored_before_any_email_is_tried(self):
        with mail_server_down(), self.captureOnCommitCallbacks() as callbacks:
            response = self.client.post(self.page.url, person())
            self.assertEqual(response.status_code, 303)
            # Committed with its inbox item and its mail, nothing tried yet.
            item = FeedbackItem.objects.get()
            self.assertEqual(item.submission, FormSubmission.objects.get())
            notification = FeedbackMail.objects.get(item=item)
            self.assertEqual(notification.attempts, 0)
        self.assertEqual(len(callbacks), 1)

    def test_a_mail_server_that_is_down_loses_nothing_and_the_worker_retries(self):
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            with mail_server_down(), self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(self.page.url, person())
        self.assertEqual(response.status_code, 303)
        item = FeedbackItem.objects.get()
        self.assertEqual(item.sender_name, "Siti Rahma")
        notification = FeedbackMail.objects.get()
        self.assertEqual(notification.status, FeedbackMail.Status.PENDING)
        self.assertEqual(notification.attempts, 1)
        self.assertIn("ConnectionRefusedError", notification.last_error)
        self.assertEqual(
            notification.next_attempt_at, start + datetime.timedelta(seconds=60)
        )
        self.assertEqual(mail.outbox, [])

        # Not due yet: the sweep leaves it alone.
        with time_machine.travel(start + datetime.timedelta(seconds=30)):
            retry_feedback_mail_task.call()
        notification.refresh_from_db()
        self.assertEqual(notification.attempts, 1)

        # Still down at the second attempt: the delay doubles.
        with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
            with mail_server_down():
                retry_feedback_mail_task.call()
        notification.refresh_from_db()
        self.assertEqual(notification.attempts, 2)
        self.assertEqual(
            notification.next_attempt_at, start + datetime.timedelta(seconds=61 + 120)
        )

        # The server is back: the next sweep sends it, once.
        with time_machine.travel(start + datetime.timedelta(seconds=200)):
            retry_feedback_mail_task.call()
            retry_feedback_mail_task.call()
        notification.refresh_from_db()
        self.assertEqual(notification.status, FeedbackMail.Status.SENT)
        self.assertEqual(notification.attempts, 3)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["petugas@example.com"])
        self.assertIn("Mohon tambah jadwal", mail.outbox[0].body)

    @override_settings(HOME_FEEDBACK_MAIL_MAX_ATTEMPTS=3)
    def test_after_the_last_attempt_the_mail_is_failed_recorded_and_can_be_resent(self):
        with mail_server_down(), self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.page.url, person())
        notification = FeedbackMail.objects.get()
        for hours in (2, 4):
            with time_machine.travel(timezone.now() + datetime.timedelta(hours=hours)):
                with mail_server_down():
                    retry_feedback_mail_task.call()
        notification.refresh_from_db()
        self.assertEqual(notification.status, FeedbackMail.Status.FAILED)
        self.assertEqual(notification.attempts, 3)
        event = Event.objects.get(action="feedback.mail_failed")
        self.assertEqual(json.loads(event.details)["attempts"], 3)
        # Nothing picks a failed mail up again by itself...
        retry_feedback_mail_task.call()
        self.assertEqual(mail.outbox, [])
        # ...until an officer sends it again.
        with self.captureOnCommitCallbacks(execute=True):
            inbox_mail.send_again(notification, actor="system:test")
        notification.refresh_from_db()
        self.assertEqual(notification.status, FeedbackMail.Status.SENT)
        self.assertEqual(len(mail.outbox), 1)

    def test_retry_delays_grow_and_stop_at_an_hour(self):
        delays = [inbox_mail.retry_delay(n).total_seconds() for n in range(1, 9)]
        self.assertEqual(delays, [60, 120, 240, 480, 960, 1920, 3600, 3600])

    def test_a_mail_is_sent_only_once_even_if_two_workers_pick_it_up(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.page.url, person())
        notification = FeedbackMail.objects.get()
        self.assertEqual(notification.status, FeedbackMail.Status.SENT)
        send_feedback_mail_task.call(notification.pk)
        self.assertEqual(len(mail.outbox), 1)


class DeferredRetryTests(TestCase):
    """With the database queue (production's), a failed send queues its own
    next attempt with run_after."""

    @classmethod
    def setUpTestData(cls):
        cls.page = build_feedback_page(build_home())

    def setUp(self):
        cache.clear()

    def test_the_task_queues_its_next_attempt_after_the_delay(self):
        from django_tasks_db.models import DBTaskResult

        db_queue = {
            "default": {
                "BACKEND": "django_tasks_db.DatabaseBackend",
                "QUEUES": ["default"],
            }
        }
        start = timezone.now()
        later = start + datetime.timedelta(seconds=61)
        with mail_server_down():
            with time_machine.travel(start, tick=False):
                with self.captureOnCommitCallbacks(execute=True):
                    self.client.post(self.page.url, person())
            notification = FeedbackMail.objects.get()
            with time_machine.travel(later, tick=False):
                with override_settings(TASKS=db_queue):
                    result = send_feedback_mail_task.call(notification.pk)
        self.assertTrue(result.startswith("retry at"))
        queued = DBTaskResult.objects.get(
            task_path="home.inbox_mail.send_feedback_mail_task"
        )
        self.assertEqual(queued.args_kwargs["args"], [notification.pk])
        notification.refresh_from_db()
        self.assertEqual(notification.attempts, 2)
        self.assertEqual(queued.run_after, notification.next_attempt_at)
        self.assertEqual(queued.run_after, later + datetime.timedelta(seconds=120))

    def test_a_mail_queued_under_the_tasks_old_path_is_still_sent(self):
        # Rows store the task's import path; those queued before the task
        # moved to home/inbox_mail.py name home.tasks.
        from django_tasks_db.models import DBTaskResult

        db_queue = {
            "default": {
                "BACKEND": "django_tasks_db.DatabaseBackend",
                "QUEUES": ["default"],
            }
        }
        with override_settings(TASKS=db_queue):
            with self.captureOnCommitCallbacks(execute=True):
                self.client.post(self.page.url, person())
            queued = DBTaskResult.objects.get()
            DBTaskResult.objects.filter(pk=queued.pk).update(
                task_path="home.tasks.send_feedback_mail_task"
            )
            self.assertEqual(mail.outbox, [])
            # What db_worker does with a row (its run_task), minus the
            # connection handling a test case cannot take.
            queued.refresh_from_db()
            result = queued.task.call(*queued.task_result.args)
        self.assertEqual(result, "done")
        self.assertEqual(FeedbackMail.objects.get().status, FeedbackMail.Status.SENT)
        self.assertEqual(len(mail.outbox), 1)
