"""Telling the officers at once when the audit trail fails verification."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from audit.models import VerificationRun

VIEW_PERMISSION = "audit.view_event"


def officers_with_trail_access():
    """Active users who may open the audit trail, superusers included."""
    permission = Permission.objects.get(
        content_type__app_label="audit", codename="view_event"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .distinct()
    )


def alert_recipients() -> list[str]:
    if settings.AUDIT_ALERT_EMAILS:
        return list(settings.AUDIT_ALERT_EMAILS)
    return sorted({user.email for user in officers_with_trail_access() if user.email})


def send_failure_alert(run: VerificationRun) -> int:
    recipients = alert_recipients()
    if not recipients:
        return 0
    context = {
        "run": run,
        "report_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("audit:events"),
    }
    subject = render_to_string(
        "audit/emails/verify_failed_subject.txt", context
    ).strip()
    text = render_to_string("audit/emails/verify_failed_body.txt", context)
    html = render_to_string("audit/emails/verify_failed_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=recipients)
    message.attach_alternative(html, "text/html")
    return message.send()
