"""The report mailed to the direct supervisor, its PDF attached."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from audit.reports import conf
from audit.reports.models import Report
from home.roles import SUPERVISOR


def recipients() -> list[str]:
    configured = conf.get("REPORTS_RECIPIENTS")
    if configured:
        return list(configured)
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SUPERVISOR)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_report(report: Report) -> list[str]:
    to = recipients()
    if not to:
        return []
    with translation.override(report.language):
        context = {
            "report": report,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("reports:detail", args=[report.pk]),
            "head": report.head_for_verify,
        }
        subject = render_to_string("reports/emails/report_subject.txt", context)
        text = render_to_string("reports/emails/report_body.txt", context)
        html = render_to_string("reports/emails/report_body.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=to)
    message.attach_alternative(html, "text/html")
    with report.pdf.open("rb") as handle:
        message.attach(
            report.pdf.name.rsplit("/", 1)[-1], handle.read(), "application/pdf"
        )
    message.send()
    return to
