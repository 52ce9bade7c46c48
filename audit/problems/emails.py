"""Mails to whoever must act next on a problem, in the site's language.

Sent by the worker after the step has committed (``send_step_mail_task``).
A mail server that refuses is logged and recorded in the audit trail
(``problems.mail_failed``); the step itself stays done.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from audit.problems import people
from audit.problems.models import Problem
from audit.trail import record
from home.roles import OFFICERS, SUPERVISOR

logger = logging.getLogger(__name__)

KINDS = ("opened", "reported", "assigned", "resolved", "reopened")


def recipients(problem: Problem, kind: str) -> list[str]:
    """Who acts next: officers report a new problem, the supervisor assigns and
    verifies, the assigned operator works on it."""
    if kind == "opened":
        return people.emails_of(OFFICERS)
    if kind in ("reported", "resolved"):
        return people.emails_of(SUPERVISOR)
    assignee = problem.assigned_to
    return [assignee.email] if assignee and assignee.email else []


def admin_url(problem: Problem) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "problems:detail", args=[problem.pk]
    )


def send_step_mail(problem_id: int, kind: str) -> int:
    """Mail the people who must act after step ``kind``; how many mails went."""
    problem = (
        Problem.objects.select_related("assigned_to", "assigned_by")
        .filter(pk=problem_id)
        .first()
    )
    if problem is None or kind not in KINDS:
        return 0
    to = recipients(problem, kind)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "problem": problem,
            "kind": kind,
            "url": admin_url(problem),
            "assignee": people.name_of(problem.assigned_to),
            "assigner": people.name_of(problem.assigned_by),
            "last_note": problem.steps.order_by("-at", "-pk")
            .values_list("note", flat=True)
            .first(),
        }
        subject = render_to_string("problems/emails/step_subject.txt", context)
        text = render_to_string("problems/emails/step_body.txt", context)
        html = render_to_string("problems/emails/step_body.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=to)
    message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except (OSError, smtplib.SMTPException) as err:
        error = f"{type(err).__name__}: {err}"[:500]
        logger.warning("Problem %s mail (%s) not sent: %s", problem.pk, kind, error)
        record(
            "problems.mail_failed",
            actor="system:problems.mail",
            obj=problem,
            details={"kind": kind, "recipients": len(to), "error": error},
        )
        return 0


@task()
def send_step_mail_task(problem_id: int, kind: str) -> int:
    return send_step_mail(problem_id, kind)
