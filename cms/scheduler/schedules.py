"""A schedule row as an APScheduler trigger, as due times, and as a sentence.

All due-time maths goes through the same APScheduler trigger the scheduler
uses, so catch-up, lateness and the "next run" shown in the admin can never
disagree with when the scheduler actually fires. Times are Jakarta time (WIB).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.models import Frequency, Weekday
from cms.scheduler.conf import TIME_ZONE

if TYPE_CHECKING:
    from cms.models import JobSchedule

# Interval schedules count from a fixed midnight, so every process computes the
# same due times ("every 5 minutes" is :00, :05, ... whoever started when).
INTERVAL_ANCHOR = datetime(2000, 1, 3, tzinfo=TIME_ZONE)

_CRON_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def trigger(schedule: JobSchedule) -> BaseTrigger:
    freq = schedule.frequency
    if freq == Frequency.MINUTES:
        return IntervalTrigger(
            minutes=schedule.every, start_date=INTERVAL_ANCHOR, timezone=TIME_ZONE
        )
    if freq == Frequency.SECONDS:
        return IntervalTrigger(
            seconds=schedule.every, start_date=INTERVAL_ANCHOR, timezone=TIME_ZONE
        )
    if freq == Frequency.HOURLY:
        return CronTrigger(minute=schedule.minute, second=0, timezone=TIME_ZONE)
    if freq == Frequency.DAILY:
        return CronTrigger(
            hour=schedule.hour, minute=schedule.minute, second=0, timezone=TIME_ZONE
        )
    if freq == Frequency.WEEKLY:
        return CronTrigger(
            day_of_week=_CRON_DAYS[schedule.weekday],
            hour=schedule.hour,
            minute=schedule.minute,
            second=0,
            timezone=TIME_ZONE,
        )
    if freq == Frequency.MONTHLY:
        return CronTrigger(
            day=schedule.day,
            hour=schedule.hour,
            minute=schedule.minute,
            second=0,
            timezone=TIME_ZONE,
        )
    raise ValueError(f"Unknown frequency {freq!r}")


def period(schedule: JobSchedule) -> timedelta:
    """The longest gap between two due times."""
    freq = schedule.frequency
    if freq == Frequency.MINUTES:
        return timedelta(minutes=schedule.every)
    if freq == Frequency.SECONDS:
        return timedelta(seconds=schedule.every)
    return {
        Frequency.HOURLY: timedelta(hours=1),
        Frequency.DAILY: timedelta(days=1),
        Frequency.WEEKLY: timedelta(days=7),
        Frequency.MONTHLY: timedelta(days=31),
    }[freq]


def next_due(schedule: JobSchedule, now: datetime) -> datetime | None:
    """The first due time at or after ``now``."""
    return trigger(schedule).get_next_fire_time(None, now)


def previous_due(schedule: JobSchedule, now: datetime) -> datetime | None:
    """The last due time at or before ``now``."""
    trig = trigger(schedule)
    # 1. Start one full period back: at least one due time lies in (start, now].
    # 2. Walk forward through due times while they are not after now.
    candidate = trig.get_next_fire_time(None, now - period(schedule))
    last = None
    while candidate is not None and candidate <= now:
        last = candidate
        candidate = trig.get_next_fire_time(
            candidate, candidate + timedelta(microseconds=1)
        )
    return last


def format_time(hour: int, minute: int) -> str:
    # Translators: a time of day; Indonesian writes 02.00, English 02:00.
    return _("%(hour)02d:%(minute)02d") % {"hour": hour, "minute": minute}


def describe(schedule: JobSchedule) -> str:
    """The schedule as a sentence in the active language, e.g. "Every day at 02:00 WIB"."""
    freq = schedule.frequency
    if freq == Frequency.MINUTES:
        return ngettext("Every minute", "Every %(count)d minutes", schedule.every) % {
            "count": schedule.every
        }
    if freq == Frequency.SECONDS:
        return ngettext("Every second", "Every %(count)d seconds", schedule.every) % {
            "count": schedule.every
        }
    if freq == Frequency.HOURLY:
        return _("Every hour at minute %(minute)d") % {"minute": schedule.minute}
    time = format_time(schedule.hour, schedule.minute)
    if freq == Frequency.DAILY:
        return _("Every day at %(time)s WIB") % {"time": time}
    if freq == Frequency.WEEKLY:
        return _("Every %(weekday)s at %(time)s WIB") % {
            "weekday": Weekday(schedule.weekday).label,
            "time": time,
        }
    if freq == Frequency.MONTHLY:
        return _("On day %(day)d of every month at %(time)s WIB") % {
            "day": schedule.day,
            "time": time,
        }
    raise ValueError(f"Unknown frequency {freq!r}")
