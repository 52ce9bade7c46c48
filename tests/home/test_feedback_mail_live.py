"""The real worker keeps a feedback notification until the mail server takes it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.core.cache import cache
from django.test import override_settings

from home.models import FeedbackItem, FeedbackMail
from tests.home.builders import build_feedback_page, build_home
from tests.home.feedback import person
from tests.home.test_feedback_mail import closed_port
from tests.live import LiveTestCase, start_worker, wait_for

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


class WorkerRetryTests(LiveTestCase):
    def setUp(self):
        cache.clear()
        self.page = build_feedback_page(build_home())
        self.tmp = Path(tempfile.mkdtemp(prefix="bkp-inbox-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def test_a_mail_server_that_is_down_loses_nothing_and_the_worker_retries(self):
        with override_settings(TASKS=DATABASE_QUEUE):
            response = self.client.post(self.page.url, person())
        self.assertEqual(response.status_code, 303)
        item = FeedbackItem.objects.get()
        notification = FeedbackMail.objects.get(item=item)

        down = start_worker(
            self.tmp,
            CMS_TEST_SMTP="1",
            DJANGO_EMAIL_HOST="127.0.0.1",
            DJANGO_EMAIL_PORT=str(closed_port()),
            HOME_FEEDBACK_MAIL_RETRY_SECONDS="1",
        )
        self.addCleanup(down.stop)

        def attempts() -> int:
            notification.refresh_from_db()
            return notification.attempts

        # The worker tries, fails, and queues its own next attempt.
        wait_for(
            lambda: attempts() >= 2,
            timeout=30,
            message=lambda: "no retry:\n" + down.output(),
        )
        down.stop()
        notification.refresh_from_db()
        self.assertNotEqual(notification.status, FeedbackMail.Status.SENT)
        self.assertIn("Connection refused", notification.last_error)

        # The mail server is back (the file backend stands in for it): the
        # queued retry sends the notification.
        mail_dir = self.tmp / "mail"
        up = start_worker(
            self.tmp,
            DJANGO_EMAIL_FILE_PATH=str(mail_dir),
            HOME_FEEDBACK_MAIL_RETRY_SECONDS="1",
        )
        self.addCleanup(up.stop)

        def sent() -> bool:
            notification.refresh_from_db()
            return notification.status == FeedbackMail.Status.SENT

        wait_for(sent, timeout=30, message=lambda: "not sent:\n" + up.output())
        text = "".join(p.read_text(errors="replace") for p in mail_dir.iterdir())
        self.assertIn("Mohon tambah jadwal pemeriksaan hari Sabtu.", text)
        self.assertGreaterEqual(notification.attempts, 3)
