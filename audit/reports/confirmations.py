"""Duties 1 and 3 are a person's daily check: the day's digest, then "sudah
diperiksa". The confirmation is a ``DutyCheck`` row and an audit event, with
the figures the officer saw; the board reads it as the duty's evidence."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from audit.models import Event
from audit.reports.models import DutyCheck
from audit.trail import record

ACTIONS = {
    DutyCheck.Duty.AVAILABILITY: "reports.availability_checked",
    DutyCheck.Duty.ACTIVITY: "reports.activity_checked",
}
SALT = "reports.digest-shown"
# A digest older than this must be looked at again before it is confirmed.
MAX_DIGEST_AGE = datetime.timedelta(hours=12)


def _midnight() -> datetime.datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def availability_digest() -> dict[str, Any]:
    """Duty 1: today's uptime, the open outage, stale pages and drafts."""
    from audit.monitoring import availability, content, history

    outage = availability.current_outage()
    return {
        "uptime_today": history.uptime(history.daily(1)),
        "outage_open": outage is not None,
        "outages_today": _outages_today(),
        "stale_pages": len(content.stale_pages()),
        "drafts": content.draft_count(),
    }


def _outages_today() -> int:
    from audit.monitoring.models import Outage

    return Outage.objects.filter(started_at__gte=_midnight()).count()


def activity_digest() -> dict[str, Any]:
    """Duty 3: the last 24 hours' signals, today's lockouts and page views."""
    from audit.security.models import TrafficCount, TrafficDimension
    from audit.security.panels import last_day_summary

    summary = last_day_summary()
    views = TrafficCount.objects.filter(
        day=timezone.localdate(), dimension=TrafficDimension.VIEWS
    ).aggregate(total=Sum("count"))["total"]
    return {
        "signals": {row["severity"]: row["requests"] for row in summary["rows"]},
        "blocked": summary["blocked"],
        "lockouts_today": Event.objects.filter(
            action="auth.locked_out", timestamp__gte=_midnight()
        ).count(),
        "views_today": views or 0,
    }


DIGESTS = {
    DutyCheck.Duty.AVAILABILITY: availability_digest,
    DutyCheck.Duty.ACTIVITY: activity_digest,
}


def shown_token(duty: int, digest: dict[str, Any]) -> str:
    """What the dashboard's button posts back: when, and which figures, were shown."""
    return signing.dumps(
        {"duty": int(duty), "at": timezone.now().isoformat(), "digest": digest},
        salt=SALT,
    )


def read_token(token: str) -> dict[str, Any]:
    """Raises ``signing.BadSignature`` for a forged or stale token."""
    return signing.loads(token, salt=SALT, max_age=MAX_DIGEST_AGE)


def confirmed_today(duty: int, user) -> bool:
    return DutyCheck.objects.filter(
        duty=duty, day=timezone.localdate(), confirmed_by=user
    ).exists()


def confirm(
    duty: int,
    *,
    user,
    shown_at: datetime.datetime,
    digest: dict[str, Any],
    request=None,
) -> DutyCheck | None:
    """Record ``user``'s check of today's digest; None if already confirmed today."""
    now = timezone.now()
    try:
        with transaction.atomic():
            check = DutyCheck.objects.create(
                duty=duty,
                day=timezone.localdate(now),
                confirmed_by=user,
                confirmed_by_label=user.get_username(),
                shown_at=min(shown_at, now),
                confirmed_at=now,
                digest=digest,
            )
            record(
                ACTIONS[DutyCheck.Duty(duty)],
                actor=user,
                obj=check,
                details={"duty": duty, "digest": digest},
                request=request,
            )
    except IntegrityError:
        return None
    return check
