"""Background work of the public site, run by the task worker."""

from __future__ import annotations

from django_tasks import task

from home.notifications import send_feedback_notification


@task()
def notify_feedback_task(submission_id: int) -> bool:
    return send_feedback_notification(submission_id)
