"""Working days for the feedback inbox's deadlines.

Weekends are never working days; public holidays and the government's
collective leave days (cuti bersama, the ``holidays`` package's "government"
category) are not either. Every function takes the holiday set as an argument,
so callers compute it once and tests can give their own. The moderation
workflow's due dates (home/moderation.py) read the same calendar.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable

import holidays as holiday_calendars


def indonesian_holidays(years: Iterable[int]) -> frozenset[datetime.date]:
    """Indonesia's public holidays and collective leave days in ``years``."""
    calendar = holiday_calendars.country_holidays(
        "ID", years=list(years), categories=("public", "government")
    )
    return frozenset(calendar.keys())


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: datetime.date, days: int, *, holidays: Collection[datetime.date] = ()
) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def working_days_between(
    start: datetime.date,
    end: datetime.date,
    *,
    holidays: Collection[datetime.date] = (),
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if none)."""
    if end <= start:
        return 0
    whole_weeks, extra = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + datetime.timedelta(days=whole_weeks * 7)
    for _step in range(extra):
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    count -= sum(1 for h in holidays if start < h <= end and h.weekday() < 5)
    return count


def latest_overdue_date(
    today: datetime.date, limit: int, *, holidays: Collection[datetime.date] = ()
) -> datetime.date:
    """The latest day whose feedback is overdue ``today``: its deadline, ``limit``
    working days later, has passed."""
    day = today - datetime.timedelta(days=1)
    while add_working_days(day, limit, holidays=holidays) >= today:
        day -= datetime.timedelta(days=1)
    return day
