"""Background work of the public site, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.scheduler.registry import Daily, periodic
from home.notifications import send_feedback_notification


@task()
def notify_feedback_task(submission_id: int) -> bool:
    return send_feedback_notification(submission_id)


# --- Moderation workflow (home/workflow_notifications.py) -----------------------


@task()
def notify_workflow_task(event: str, task_state_id: int) -> int:
    from home.workflow_notifications import send_workflow_notification

    return send_workflow_notification(event, task_state_id)


@periodic(
    name="home.moderation_reminders",
    default=Daily(hour=8, minute=0),
    label=_("Remind reviewers of overdue moderation items"),
    max_duration=timedelta(minutes=30),
)
def moderation_reminders_task() -> int:
    from home.workflow_notifications import remind_overdue

    return remind_overdue()
