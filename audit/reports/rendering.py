"""The report as HTML (admin and PDF share one template body), as PDF through
WeasyPrint, and as CSV; always from the stored figures, in one language."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from audit.reports import charts
from audit.reports.models import SopVersion, localized

SECTIONS = (
    "availability",
    "backups",
    "activity",
    "coordination",
    "feedback",
    "problems",
)


def sop_rows(version: SopVersion | None, board: list[dict]) -> list[dict[str, Any]]:
    """The board's rows with the activity text of the report's SOP version."""
    activities = {a.order: a for a in version.activities.all()} if version else {}
    rows = []
    for entry in board:
        activity = activities.get(entry["duty"])
        rows.append(
            {
                **entry,
                "text": localized(activity, "text") if activity else "",
                "executors": ", ".join(activity.executors()) if activity else "",
                "output": localized(activity, "output") if activity else "",
            }
        )
    return rows


def context(
    *,
    data: dict[str, Any],
    version: SopVersion | None,
    meta: dict[str, Any],
) -> dict[str, Any]:
    """What the report template needs; call inside the report's language."""
    sections = data["sections"]
    return {
        **meta,
        "data": data,
        "sections": sections,
        "version": version,
        "sop": {
            "title": localized(version, "title") if version else "",
            "number": version.number if version else "",
            "approved_by": localized(version, "approved_by") if version else "",
            "warning": localized(version, "warning") if version else "",
            "legal_basis": localized(version, "legal_basis") if version else "",
        },
        "board": sop_rows(version, data["board"]),
        "total_standard": sum(e["standard_minutes"] or 0 for e in data["board"]),
        "uptime_chart": charts.uptime_chart(sections["availability"]["days"]),
        "views_chart": charts.views_chart(sections["activity"]["per_day"]),
    }


def html(ctx: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return render_to_string("reports/report_pdf.html", ctx)


def pdf(markup: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=markup).write_pdf()


def csv_text(data: dict[str, Any], language: str) -> str:
    """One row per figure: section, figure, value (plain, machine-readable)."""
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override(language):
        writer.writerow([_("Section"), _("Figure"), _("Value")])
        writer.writerow(["report", "period_start", data["period"]["start"]])
        writer.writerow(["report", "period_end", data["period"]["end"]])
        writer.writerow(["report", "audit_head", data["audit_head"]])
        for name in SECTIONS:
            for key, value in data["sections"][name].items():
                if isinstance(value, dict):
                    for sub, number in sorted(value.items()):
                        writer.writerow([name, f"{key}.{sub}", number])
                elif not isinstance(value, list):
                    writer.writerow([name, key, "" if value is None else value])
        for row in data["sections"]["coordination"]["subdivisions"]:
            for key in ("submitted", "approved", "rejected", "median_hours"):
                writer.writerow(
                    [
                        "coordination",
                        f"{row['name'] or '-'}.{key}",
                        "" if row[key] is None else row[key],
                    ]
                )
        for entry in data["board"]:
            for key in ("standard_minutes", "actual_minutes", "status", "done"):
                value = entry[key]
                writer.writerow(
                    [
                        "board",
                        f"duty{entry['duty']}.{key}",
                        "" if value is None else value,
                    ]
                )
            writer.writerow(["board", f"duty{entry['duty']}.last_by", entry["last_by"]])
    return out.getvalue()
