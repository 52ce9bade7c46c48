"""Report periods (Jakarta days, end inclusive) and a median computed in SQL."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import DurationField, ExpressionWrapper, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def since(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def until(self) -> datetime.datetime:
        return _midnight(self.end + datetime.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self):
        for offset in range(self.days):
            yield self.start + datetime.timedelta(days=offset)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min),
        timezone.get_default_timezone(),
    )


def month(value: str) -> Period:
    """``2026-11``: that calendar month. Raises ValueError with one sentence."""
    match = MONTH.match(value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(
            _("“%(value)s” is not a month: write it as YYYY-MM, e.g. 2026-11.")
            % {"value": value}
        )
    year, number = int(match.group(1)), int(match.group(2))
    start = datetime.date(year, number, 1)
    following = datetime.date(year + number // 12, number % 12 + 1, 1)
    return Period(start, following - datetime.timedelta(days=1))


def between(start: datetime.date, end: datetime.date) -> Period:
    if end < start:
        raise ValueError(_("The end of the period is before its start."))
    if (end - start).days > 366:
        raise ValueError(_("A report covers at most one year."))
    return Period(start, end)


def previous_month(today: datetime.date) -> Period:
    first = today.replace(day=1)
    return month(f"{(first - datetime.timedelta(days=1)):%Y-%m}")


def previous_week(today: datetime.date) -> Period:
    """Monday to Sunday of the week before ``today``'s."""
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    return Period(monday, monday + datetime.timedelta(days=6))


def median_minutes(
    queryset: QuerySet, start: str, end: str
) -> tuple[float | None, int]:
    """(median minutes from ``start`` to ``end``, number of rows), in two queries.

    The database orders the durations and returns only the middle one (lower
    median): nothing but one value is read into Python, on SQLite and
    PostgreSQL alike.
    """
    rows = queryset.filter(
        **{f"{start}__isnull": False, f"{end}__isnull": False}
    ).annotate(
        _duration=ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    )
    count = rows.count()
    if not count:
        return None, 0
    middle = rows.order_by("_duration").values_list("_duration", flat=True)[
        (count - 1) // 2
    ]
    return round(middle.total_seconds() / 60, 1), count
