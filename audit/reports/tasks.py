"""Duty 5 without anyone's work: the weekly and monthly reports, built,
stored and mailed to the supervisor by the scheduler."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.reports import conf, periods
from audit.reports.building import build_report
from audit.reports.models import Report
from cms.scheduler.registry import Monthly, Weekly, periodic


def build_scheduled(kind: str, period: periods.Period) -> Report | None:
    """Build, store and mail the report of ``period`` unless one was already
    built for it (a re-run after a crash does not mail twice)."""
    if Report.objects.filter(
        kind=kind, period_start=period.start, period_end=period.end
    ).exists():
        return None
    return build_report(
        period,
        kind=kind,
        language=conf.get("REPORTS_LANGUAGE"),
        actor=f"system:reports.{kind}",
        mail=True,
    )


@periodic(
    name="reports.weekly",
    # Monday 07.00 WIB: last week, Monday to Sunday.
    default=Weekly(weekday=0, hour=7, minute=0),
    grace=timedelta(hours=6),
    label=_("Build and mail the weekly SOP report"),
)
def weekly_report_task() -> None:
    build_scheduled(Report.Kind.WEEKLY, periods.previous_week(timezone.localdate()))


@periodic(
    name="reports.monthly",
    # The 1st at 07.30 WIB: last month.
    default=Monthly(day=1, hour=7, minute=30),
    grace=timedelta(hours=6),
    label=_("Build and mail the monthly SOP report"),
)
def monthly_report_task() -> None:
    build_scheduled(Report.Kind.MONTHLY, periods.previous_month(timezone.localdate()))
