"""Background work of the public site, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from cms.scheduler.registry import Daily, Every, periodic
from home import images, inbox, inbox_mail

# The task lives beside the mail it sends. Queued rows store a task's import
# path, and rows queued before the move name it here: keep this name.
send_feedback_mail_task = inbox_mail.send_feedback_mail_task


@task()
def generate_page_renditions_task(page_id: int) -> str:
    """Make the renditions a published page shows, before visitors ask."""
    return f"{images.generate_for_page(page_id)} images"


@task()
def generate_image_renditions_task(image_id: int) -> str:
    """Make an image's renditions again for the pages that show it."""
    return f"{images.generate_for_image(image_id)} images"


@periodic(
    name="home.feedback_mail_retry",
    default=Every(minutes=5),
    label=_("Send feedback emails that are due again"),
    max_duration=timedelta(minutes=30),
)
def retry_feedback_mail_task() -> None:
    for mail_id in inbox_mail.due_mail_ids():
        inbox_mail.send_feedback_mail_task.enqueue(mail_id)


@periodic(
    name="home.feedback_overdue_reminder",
    default=Daily(hour=8, minute=0),
    label=_("Remind the officers of overdue feedback"),
    max_duration=timedelta(minutes=30),
)
def remind_overdue_feedback_task() -> None:
    inbox.remind_overdue()


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
