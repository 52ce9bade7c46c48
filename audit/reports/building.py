"""Building, storing, mailing and acknowledging the periodic report
("Laporan Pengelolaan Website").

1. The figures are computed in SQL (``figures``, ``board``) for the period with
   the SOP version in force on its last day, and the audit chain's head is read.
2. The PDF and CSV are rendered from those figures and written once to the
   reports storage (outside the public media); their sha256 sums, the figures
   and the head are stored in one ``Report`` row that never changes again.
3. The build is an audit event carrying the sha256 and the head, so a mailed
   copy can be checked against the trail (``audit_verify --expect``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from audit.reports import board, emails, figures, rendering
from audit.reports.models import Report
from audit.reports.periods import Period
from audit.reports.sop import version_in_force
from audit.trail import current_head, record


def compute(period: Period, *, version, now=None) -> dict[str, Any]:
    """Every section's figures and the compliance board, JSON-able."""
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "sop_version": version.pk if version else None,
        "sections": {
            "availability": figures.availability(period),
            "backups": figures.backups(period),
            "activity": figures.activity(period),
            "coordination": figures.coordination(period),
            "feedback": figures.feedback(period),
            "problems": figures.problems(period),
        },
        "board": board.compliance(period, version=version, now=now),
    }


def report_context(report: Report, *, language: str | None = None) -> dict[str, Any]:
    with translation.override(language or report.language):
        return rendering.context(
            data=report.data,
            version=report.sop_version,
            meta={
                "kind": report.get_kind_display(),
                "built_at": report.built_at,
                "built_by": report.built_by_label,
                "head": report.head_for_verify,
                "language": language or report.language,
            },
        )


def build_report(
    period: Period,
    *,
    kind: str = Report.Kind.CUSTOM,
    language: str = "id",
    actor: Any = None,
    request=None,
    mail: bool = False,
) -> Report:
    """Build and store the report for ``period``; mail it when ``mail``."""
    version = version_in_force(period.end)
    data = compute(period, version=version)
    built_at = timezone.now()
    data["audit_head"] = current_head()
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = user.get_username() if user else str(actor or "system:reports")
    report = Report(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        language=language,
        sop_version=version,
        built_at=built_at,
        built_by=user,
        built_by_label=label,
        data=data,
        audit_head=data["audit_head"],
    )
    markup = rendering.html(report_context(report), language)
    pdf_bytes = rendering.pdf(markup)
    csv_bytes = rendering.csv_text(data, language).encode("utf-8-sig")
    report.pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    report.csv_sha256 = hashlib.sha256(csv_bytes).hexdigest()
    stem = (
        f"{period.start:%Y}/laporan-{kind}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
        f"-{language}-{built_at:%Y%m%d%H%M%S}"
    )
    report.pdf.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    report.csv.save(f"{stem}.csv", ContentFile(csv_bytes), save=False)
    with transaction.atomic():
        report.save()
        record(
            "reports.built",
            actor=actor or "system:reports",
            obj=report,
            details={
                "period": data["period"],
                "kind": kind,
                "language": language,
                "pdf_sha256": report.pdf_sha256,
                "csv_sha256": report.csv_sha256,
                "audit_head": report.audit_head,
                "sop_version": version.pk if version else None,
            },
            request=request,
        )
    if mail:
        send(report, actor=actor)
    return report


def send(report: Report, *, actor: Any = None) -> list[str]:
    """Mail the report (PDF attached) to the supervisor; who was mailed."""
    recipients = emails.send_report(report)
    if recipients:
        report.mailed_at = timezone.now()
        report.mailed_to = recipients
        with transaction.atomic():
            report.save(update_fields=["mailed_at", "mailed_to"])
            record(
                "reports.mailed",
                actor=actor or "system:reports",
                obj=report,
                details={"to": recipients, "pdf_sha256": report.pdf_sha256},
            )
    return recipients


def acknowledge(report: Report, *, user, request=None) -> bool:
    """The supervisor has read the report; False if it was acknowledged before."""
    with transaction.atomic():
        updated = Report.objects.filter(
            pk=report.pk, acknowledged_at__isnull=True
        ).update(acknowledged_by=user, acknowledged_at=timezone.now())
        if not updated:
            return False
        report.refresh_from_db(fields=["acknowledged_by", "acknowledged_at"])
        record(
            "reports.acknowledged",
            actor=user,
            obj=report,
            details={"pdf_sha256": report.pdf_sha256},
            request=request,
        )
    return True


def pdf_intact(report: Report) -> bool:
    """Does the stored PDF still have the sha256 recorded when it was built?"""
    digest = hashlib.sha256()
    with report.pdf.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest() == report.pdf_sha256
