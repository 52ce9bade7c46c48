"""Due times of a schedule row, and the row as a sentence.

All due-time maths goes through the same APScheduler trigger the scheduler
uses (``frequencies.trigger``), so catch-up, lateness and the "next run" shown
in the admin can never disagree with when the scheduler actually fires. Times
are Jakarta time (WIB). A row that breaks its frequency's rules raises
:class:`~cms.scheduler.frequencies.BadSchedule`; :func:`problem` says so in words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from cms.scheduler import frequencies
from cms.scheduler.frequencies import BadSchedule
from cms.scheduler.models import JobSchedule

__all__ = [
    "BadSchedule",
    "describe",
    "next_due",
    "next_dues",
    "previous_due",
    "problem",
    "trigger",
]


def trigger(schedule: JobSchedule):
    return frequencies.trigger(schedule.schedule_values())


def next_due(schedule: JobSchedule, now: datetime) -> datetime | None:
    """The first due time at or after ``now``."""
    return trigger(schedule).get_next_fire_time(None, now)


def next_dues(schedule: JobSchedule, now: datetime, count: int = 3) -> list[datetime]:
    """The next ``count`` due times at or after ``now``."""
    trig = trigger(schedule)
    dues: list[datetime] = []
    due = trig.get_next_fire_time(None, now)
    while due is not None and len(dues) < count:
        dues.append(due)
        due = trig.get_next_fire_time(due, due + timedelta(microseconds=1))
    return dues


def previous_due(schedule: JobSchedule, now: datetime) -> datetime | None:
    """The last due time at or before ``now``."""
    values = schedule.schedule_values()
    trig = frequencies.trigger(values)
    # 1. Start one full period back: at least one due time lies in (start, now].
    # 2. Walk forward through due times while they are not after now.
    candidate = trig.get_next_fire_time(None, now - frequencies.period(values))
    last = None
    while candidate is not None and candidate <= now:
        last = candidate
        candidate = trig.get_next_fire_time(
            candidate, candidate + timedelta(microseconds=1)
        )
    return last


def describe(schedule: JobSchedule) -> str:
    """The schedule in words, or a plain sentence saying it is broken."""
    try:
        return frequencies.describe(schedule.schedule_values())
    except BadSchedule:
        return _("Broken schedule: it cannot run until it is corrected.")


def problem(schedule: JobSchedule) -> str | None:
    """None for a sound schedule; else one sentence an officer can act on."""
    if not frequencies.problems(schedule.schedule_values()):
        return None
    return _(
        "This schedule is broken (a value its frequency needs is missing or out "
        "of range), so the job does not run. Open the schedule, correct it and save."
    )
