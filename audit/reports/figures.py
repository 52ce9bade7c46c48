"""The report's figures, section by section, as plain JSON-able values.

Every figure is an aggregate computed by the database over the period (counts,
sums, a median through ``periods.median_minutes``); the only rows read into
Python are short lists bounded by ``LIST_LIMIT`` or by the number of days,
subdivisions or outages of the period, never by the size of the audit trail.
Each section works, empty, before its source app exists or has any data.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast

from audit.models import Event
from audit.reports.periods import Period, median_minutes

LIST_LIMIT = 10


def iso(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def model(label: str):
    """A source app's model, or None while that app is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


# --- 1. Content and availability ------------------------------------------------


def availability(period: Period) -> dict[str, Any]:
    from audit.monitoring import content, history
    from audit.monitoring.models import Outage

    days = history.daily(period.days, end=period.end)
    outages = list(
        Outage.objects.filter(started_at__lt=period.until)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gt=period.since))
        .order_by("started_at")
        .values("started_at", "ended_at", "cause", "summary")
    )
    down_minutes = 0.0
    for outage in outages:
        ended = min(outage["ended_at"] or period.until, period.until)
        started = max(outage["started_at"], period.since)
        outage["minutes"] = round((ended - started).total_seconds() / 60, 1)
        down_minutes += outage["minutes"]
    longest = sorted(outages, key=lambda o: -o["minutes"])[:LIST_LIMIT]
    stale = content.stale_pages()
    return {
        "uptime": history.uptime(days),
        "probe_runs": sum(d.runs for d in days),
        "down_runs": sum(d.down_runs for d in days),
        "days": [[iso(d.day), d.uptime] for d in days],
        "outages": len(outages),
        "down_minutes": round(down_minutes, 1),
        "longest_outages": [
            {
                "started_at": iso(o["started_at"]),
                "ended_at": iso(o["ended_at"]),
                "cause": o["cause"],
                "minutes": o["minutes"],
                "summary": o["summary"],
            }
            for o in longest
        ],
        "stale_pages": len(stale),
        "stale_examples": [
            {"title": p.title, "url": p.url_path, "age_days": p.age_days}
            for p in stale[:LIST_LIMIT]
        ],
        "drafts": content.draft_count(),
    }


# --- 2. Backups -----------------------------------------------------------------


def backups(period: Period) -> dict[str, Any]:
    from backups.models import Backup

    rows = Backup.objects.filter(
        started_at__gte=period.since, started_at__lt=period.until
    )
    succeeded = Q(status=Backup.Status.SUCCEEDED)
    totals = rows.aggregate(
        runs=Count("pk"),
        succeeded=Count("pk", filter=succeeded),
        failed=Count("pk", filter=Q(status=Backup.Status.FAILED)),
        drills_passed=Count("pk", filter=Q(drill_status=Backup.Drill.PASSED)),
        drills_failed=Count("pk", filter=Q(drill_status=Backup.Drill.FAILED)),
        total_size=Sum("size", filter=succeeded),
        largest=Max("size", filter=succeeded),
    )
    per_kind = {
        row["kind"]: row
        for row in rows.values("kind").annotate(
            runs=Count("pk"),
            failed=Count("pk", filter=Q(status=Backup.Status.FAILED)),
            size=Max("size", filter=succeeded),
        )
    }
    minutes, _count = median_minutes(
        rows.filter(succeeded), "started_at", "finished_at"
    )
    last_good = (
        Backup.objects.good()
        .filter(started_at__lt=period.until)
        .order_by("-started_at")
        .values("started_at", "kind", "size")
        .first()
    )
    return {
        **{key: value or 0 for key, value in totals.items()},
        "median_minutes": minutes,
        "per_kind": [
            {
                "kind": kind,
                "runs": per_kind[kind]["runs"],
                "failed": per_kind[kind]["failed"],
                "size": per_kind[kind]["size"] or 0,
            }
            for kind in sorted(per_kind)
        ],
        "last_good": (
            {
                "at": iso(last_good["started_at"]),
                "kind": last_good["kind"],
                "size": last_good["size"] or 0,
            }
            if last_good
            else None
        ),
    }


# --- 3. Visitor activity and security ----------------------------------------------


