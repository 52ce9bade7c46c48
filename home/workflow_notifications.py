"""Mail about the moderation workflow, sent by the task worker after commit.

Replaces Wagtail's own workflow notifiers (disconnected in
``home.signal_handlers``), which send synchronously inside the request's
transaction and leave gaps this SOP cannot accept:

1. the comment given with an approval or a rejection reaches the submitter
   (wagtail#7542);
2. a rejection at a later step tells the submitter *and* every reviewer who
   passed the item on in this run (wagtail#10196);
3. the reviewers of a step (the members of its groups) are told whenever
   something waits for them, whether or not superusers are included in
   Wagtail's notifications (``WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS``).

Each mail is written in its recipient's admin language, and every message
sent is recorded in the audit trail (who was told, about what).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from audit.trail import record
from home import moderation
from home.dates import site_zone

SUBMITTED = "submitted"
PASSED_ON = "passed_on"
APPROVED = "approved"
REJECTED = "rejected"
REMINDER = "reminder"
EVENTS = (SUBMITTED, PASSED_ON, APPROVED, REJECTED, REMINDER)

# Wagtail's notification preferences (UserProfile.<kind>_notifications).
PREFERENCE = {
    SUBMITTED: "submitted_notifications",
    REMINDER: "submitted_notifications",
    PASSED_ON: "approved_notifications",
    APPROVED: "approved_notifications",
    REJECTED: "rejected_notifications",
}


def reviewers(task_state: TaskState):
    """Active members of the step's groups: the people who decide it."""
    groups = task_state.task.specific.groups.all()
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()


def earlier_approvers(task_state: TaskState):
    """Everyone who approved an earlier step of this workflow run."""
    ids = TaskState.objects.filter(
        workflow_state_id=task_state.workflow_state_id,
        status=TaskState.STATUS_APPROVED,
        finished_by__isnull=False,
    ).values("finished_by")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def _recipients(users, *, exclude, event: str) -> list:
    chosen, seen = [], set()
    for user in users:
        if not user or not user.email or user.pk in seen or user.pk == exclude:
            continue
        seen.add(user.pk)
        profile = UserProfile.get_for_user(user)
        if getattr(profile, PREFERENCE[event], True):
            chosen.append(user)
    return chosen


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_workflow_notification(event: str, task_state_id: int) -> int:
    """Mail everyone the ``event`` concerns about one task state; returns how
    many messages were sent."""
    if event not in EVENTS:
        raise ValueError(f"Unknown workflow notification {event!r}.")
    task_state = (
        TaskState.objects.select_related(
            "workflow_state__requested_by", "finished_by", "task"
        )
        .filter(pk=task_state_id)
        .first()
    )
    if task_state is None:
        return 0
    workflow_state = task_state.workflow_state
    submitter = workflow_state.requested_by
    actor = task_state.finished_by

    if event in (SUBMITTED, REMINDER):
        if task_state.status != TaskState.STATUS_IN_PROGRESS:
            return 0  # decided before the worker got here: nothing waits
        users = list(reviewers(task_state))
        exclude = submitter.pk if event == SUBMITTED and submitter else None
    elif event == REJECTED:
        users = [submitter, *earlier_approvers(task_state)]
        exclude = actor.pk if actor else None
    else:
        # The last step's approval publishes: say so rather than "passed on".
        final = (
            workflow_state.status == WorkflowState.STATUS_APPROVED
            and workflow_state.current_task_state_id == task_state.pk
        )
        event = APPROVED if final else PASSED_ON
        users = [submitter]
        exclude = actor.pk if actor else None
    recipients = _recipients(users, exclude=exclude, event=event)

    page = Page.objects.filter(pk=workflow_state.object_id).first()
    if page is None:
        return 0
    page = page.specific_deferred
    index = moderation.step_orders().get(task_state.task_id, 0)
    context = {
        "event": event,
        "page": page,
        "task": task_state.task,
        "task_state": task_state,
        "comment": task_state.comment,
        "actor": actor,
        "submitter": submitter,
        "subdivision": moderation.subdivision_of_page(page),
        "due": moderation.due_at(task_state.started_at, index),
        "go_live_at": page.go_live_at,
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "history_url": admin_url(
            reverse("wagtailadmin_pages:workflow_history", args=[page.pk])
        ),
    }
    messages = []
    for user in recipients:
        language = UserProfile.get_for_user(user).get_preferred_language()
        with translation.override(language):
            context["user"] = user
            subject = render_to_string("home/emails/workflow_subject.txt", context)
            text = render_to_string("home/emails/workflow_body.txt", context)
            html = render_to_string("home/emails/workflow_body.html", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=text, to=[user.email]
        )
        message.attach_alternative(html, "text/html")
        messages.append(message)
    if messages:
        get_connection().send_messages(messages)
    with transaction.atomic():
        record(
            "home.workflow_reminded" if event == REMINDER else "home.workflow_notified",
            actor="system:home.workflow_notifications",
            obj=("wagtailcore.page", page.pk, page.title),
            details={
                "event": event,
                "task": task_state.task.name,
                "task_state": task_state.pk,
                "recipients": [user.get_username() for user in recipients],
            },
        )
    return len(messages)


def remind_overdue() -> int:
    """Remind the reviewers of every overdue step; returns the items reminded.

    Nothing on weekends and holidays: nobody is at work to act on it."""
    now = timezone.now()
    if not moderation.is_working_day(timezone.localtime(now, site_zone()).date()):
        return 0
    items = moderation.overdue_task_states(now=now)
    for item in items:
        send_workflow_notification(REMINDER, item.task_state.pk)
    return len(items)
