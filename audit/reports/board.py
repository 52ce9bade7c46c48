"""The SOP compliance board: for each of the seven duties, when it was last done
and by whom, whether it is on schedule, late or missed, and the actual minutes
against the standard of the SOP version in force.

Rules (the SOP gives the standard times; how to judge a day is ours):

1. Duties 1 and 3 are an officer's check on every working day (the agency's
   calendar, ``home.moderation.is_working_day``), proven by a "sudah diperiksa"
   confirmation (``DutyCheck``); duty 2 is a good backup every day. A past day
   without one is *missed*; today is *late* once ``LATE_AFTER_HOUR`` has passed
   without one. Actual minutes: median time from seeing the digest to
   confirming it (duties 1, 3) or of a backup run (duty 2).
2. Duties 4 to 7 are driven by events. Actual minutes: the median of the
   period (a moderation task's start to its decision; a problem's opened to
   reported, reported to assigned, assigned to resolved). *Late* when that
   median exceeds the standard or something waits longer than the standard
   now (for moderation: past its working-day due date); *no activity* when
   nothing happened and nothing waits.

A fixed number of queries whatever the amount of activity.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from audit.reports import figures
from audit.reports.models import DutyCheck, Report
from audit.reports.periods import Period, median_minutes
from audit.reports.sop import standards

ON_SCHEDULE, LATE, MISSED, IDLE = "on_schedule", "late", "missed", "idle"
LATE_AFTER_HOUR = 10

EVIDENCE = {
    1: "reports.availability_checked",
    2: "backups.created",
    3: "reports.activity_checked",
    4: "wagtail.workflow.approve",
    5: "problems.reported",
    6: "problems.assigned",
    7: "problems.resolved",
}
OPEN_STATUSES = ("assigned", "in_progress", "waiting_third_party", "waiting_finance")


def _entry(duty: int, standard: int | None, period: Period) -> dict[str, Any]:
    return {
        "duty": duty,
        "standard_minutes": standard,
        "last_at": None,
        "last_by": "",
        "status": IDLE,
        "actual_minutes": None,
        "done": 0,
        "expected": None,
        "missed_days": 0,
        "waiting": 0,
        # What a job did for the duty meanwhile (duty 1: the probes).
        "job": "",
        "job_at": None,
        "evidence": {
            "action": EVIDENCE[duty],
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
        },
    }


def _daily_status(entry, done_days, *, period, as_of, working_only) -> None:
    from home.moderation import is_working_day

    today = timezone.localtime(as_of).date()
    expected = [
        day
        for day in period.each_day()
        if day <= today and (not working_only or is_working_day(day))
    ]
    past = [day for day in expected if day < today]
    missed = [day for day in past if day not in done_days]
    entry["expected"] = len(expected)
    entry["done"] = len([day for day in expected if day in done_days])
    entry["missed_days"] = len(missed)
    due_today = today in expected and today not in done_days
    if missed:
        entry["status"] = MISSED
    elif due_today and timezone.localtime(as_of).hour >= LATE_AFTER_HOUR:
        entry["status"] = LATE
    elif expected:
        entry["status"] = ON_SCHEDULE


def _event_status(entry) -> None:
    actual, standard = entry["actual_minutes"], entry["standard_minutes"]
    if entry["waiting"] or (
        actual is not None and standard is not None and actual > standard
    ):
        entry["status"] = LATE
    elif entry["done"]:
        entry["status"] = ON_SCHEDULE


def _checks(entry, duty, period, as_of) -> None:
    rows = DutyCheck.objects.filter(
        duty=duty, confirmed_at__gte=period.since, confirmed_at__lt=as_of
    )
    last = rows.order_by("-confirmed_at").values_list(
        "confirmed_at", "confirmed_by_label"
    )[:1]
    if last:
        entry["last_at"], entry["last_by"] = figures.iso(last[0][0]), last[0][1]
    entry["actual_minutes"], _n = median_minutes(rows, "shown_at", "confirmed_at")
    done = set(rows.values_list("day", flat=True).distinct())
    _daily_status(entry, done, period=period, as_of=as_of, working_only=True)


def _probes(entry, period, as_of) -> None:
    from audit.monitoring.models import ProbeRun

    last = (
        ProbeRun.objects.filter(started_at__gte=period.since, started_at__lt=as_of)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    if last:
        entry["job"], entry["job_at"] = "job:monitoring.probe", figures.iso(last)


def _backups(entry, period, as_of) -> None:
    from backups.models import Backup

    rows = Backup.objects.filter(
        status=Backup.Status.SUCCEEDED,
        started_at__gte=period.since,
        started_at__lt=as_of,
    )
    last = (
        rows.order_by("-started_at")
        .values_list("finished_at", "trigger", "triggered_by__username", "kind")
        .first()
    )
    if last:
        entry["last_at"] = figures.iso(last[0])
        entry["last_by"] = last[2] or f"job:backups.{last[3]}"
    entry["actual_minutes"], _n = median_minutes(rows, "started_at", "finished_at")
    tz = timezone.get_default_timezone()
    done = set(
        rows.annotate(day=TruncDate("started_at", tzinfo=tz))
        .values_list("day", flat=True)
        .distinct()
    )
    _daily_status(entry, done, period=period, as_of=as_of, working_only=False)


def _moderation(entry, period, as_of) -> None:
    from wagtail.models import TaskState

    from home import moderation

    rows = TaskState.objects.filter(
        finished_at__gte=period.since,
        finished_at__lt=as_of,
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
    )
    last = (
        rows.order_by("-finished_at")
        .values_list("finished_at", "finished_by__username")
        .first()
    )
    if last:
        entry["last_at"], entry["last_by"] = figures.iso(last[0]), last[1] or ""
    entry["actual_minutes"], entry["done"] = median_minutes(
        rows, "started_at", "finished_at"
    )
    entry["waiting"] = len(moderation.overdue_task_states(now=as_of))
    _event_status(entry)


def _problem_step(entry, period, as_of, *, start, end, by, waiting) -> None:
    problem = figures.model("problems.Problem")
    if problem is None:
        return
    rows = problem.objects.filter(**{f"{end}__gte": period.since, f"{end}__lt": as_of})
    last = rows.order_by(f"-{end}").values_list(end, f"{by}__username").first()
    if last:
        entry["last_at"], entry["last_by"] = figures.iso(last[0]), last[1] or ""
    entry["actual_minutes"], entry["done"] = median_minutes(rows, start, end)
    standard = entry["standard_minutes"] or 0
    entry["waiting"] = problem.objects.filter(
        waiting, **{f"{start}__lt": as_of - datetime.timedelta(minutes=standard)}
    ).count()
    _event_status(entry)


def _report_delivery(entry, period, as_of) -> None:
    """Duty 5 is also the report itself reaching the supervisor."""
    last = (
        Report.objects.filter(mailed_at__gte=period.since, mailed_at__lt=as_of)
        .order_by("-mailed_at")
        .values_list("mailed_at", "built_by_label")
        .first()
    )
    if last and (entry["last_at"] is None or figures.iso(last[0]) > entry["last_at"]):
        entry["last_at"], entry["last_by"] = figures.iso(last[0]), last[1]
        if entry["status"] == IDLE:
            entry["status"] = ON_SCHEDULE


def compliance(
    period: Period, *, version, now: datetime.datetime | None = None
) -> list[dict[str, Any]]:
    """The board's seven rows for ``period``, judged as of ``now`` (or its end)."""
    now = now or timezone.now()
    as_of = min(now, period.until)
    minutes = standards(version)
    rows = {duty: _entry(duty, minutes.get(duty), period) for duty in range(1, 8)}
    _checks(rows[1], DutyCheck.Duty.AVAILABILITY, period, as_of)
    _probes(rows[1], period, as_of)
    _backups(rows[2], period, as_of)
    _checks(rows[3], DutyCheck.Duty.ACTIVITY, period, as_of)
    _moderation(rows[4], period, as_of)
    _problem_step(
        rows[5],
        period,
        as_of,
        start="opened_at",
        end="reported_at",
        by="reported_by",
        waiting=Q(status="open"),
    )
    _report_delivery(rows[5], period, as_of)
    _problem_step(
        rows[6],
        period,
        as_of,
        start="reported_at",
        end="assigned_at",
        by="assigned_by",
        waiting=Q(status="reported"),
    )
    _problem_step(
        rows[7],
        period,
        as_of,
        start="assigned_at",
        end="resolved_at",
        by="resolved_by",
        waiting=Q(status__in=OPEN_STATUSES),
    )
    return [rows[duty] for duty in range(1, 8)]