def activity(period: Period) -> dict[str, Any]:
    from audit.security.models import (
        ClientBlock,
        SecuritySignal,
        TrafficCount,
        TrafficDimension,
    )

    traffic = TrafficCount.objects.filter(day__gte=period.start, day__lte=period.end)
    totals = traffic.aggregate(
        views=Sum("count", filter=Q(dimension=TrafficDimension.VIEWS)),
        visitors=Sum("count", filter=Q(dimension=TrafficDimension.VISITORS)),
    )
    per_day = dict(
        traffic.filter(dimension=TrafficDimension.VIEWS)
        .values("day")
        .annotate(total=Sum("count"))
        .values_list("day", "total")
    )
    top_pages = list(
        traffic.filter(dimension=TrafficDimension.PAGE)
        .values("key")
        .annotate(total=Sum("count"))
        .order_by("-total", "key")
        .values_list("key", "total")[:LIST_LIMIT]
    )
    signals = SecuritySignal.objects.filter(
        window_start__gte=period.since, window_start__lt=period.until
    )
    by_severity = dict(
        signals.values("severity")
        .annotate(total=Sum("count"))
        .values_list("severity", "total")
    )
    by_kind = list(
        signals.values("kind")
        .annotate(total=Sum("count"))
        .order_by("-total", "kind")
        .values_list("kind", "total")
    )
    events = Event.objects.filter(
        timestamp__gte=period.since, timestamp__lt=period.until
    ).aggregate(
        lockouts=Count("pk", filter=Q(action="auth.locked_out")),
        failed_logins=Count("pk", filter=Q(action="auth.login_failed")),
    )
    return {
        "views": totals["views"] or 0,
        "visitors": totals["visitors"] or 0,
        "per_day": [[iso(day), per_day.get(day, 0)] for day in period.each_day()],
        "top_pages": [[key, total] for key, total in top_pages],
        "signals": sum(by_severity.values()),
        "signals_by_severity": {
            name: by_severity.get(name, 0) for name in ("high", "medium", "low")
        },
        "signals_by_kind": [[kind, total] for kind, total in by_kind],
        "lockouts": events["lockouts"],
        "failed_logins": events["failed_logins"],
        "blocks": ClientBlock.objects.filter(
            created_at__gte=period.since, created_at__lt=period.until
        ).count(),
    }


# --- 4. Coordination with subdivisions ---------------------------------------------


def coordination(period: Period) -> dict[str, Any]:
    from wagtail.models import Page, TaskState, WorkflowState

    from home import moderation
    from home.models import Subdivision

    page_type = ContentType.objects.get_for_model(Page)
    prefixes = moderation.subdivision_prefixes()
    page_path = Subquery(
        Page.objects.filter(pk=Cast(OuterRef("object_id"), IntegerField())).values(
            "path"
        )[:1]
    )
    states = WorkflowState.objects.filter(base_content_type=page_type).annotate(
        page_path=page_path,
        subdivision_id=moderation.subdivision_case("page_path", prefixes),
    )
    in_period = Q(created_at__gte=period.since, created_at__lt=period.until)
    finished = Q(
        current_task_state__finished_at__gte=period.since,
        current_task_state__finished_at__lt=period.until,
    )
    counts = {
        row["subdivision_id"]: row
        for row in states.values("subdivision_id").annotate(
            submitted=Count("pk", filter=in_period),
            approved=Count(
                "pk", filter=finished & Q(status=WorkflowState.STATUS_APPROVED)
            ),
            rejected=Count(
                "pk", filter=finished & Q(status=WorkflowState.STATUS_NEEDS_CHANGES)
            ),
        )
    }
    # Working hours need the agency's calendar: read two timestamps per
    # approval of the period (bounded by the period's approvals).
    hours: dict[str, list[float]] = {}
    for subdivision_id, submitted, approved_at in states.filter(
        finished, status=WorkflowState.STATUS_APPROVED
    ).values_list("subdivision_id", "created_at", "current_task_state__finished_at"):
        hours.setdefault(subdivision_id, []).append(
            moderation.working_hours_between(submitted, approved_at)
        )
    rows = []
    names = {str(s.pk): (s.name, s.name_en) for s in Subdivision.objects.all()}
    for key in [*names, ""]:
        row = counts.get(key, {})
        median = moderation.percentile(hours.get(key, []), 0.5)
        if key == "" and not row.get("submitted") and not hours.get(key):
            continue
        name, name_en = names.get(key, ("", ""))
        rows.append(
            {
                "name": name,
                "name_en": name_en,
                "submitted": row.get("submitted", 0),
                "approved": row.get("approved", 0),
                "rejected": row.get("rejected", 0),
                "median_hours": round(median, 1) if median is not None else None,
            }
        )
    review_minutes, reviewed = median_minutes(
        TaskState.objects.filter(
            finished_at__gte=period.since,
            finished_at__lt=period.until,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        ),
        "started_at",
        "finished_at",
    )
    return {
        "subdivisions": rows,
        "submitted": sum(r["submitted"] for r in rows),
        "approved": sum(r["approved"] for r in rows),
        "rejected": sum(r["rejected"] for r in rows),
        "review_median_minutes": review_minutes,
        "reviews": reviewed,
    }


