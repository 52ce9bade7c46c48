"""Mails to the officers when an outage opens and when it closes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from audit.monitoring import conf
from audit.monitoring.models import Outage


def officers():
    """Active users who may view monitoring, superusers included."""
    permission = Permission.objects.filter(
        content_type__app_label="monitoring", codename="view_monitoring"
    ).first()
    condition = Q(is_superuser=True)
    if permission is not None:
        condition |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return get_user_model().objects.filter(is_active=True).filter(condition).distinct()


def recipients() -> list[str]:
    configured = conf.get("MONITORING_ALERT_EMAILS")
    if configured:
        return list(configured)
    return sorted({user.email for user in officers() if user.email})


def _send(template: str, outage: Outage) -> int:
    to = recipients()
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "outage": outage,
            "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("monitoring:index"),
        }
        subject = render_to_string(
            f"monitoring/emails/{template}_subject.txt", context
        ).strip()
        text = render_to_string(f"monitoring/emails/{template}_body.txt", context)
        html = render_to_string(f"monitoring/emails/{template}_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=to)
    message.attach_alternative(html, "text/html")
    return message.send()


def send_outage_opened(outage_id: int) -> int:
    return _send("outage_opened", Outage.objects.get(pk=outage_id))


def send_outage_closed(outage_id: int) -> int:
    return _send("outage_closed", Outage.objects.get(pk=outage_id))
