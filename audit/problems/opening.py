"""Opening problems: by hand, or by an automatic source naming its cause.

``open_problem`` is the public function for other apps. An automatic source
gives a ``cause_key`` ("outage:12", "job:backups.create"); while a problem of
that cause is not closed, no second one is opened. The partial unique
constraint on ``Problem`` decides under concurrency: of two openers racing, one
inserts and the other gets an IntegrityError, then finds the winner's row.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.problems.emails import send_step_mail_task
from audit.problems.models import Problem, ProblemStep
from audit.trail import record

logger = logging.getLogger(__name__)


def open_problem(
    *,
    source: str,
    cause_key: str,
    title: str,
    severity: str,
    link: str = "",
    description: str = "",
) -> Problem:
    """Open an automatic problem; the open one if its cause is already open."""
    if cause_key:
        existing = Problem.objects.not_closed().filter(cause_key=cause_key).first()
        if existing is not None:
            return existing
    try:
        return _create(
            source=source,
            cause_key=cause_key,
            title=title,
            severity=severity,
            link=link,
            description=description,
            actor=None,
        )
    except IntegrityError:
        if not cause_key:
            raise
        # Another opener won the race: its problem is ours.
        return Problem.objects.not_closed().get(cause_key=cause_key)


def open_by_hand(
    *, user, title: str, severity: str, description: str = "", request=None
) -> Problem:
    """An officer or the supervisor opens a problem (no cause: never merged)."""
    return _create(
        source=Problem.Source.MANUAL,
        cause_key="",
        title=title,
        severity=severity,
        link="",
        description=description,
        actor=user,
        request=request,
    )


def _create(
    *,
    source: str,
    cause_key: str,
    title: str,
    severity: str,
    link: str,
    description: str,
    actor,
    request=None,
) -> Problem:
    now = timezone.now()
    with transaction.atomic():
        problem = Problem.objects.create(
            title=title[:255],
            description=description,
            severity=severity,
            source=source,
            cause_key=cause_key[:100],
            link=link[:500],
            opened_by=actor,
            opened_at=now,
        )
        ProblemStep.objects.create(
            problem=problem,
            from_status="",
            to_status=Problem.Status.OPEN,
            actor=actor,
            actor_label=actor.get_username() if actor else f"system:{source}",
            at=now,
        )
        record(
            "problems.opened",
            actor=actor or f"system:problems.{source}",
            obj=problem,
            details={
                "source": source,
                "severity": severity,
                "cause": cause_key,
                "link": link,
            },
            request=request,
        )
        transaction.on_commit(
            partial(send_step_mail_task.enqueue, problem.pk, "opened"), robust=True
        )
    logger.info("Problem %s opened (%s, %s)", problem.pk, source, cause_key or "-")
    return problem


def note_on_open_problem(cause_key: str, text: str) -> Problem | None:
    """Add a dated line to the description of the open problem of a cause."""
    problem = Problem.objects.not_closed().filter(cause_key=cause_key).first()
    if problem is None:
        return None
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    problem.description = f"{problem.description}\n\n[{stamp} WIB] {text}".strip()
    problem.save(update_fields=["description", "updated_at"])
    return problem
