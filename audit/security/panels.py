"""The control room's visitor-activity panel: the last 24 hours at a glance.

Two aggregate queries whatever the number of signals (counts per severity and
the clients blocked now); the full lists are the admin's visitor-activity views.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from wagtail.admin.ui.components import Component

from audit.security.models import ClientBlock, SecuritySignal, Severity


def last_day_summary() -> dict:
    """Signals of the last 24 hours per severity, and how many clients are blocked."""
    since = timezone.now() - timedelta(hours=24)
    totals = dict(
        SecuritySignal.objects.filter(window_start__gte=since)
        .values("severity")
        .annotate(requests=Sum("count"))
        .values_list("severity", "requests")
    )
    rows = [
        {"severity": value, "label": label, "requests": totals.get(value, 0)}
        for value, label in reversed(Severity.choices)
    ]
    return {
        "rows": rows,
        "any": any(row["requests"] for row in rows),
        "high": totals.get(Severity.HIGH, 0),
        "blocked": ClientBlock.objects.active().count(),
    }


class SecurityPanel(Component):
    name = "security"
    template_name = "security/security_panel.html"

    def __init__(self, summary: dict):
        self.summary = summary
        # The control room's urgency slot for security signals
        # (audit/monitoring/panels.py); quiet days sink below the rest.
        self.order = 30 if summary["high"] or summary["blocked"] else 1030

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.summary)
        return context
