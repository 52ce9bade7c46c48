"""Feedback emails, kept in the database until the mail server takes them.

A mail is written as a ``FeedbackMail`` row in the transaction of the action
that causes it (a submission, an answer, a reminder) and sent by the worker
after the commit. When the server is down the attempt is counted, the error
kept, and the mail tried again with a growing delay (the task re-enqueues
itself with ``run_after``; the periodic job ``home.feedback_mail_retry`` also
picks up anything due, should a queued retry be lost). After the last attempt
the mail is marked failed, recorded in the audit trail and shown in the inbox.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from audit.trail import record
from home.models import FeedbackMail

logger = logging.getLogger(__name__)

DEFAULTS = {
    "HOME_FEEDBACK_MAIL_MAX_ATTEMPTS": 8,
    # Delay before the second attempt; doubled each time, at most an hour.
    "HOME_FEEDBACK_MAIL_RETRY_SECONDS": 60,
}
MAX_RETRY_DELAY = datetime.timedelta(hours=1)
#: A mail still "sending" after this long belonged to a worker that died.
STALE_SENDING = datetime.timedelta(minutes=15)


def setting(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the ``attempts``-th failed attempt: base, 2x, 4x ... 1 h."""
    base = setting("HOME_FEEDBACK_MAIL_RETRY_SECONDS")
    delay = datetime.timedelta(seconds=base * 2 ** max(0, attempts - 1))
    return min(delay, MAX_RETRY_DELAY)


def queue_mail(mail: FeedbackMail) -> None:
    """Send ``mail`` from the worker once the current transaction commits."""
    transaction.on_commit(partial(send_feedback_mail_task.enqueue, mail.pk))


def deliver(mail_id: int) -> datetime.datetime | None:
    """Try to send one mail. Returns when to try again, or None when done.

    The row is claimed with a conditional update, so two workers (a queued
    retry and the periodic sweep) never send the same mail twice.
    """
    now = timezone.now()
    claimed = FeedbackMail.objects.filter(
        pk=mail_id,
        status=FeedbackMail.Status.PENDING,
        next_attempt_at__lte=now,
    ).update(
        status=FeedbackMail.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
    )
    if not claimed:
        return None
    mail = FeedbackMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email or settings.DEFAULT_FROM_EMAIL,
        to=mail.recipients,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as err:
        return _failed(mail, err)
    FeedbackMail.objects.filter(pk=mail.pk).update(
        status=FeedbackMail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return None


def _failed(mail: FeedbackMail, err: Exception) -> datetime.datetime | None:
    error = f"{type(err).__name__}: {err}"[:500]
    logger.warning("Feedback mail %s, attempt %s: %s", mail.pk, mail.attempts, error)
    if mail.attempts >= setting("HOME_FEEDBACK_MAIL_MAX_ATTEMPTS"):
        with transaction.atomic():
            FeedbackMail.objects.filter(pk=mail.pk).update(
                status=FeedbackMail.Status.FAILED, last_error=error
            )
            record(
                "feedback.mail_failed",
                actor="system:feedback.mail",
                obj=mail.item or ("home.feedbackmail", mail.pk, mail.subject),
                details={
                    "mail": mail.pk,
                    "kind": mail.kind,
                    "attempts": mail.attempts,
                    "error": error,
                },
            )
        return None
    retry_at = timezone.now() + retry_delay(mail.attempts)
    FeedbackMail.objects.filter(pk=mail.pk).update(
        status=FeedbackMail.Status.PENDING, next_attempt_at=retry_at, last_error=error
    )
    return retry_at


@task()
def send_feedback_mail_task(mail_id: int) -> str:
    """Send one feedback mail; when the server fails, queue the next attempt."""
    retry_at = deliver(mail_id)
    if retry_at is None:
        return "done"
    # A backend that cannot defer (the immediate one, in tests) leaves the
    # retry to the periodic sweep (home.tasks.retry_feedback_mail_task).
    if send_feedback_mail_task.get_backend().supports_defer:
        send_feedback_mail_task.using(run_after=retry_at).enqueue(mail_id)
    return f"retry at {retry_at.isoformat()}"


def due_mail_ids(*, now: datetime.datetime | None = None) -> list[int]:
    """Mails waiting whose time has come; frees those of a worker that died."""
    now = now or timezone.now()
    FeedbackMail.objects.filter(
        status=FeedbackMail.Status.SENDING, last_attempt_at__lt=now - STALE_SENDING
    ).update(status=FeedbackMail.Status.PENDING)
    return list(
        FeedbackMail.objects.filter(
            status=FeedbackMail.Status.PENDING, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )


def send_again(mail: FeedbackMail, *, actor, request=None) -> None:
    """An officer sends a failed mail once more (attempts start again)."""
    with transaction.atomic():
        FeedbackMail.objects.filter(
            pk=mail.pk, status=FeedbackMail.Status.FAILED
        ).update(
            status=FeedbackMail.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
        )
        record(
            "feedback.mail_resent",
            actor=actor,
            obj=mail.item or ("home.feedbackmail", mail.pk, mail.subject),
            details={"mail": mail.pk, "kind": mail.kind},
            request=request,
        )
        queue_mail(mail)
