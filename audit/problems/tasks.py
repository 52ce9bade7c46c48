"""Periodic work of problems: late jobs open problems. (The step mails are
sent by ``emails.send_step_mail_task``.)"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from audit.problems import causes
from cms.scheduler.registry import Every, periodic


@periodic(
    name="problems.late_jobs",
    default=Every(minutes=15),
    label=_("Open problems for late scheduled jobs"),
    grace=timedelta(minutes=10),
    max_duration=timedelta(minutes=5),
)
def late_jobs_task() -> None:
    causes.open_for_late_jobs()