# --- Public feedback ----------------------------------------------------------------


def feedback(period: Period) -> dict[str, Any]:
    from home import inbox
    from home.models import FeedbackItem

    items = FeedbackItem.objects.all()
    received = Q(received_at__gte=period.since, received_at__lt=period.until)
    handled = Q(
        handled_at__gte=period.since,
        handled_at__lt=period.until,
        status__in=[FeedbackItem.Status.ANSWERED, FeedbackItem.Status.CLOSED],
    )
    totals = items.aggregate(
        received=Count("pk", filter=received),
        answered=Count("pk", filter=handled),
        still_open=Count(
            "pk",
            filter=received
            & Q(status__in=[FeedbackItem.Status.NEW, FeedbackItem.Status.IN_PROGRESS]),
        ),
    )
    minutes, _count = median_minutes(items.filter(handled), "received_at", "handled_at")
    return {
        **totals,
        "overdue": inbox.overdue_items().count(),
        "median_hours": round(minutes / 60, 1) if minutes is not None else None,
    }


# --- Problems, follow-ups and third parties (audit/problems) ----------------------


def problems(period: Period) -> dict[str, Any]:
    problem = model("problems.Problem")
    entry = model("problems.CoordinationEntry")
    empty = {
        "installed": False,
        "opened": 0,
        "reported": 0,
        "assigned": 0,
        "resolved": 0,
        "verified": 0,
        "open_at_end": 0,
        "by_severity": {},
        "by_source": {},
        "median_to_report": None,
        "median_to_assign": None,
        "median_to_resolve": None,
        "coordination": 0,
        "coordination_by_party": {},
        "coordination_entries": [],
        "opened_list": [],
    }
    if problem is None:
        return empty

    def within(field: str) -> Q:
        return Q(**{f"{field}__gte": period.since, f"{field}__lt": period.until})

    rows = problem.objects.all()
    totals = rows.aggregate(
        opened=Count("pk", filter=within("opened_at")),
        reported=Count("pk", filter=within("reported_at")),
        assigned=Count("pk", filter=within("assigned_at")),
        resolved=Count("pk", filter=within("resolved_at")),
        verified=Count("pk", filter=within("verified_at")),
        open_at_end=Count(
            "pk",
            filter=Q(opened_at__lt=period.until)
            & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=period.until)),
        ),
    )
    opened = rows.filter(within("opened_at"))
    to_report, _n = median_minutes(
        rows.filter(within("reported_at")), "opened_at", "reported_at"
    )
    to_assign, _n = median_minutes(
        rows.filter(within("assigned_at")), "reported_at", "assigned_at"
    )
    to_resolve, _n = median_minutes(
        rows.filter(within("resolved_at")), "assigned_at", "resolved_at"
    )
    result = {
        **empty,
        **totals,
        "installed": True,
        "by_severity": dict(
            opened.values("severity")
            .annotate(n=Count("pk"))
            .values_list("severity", "n")
        ),
        "by_source": dict(
            opened.values("source").annotate(n=Count("pk")).values_list("source", "n")
        ),
        "median_to_report": to_report,
        "median_to_assign": to_assign,
        "median_to_resolve": to_resolve,
        "opened_list": [
            {
                "title": p["title"],
                "severity": p["severity"],
                "status": p["status"],
                "opened_at": iso(p["opened_at"]),
                "resolved_at": iso(p["resolved_at"]),
            }
            for p in opened.order_by("opened_at").values(
                "title", "severity", "status", "opened_at", "resolved_at"
            )[:LIST_LIMIT]
        ],
    }
    if entry is not None:
        entries = entry.objects.filter(within("contacted_at"))
        result["coordination"] = entries.count()
        result["coordination_by_party"] = dict(
            entries.values("party").annotate(n=Count("pk")).values_list("party", "n")
        )
        result["coordination_entries"] = [
            {
                "problem": e["problem__title"],
                "party": e["party"],
                "party_name": e["party_name"],
                "contacted_at": iso(e["contacted_at"]),
                "agreed": e["agreed"],
            }
            for e in entries.order_by("contacted_at").values(
                "problem__title", "party", "party_name", "contacted_at", "agreed"
            )[:LIST_LIMIT]
        ]
    return result
