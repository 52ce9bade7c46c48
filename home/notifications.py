"""The emails about public feedback: what they say and to whom.

Each function writes a ``FeedbackMail`` row inside the caller's transaction
and queues it for the worker (``home.inbox_mail``): a slow or failing mail
server never makes a visitor wait, and never loses a submission or an answer.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.inbox_mail import queue_mail
from home.models import FeedbackItem, FeedbackMail


def admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def item_url(item: FeedbackItem) -> str:
    return admin_url(reverse("feedback_inbox:item", args=[item.pk]))


def notify_officers_of(item: FeedbackItem) -> FeedbackMail | None:
    """Queue the page's notification of a new submission to its addresses."""
    submission = item.submission
    page = submission.page.specific
    recipients = [a.strip() for a in page.to_address.split(",") if a.strip()]
    if not recipients:
        return None
    data = submission.get_data()
    context = {
        "page": page,
        "submission": submission,
        "answers": [
            (label, data.get(name, ""))
            for name, label in page.get_data_fields()
            if name != "submit_time"
        ],
        "admin_url": item_url(item),
    }
    # Officers read the admin in Indonesian: write the email in it.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("home/emails/feedback_subject.txt", context)
        text = render_to_string("home/emails/feedback_body.txt", context)
        html = render_to_string("home/emails/feedback_body.html", context)
    mail = FeedbackMail.objects.create(
        item=item,
        kind=FeedbackMail.Kind.NOTIFICATION,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        recipients=recipients,
        subject=(page.subject or " ".join(subject.split()))[:255],
        body=text,
        html_body=html,
    )
    queue_mail(mail)
    return mail


def answer_citizen(item: FeedbackItem, text: str, *, author) -> FeedbackMail:
    """Queue an officer's answer to the citizen, in the language they wrote in."""
    page = item.submission.page.specific
    language = page.locale.language_code if page.locale_id else None
    context = {"item": item, "page": page, "answer": text}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("home/emails/answer_subject.txt", context)
        body = render_to_string("home/emails/answer_body.txt", context)
    mail = FeedbackMail.objects.create(
        item=item,
        kind=FeedbackMail.Kind.ANSWER,
        created_by=author,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        recipients=[item.sender_email],
        subject=" ".join(subject.split())[:255],
        body=body,
    )
    queue_mail(mail)
    return mail


def officer_emails() -> list[str]:
    """Who hears about overdue feedback: HOME_FEEDBACK_OFFICER_EMAILS, or every
    active user who may handle feedback."""
    configured = list(getattr(settings, "HOME_FEEDBACK_OFFICER_EMAILS", []))
    if configured:
        return configured
    perm = Q(
        groups__permissions__codename="change_feedbackitem",
        groups__permissions__content_type__app_label="home",
    ) | Q(
        user_permissions__codename="change_feedbackitem",
        user_permissions__content_type__app_label="home",
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(perm | Q(is_superuser=True))
    )
    return sorted(set(users.values_list("email", flat=True)))


def remind_officers(items: list[FeedbackItem], *, limit: int) -> FeedbackMail | None:
    """Queue one reminder listing the overdue ``items``."""
    recipients = officer_emails()
    if not recipients or not items:
        return None
    context = {
        "items": items,
        "limit": limit,
        "inbox_url": admin_url(reverse("feedback_inbox:index")) + "?overdue=1",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("home/emails/overdue_subject.txt", context)
        body = render_to_string("home/emails/overdue_body.txt", context)
    mail = FeedbackMail.objects.create(
        kind=FeedbackMail.Kind.REMINDER,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipients=recipients,
        subject=" ".join(subject.split())[:255],
        body=body,
    )
    queue_mail(mail)
    return mail
