"""What opens a problem by itself: events of the audit trail, and late jobs.

The trail's ``event_recorded`` signal (sent after the commit) hands every
event to ``open_for_event``, which looks its action up in ``CAUSES`` and
opens one problem per cause (``opening.open_problem`` merges repeats). The
sources stay unaware of problems: they only record, as they always did.
Nothing here may break the source: any error is logged and swallowed.

Causes are chosen so one situation is one problem: one per outage (not per
failed probe), one per backup kind while its backups or drills keep failing,
one per failing or late job, one per kind of high-severity security signal,
one for overdue feedback, one for a failed trail verification.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.models import Event
from audit.problems import opening
from audit.problems.models import Problem

logger = logging.getLogger(__name__)

S = Problem.Source
V = Problem.Severity


@dataclass(frozen=True)
class Cause:
    source: str
    severity: str
    key: Callable[[Event, dict], str]
    title: Callable[[Event, dict], str]
    url_name: str = ""
    query: str = ""


def _url(name: str, query: str = "") -> str:
    if not name:
        return ""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return ""


CAUSES: dict[str, Cause] = {
    "monitoring.outage_opened": Cause(
        S.OUTAGE,
        V.CRITICAL,
        key=lambda e, d: f"outage:{e.object_id}",
        title=lambda e, d: (
            _("The website is down: %(cause)s")
            % {"cause": d.get("cause") or e.object_label}
        ),
        url_name="monitoring:index",
    ),
    "backups.failed": Cause(
        S.BACKUP,
        V.HIGH,
        key=lambda e, d: f"backup:{d.get('kind') or e.object_id}",
        title=lambda e, d: (
            _("Backup failed: %(error)s") % {"error": d.get("error") or e.object_label}
        ),
        url_name="backups:index",
    ),
    "backups.drill_failed": Cause(
        S.BACKUP,
        V.HIGH,
        key=lambda e, d: "drill:database",
        title=lambda e, d: (
            _("Backup restore drill failed: %(error)s")
            % {"error": d.get("error") or e.object_label}
        ),
        url_name="backups:index",
    ),
    "audit.verify_failed": Cause(
        S.AUDIT,
        V.CRITICAL,
        key=lambda e, d: "audit:verify",
        title=lambda e, d: (
            _("The audit trail failed verification: %(message)s")
            % {"message": d.get("message") or ""}
        ),
        url_name="audit:events",
    ),
    "security.signal_alerted": Cause(
        S.SECURITY,
        V.HIGH,
        key=lambda e, d: f"security:{d.get('kind') or 'signal'}",
        title=lambda e, d: (
            _("High-severity security signal: %(kind)s") % {"kind": e.object_label}
        ),
        url_name="security:signals",
    ),
    "feedback.overdue_reminded": Cause(
        S.FEEDBACK,
        V.MEDIUM,
        key=lambda e, d: "feedback:overdue",
        title=lambda e, d: (
            _("Public feedback is overdue (%(count)s items)")
            % {"count": len(d.get("items") or [])}
        ),
        url_name="feedback_inbox:index",
        query="?overdue=true",
    ),
    "scheduler.run_failed": Cause(
        S.JOB,
        V.MEDIUM,
        key=lambda e, d: f"job:{d.get('job') or e.object_label}",
        title=lambda e, d: (
            _("Scheduled job failed: %(job)s") % {"job": d.get("job") or e.object_label}
        ),
        url_name="scheduler:job_runs",
    ),
}

#: The actions ``open_for_event`` reacts to: the only ones announced to it.
ACTIONS_HEARD = frozenset(CAUSES) | {"monitoring.outage_closed"}


def open_for_event(event: Event) -> Problem | None:
    """The problem opened (or already open) for ``event``; None if none is due."""
    cause = CAUSES.get(event.action)
    if cause is None:
        if event.action == "monitoring.outage_closed":
            return _note_outage_closed(event)
        return None
    try:
        details = json.loads(event.details or "{}")
        # Problems are data read by everyone: written in the site's language.
        with translation.override(_site_language()):
            title = cause.title(event, details)
        return opening.open_problem(
            source=cause.source,
            cause_key=cause.key(event, details),
            title=title,
            severity=cause.severity,
            link=_url(cause.url_name, cause.query),
            description=_describe(event, details),
        )
    except Exception:  # noqa: BLE001 (the source must never break)
        logger.exception("Could not open a problem for audit event %s", event.pk)
        return None


def _describe(event: Event, details: dict) -> str:
    lines = [f"{event.action}: {event.object_label}".strip()]
    lines += [f"{key}: {value}" for key, value in sorted(details.items())]
    return "\n".join(lines)


def _note_outage_closed(event: Event) -> Problem | None:
    try:
        details = json.loads(event.details or "{}")
        minutes = round((details.get("downtime_seconds") or 0) / 60)
        with translation.override(_site_language()):
            text = _("The outage ended after %(minutes)s minutes.") % {
                "minutes": minutes
            }
        return opening.note_on_open_problem(f"outage:{event.object_id}", text)
    except Exception:  # noqa: BLE001 (the source must never break)
        logger.exception("Could not note the end of outage %s", event.object_id)
        return None


def open_for_late_jobs() -> list[Problem]:
    """One problem per late scheduled job (the scheduler's own verdict)."""
    from cms.scheduler.health import late_jobs

    opened = []
    with translation.override(_site_language()):
        for state in late_jobs():
            opened.append(
                opening.open_problem(
                    source=S.JOB,
                    cause_key=f"job:{state.name}",
                    title=_("Scheduled job is late: %(job)s") % {"job": state.label},
                    severity=V.MEDIUM,
                    link=_url("scheduler:job_runs"),
                    description=state.words,
                )
            )
    return opened


def _site_language() -> str:
    from django.conf import settings

    return settings.LANGUAGE_CODE
