"""What a schedule is, defined once.

A schedule is a frequency plus the few numbers that frequency uses. The table
:data:`FREQUENCIES` says, for each frequency, which fields it uses, and
:data:`FIELDS` gives each field's range. From these two tables come the
model's validation (``JobSchedule.clean``), its database check constraints,
the admin form (which fields to show and clear), the APScheduler trigger and the
due-time maths. This module imports no model: models and domain modules import
it, never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# Every schedule is expressed in Jakarta time (WIB), whatever TIME_ZONE says.
TIME_ZONE = ZoneInfo("Asia/Jakarta")

# Interval schedules count from a fixed midnight, so every process computes the
# same due times ("every 5 minutes" is :00, :05, ... whoever started when).
INTERVAL_ANCHOR = datetime(2000, 1, 3, tzinfo=TIME_ZONE)


class Frequency(models.TextChoices):
    MINUTES = "minutes", _("Every N minutes")
    HOURLY = "hourly", _("Every hour")
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    # Only for tests and the benchmark: the admin form never offers it.
    SECONDS = "seconds", _("Every N seconds (testing only)")


class Weekday(models.IntegerChoices):
    # Same numbering as APScheduler's day_of_week and datetime.weekday().
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


@dataclass(frozen=True)
class FieldRule:
    """A schedule field's range; ``fallback`` repairs a row that lacks it."""

    minimum: int
    maximum: int
    fallback: int


# The schedule fields and their ranges. ``every`` has a range per frequency.
FIELDS: dict[str, FieldRule] = {
    "every": FieldRule(1, 86400, 60),
    "minute": FieldRule(0, 59, 0),
    "hour": FieldRule(0, 23, 0),
    "weekday": FieldRule(0, 6, 0),
    "day": FieldRule(1, 28, 1),
}
# The fields that may be empty in the database (the others have defaults).
NULLABLE = ("every", "weekday", "day")


@dataclass(frozen=True)
class FrequencySpec:
    """One frequency: the fields it uses, its trigger, its longest gap, its words."""

    frequency: str
    fields: tuple[str, ...]
    trigger: Callable[[Mapping[str, Any]], BaseTrigger]
    period: Callable[[Mapping[str, Any]], timedelta]
    words: Callable[[Mapping[str, Any]], str]
    every_maximum: int | None = None

    def rule(self, name: str) -> FieldRule:
        rule = FIELDS[name]
        if name == "every" and self.every_maximum is not None:
            return FieldRule(rule.minimum, self.every_maximum, rule.fallback)
        return rule


def _cron(**fields: Any) -> CronTrigger:
    return CronTrigger(second=0, timezone=TIME_ZONE, **fields)


_CRON_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def format_time(hour: int, minute: int) -> str:
    # Translators: a time of day; Indonesian writes 02.00, English 02:00.
    return gettext("%(hour)02d:%(minute)02d") % {"hour": hour, "minute": minute}


