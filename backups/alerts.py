"""Mailing the officers when a backup or its drill fails."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from backups import conf
from backups.models import Backup


def officers():
    """Active users who may view backups, superusers included."""
    permission = Permission.objects.filter(
        content_type__app_label="backups", codename="view_backup"
    ).first()
    who = Q(is_superuser=True)
    if permission is not None:
        who |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return get_user_model().objects.filter(who, is_active=True).distinct()


def alert_recipients() -> list[str]:
    configured = conf.get("BACKUPS_ALERT_EMAILS")
    if configured:
        return list(configured)
    return sorted({user.email for user in officers() if user.email})


def send_failure_alert(backup: Backup) -> int:
    recipients = alert_recipients()
    if not recipients:
        return 0
    context = {
        "backup": backup,
        "list_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("backups:index"),
    }
    subject = render_to_string("backups/emails/failed_subject.txt", context).strip()
    text = render_to_string("backups/emails/failed_body.txt", context)
    html = render_to_string("backups/emails/failed_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=recipients)
    message.attach_alternative(html, "text/html")
    return message.send()
