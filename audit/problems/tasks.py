"""Background work of problems: the step mails, and late jobs opening problems."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from audit.problems import causes, emails
from cms.scheduler.registry import Every, periodic


@task()
def send_step_mail_task(problem_id: int, kind: str) -> int:
    return emails.send_step_mail(problem_id, kind)


@periodic(
    name="problems.late_jobs",
    default=Every(minutes=15),
    label=_("Open problems for late scheduled jobs"),
    grace=timedelta(minutes=10),
    max_duration=timedelta(minutes=5),
)
def late_jobs_task() -> None:
    causes.open_for_late_jobs()