FREQUENCIES: dict[str, FrequencySpec] = {
    spec.frequency: spec
    for spec in [
        FrequencySpec(
            Frequency.MINUTES,
            ("every",),
            trigger=lambda v: IntervalTrigger(
                minutes=v["every"], start_date=INTERVAL_ANCHOR, timezone=TIME_ZONE
            ),
            period=lambda v: timedelta(minutes=v["every"]),
            words=lambda v: (
                ngettext("Every minute", "Every %(count)d minutes", v["every"])
                % {"count": v["every"]}
            ),
            every_maximum=1440,
        ),
        FrequencySpec(
            Frequency.SECONDS,
            ("every",),
            trigger=lambda v: IntervalTrigger(
                seconds=v["every"], start_date=INTERVAL_ANCHOR, timezone=TIME_ZONE
            ),
            period=lambda v: timedelta(seconds=v["every"]),
            words=lambda v: (
                ngettext("Every second", "Every %(count)d seconds", v["every"])
                % {"count": v["every"]}
            ),
            every_maximum=86400,
        ),
        FrequencySpec(
            Frequency.HOURLY,
            ("minute",),
            trigger=lambda v: _cron(minute=v["minute"]),
            period=lambda v: timedelta(hours=1),
            words=lambda v: (
                gettext("Every hour at minute %(minute)d") % {"minute": v["minute"]}
            ),
        ),
        FrequencySpec(
            Frequency.DAILY,
            ("hour", "minute"),
            trigger=lambda v: _cron(hour=v["hour"], minute=v["minute"]),
            period=lambda v: timedelta(days=1),
            words=lambda v: (
                gettext("Every day at %(time)s WIB")
                % {"time": format_time(v["hour"], v["minute"])}
            ),
        ),
        FrequencySpec(
            Frequency.WEEKLY,
            ("weekday", "hour", "minute"),
            trigger=lambda v: _cron(
                day_of_week=_CRON_DAYS[v["weekday"]],
                hour=v["hour"],
                minute=v["minute"],
            ),
            period=lambda v: timedelta(days=7),
            words=lambda v: (
                gettext("Every %(weekday)s at %(time)s WIB")
                % {
                    "weekday": Weekday(v["weekday"]).label,
                    "time": format_time(v["hour"], v["minute"]),
                }
            ),
        ),
        FrequencySpec(
            Frequency.MONTHLY,
            ("day", "hour", "minute"),
            trigger=lambda v: _cron(day=v["day"], hour=v["hour"], minute=v["minute"]),
            period=lambda v: timedelta(days=31),
            words=lambda v: (
                gettext("On day %(day)d of every month at %(time)s WIB")
                % {"day": v["day"], "time": format_time(v["hour"], v["minute"])}
            ),
        ),
    ]
}


class BadSchedule(ValueError):
    """A schedule whose values do not fit its frequency (a row the database let in)."""


def problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Field name -> what is wrong with it, for the fields ``values``' frequency uses.

    An empty dict means the schedule is sound. The key ``frequency`` stands for
    an unknown frequency.
    """
    spec = FREQUENCIES.get(values.get("frequency"))
    if spec is None:
        return {"frequency": gettext("This frequency is not known.")}
    found = {}
    for name in spec.fields:
        value = values.get(name)
        rule = spec.rule(name)
        if value is None:
            found[name] = gettext("This frequency needs a value here.")
        elif not rule.minimum <= value <= rule.maximum:
            found[name] = gettext(
                "Enter a whole number from %(minimum)d to %(maximum)d."
            ) % {"minimum": rule.minimum, "maximum": rule.maximum}
    return found


def spec_for(values: Mapping[str, Any]) -> FrequencySpec:
    """The frequency's spec, or BadSchedule if ``values`` do not fit it."""
    found = problems(values)
    if found:
        raise BadSchedule("; ".join(f"{name}: {text}" for name, text in found.items()))
    return FREQUENCIES[values["frequency"]]


def trigger(values: Mapping[str, Any]) -> BaseTrigger:
    return spec_for(values).trigger(values)


def period(values: Mapping[str, Any]) -> timedelta:
    """The longest gap between two due times."""
    return spec_for(values).period(values)


def describe(values: Mapping[str, Any]) -> str:
    """The schedule as a sentence in the active language, e.g. "Every day at 02:00 WIB"."""
    return spec_for(values).words(values)


def check_constraints(prefix: str) -> list[models.CheckConstraint]:
    """The database's copy of the rules above, one constraint per frequency and field."""
    constraints = [
        models.CheckConstraint(
            condition=models.Q(frequency__in=list(FREQUENCIES)),
            name=f"{prefix}_frequency_known",
        )
    ]
    for name, rule in FIELDS.items():
        in_range = models.Q(
            **{f"{name}__gte": rule.minimum, f"{name}__lte": rule.maximum}
        )
        if name in NULLABLE:
            in_range |= models.Q(**{f"{name}__isnull": True})
        constraints.append(
            models.CheckConstraint(condition=in_range, name=f"{prefix}_{name}_range")
        )
    for spec in FREQUENCIES.values():
        needed = models.Q()
        for name in spec.fields:
            if name in NULLABLE:
                needed &= models.Q(**{f"{name}__isnull": False})
            if name == "every" and spec.every_maximum is not None:
                needed &= models.Q(every__lte=spec.every_maximum)
        if needed:
            constraints.append(
                models.CheckConstraint(
                    condition=~models.Q(frequency=spec.frequency) | needed,
                    name=f"{prefix}_{spec.frequency}_fields",
                )
            )
    return constraints
