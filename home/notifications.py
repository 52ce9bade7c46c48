"""Emails to the officers about new public feedback.

Runs in the task worker: a slow or failing mail server must never make a
visitor wait or lose their submission, which is already stored by then.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission


def send_feedback_notification(submission_id: int) -> bool:
    """Email one stored feedback submission to its page's addresses."""
    submission = (
        FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    )
    if submission is None:
        return False
    page = submission.page.specific
    recipients = [a.strip() for a in page.to_address.split(",") if a.strip()]
    if not recipients:
        return False

    data = submission.get_data()
    context = {
        "page": page,
        "submission": submission,
        "answers": [
            (label, data.get(name, ""))
            for name, label in page.get_data_fields()
            if name != "submit_time"
        ],
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + f"/admin/forms/submissions/{page.pk}/",
    }
    # Officers read the admin in Indonesian: write the email in it.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("home/emails/feedback_subject.txt", context)
        text = render_to_string("home/emails/feedback_body.txt", context)
        html = render_to_string("home/emails/feedback_body.html", context)
    message = EmailMultiAlternatives(
        subject=page.subject or " ".join(subject.split()),
        body=text,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True
