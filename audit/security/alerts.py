"""Mailing the officers about a high-severity signal."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from audit.security.conf import conf
from audit.security.counters import window_start
from audit.security.models import SignalKind

VIEW_PERMISSION = ("security", "view_securitysignal")


def officers():
    permission = Permission.objects.get(
        content_type__app_label=VIEW_PERMISSION[0], codename=VIEW_PERMISSION[1]
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )


def recipients() -> list[str]:
    if conf.ALERT_EMAILS:
        return list(conf.ALERT_EMAILS)
    return sorted({user.email for user in officers()})


def send_signal_alert(*, kind: str, client: str, sample: str, window_start) -> int:
    to = recipients()
    if not to:
        return 0
    context = {
        "kind": SignalKind(kind).label,
        "client": client[:12],
        "sample": sample,
        "window_start": window_start,
        "report_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("security:signals"),
    }
    subject = render_to_string("security/emails/signal_subject.txt", context).strip()
    text = render_to_string("security/emails/signal_body.txt", context)
    html = render_to_string("security/emails/signal_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=to)
    message.attach_alternative(html, "text/html")
    return message.send()


@task()
def send_signal_alert_task(*, kind: str, client: str, sample: str, window: int) -> int:
    return send_signal_alert(
        kind=kind, client=client, sample=sample, window_start=window_start(window)
    )
