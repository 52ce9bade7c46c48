"""The "Koordinasi Konten" workflow: due dates in working days, what waits for
whom, and turnaround per subdivision.

Working time is the agency's: Monday to Friday, ``HOME_WORKING_HOURS`` (08.00
to 16.00 by default) in the site's zone (Asia/Jakarta), minus Indonesia's public
holidays and the government's collective leave days (cuti bersama), both from
the ``holidays`` package's Indonesian calendar ("public" and "government"
categories). Each workflow step has its own allowance in working days
(``HOME_MODERATION_DUE_DAYS``, one number per step in workflow order); an item
is due at the close of the last allowed working day.

Queries stay flat: a subdivision is found by path prefix in SQL (one ``CASE``
over the few subdivisions), never by walking pages in Python. Only pending
items and the window of recently approved ones (``HOME_TURNAROUND_DAYS``) are
read, as two timestamps each, because working-hour maths needs the calendar.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, TaskState, Workflow, WorkflowState, WorkflowTask

from home.dates import site_zone
from home.inbox_calendar import indonesian_holidays
from home.inbox_calendar import is_working_day as _is_working_day

WORKFLOW_NAME = "Koordinasi Konten"
REVIEW_TASK = "Tinjauan Petugas Pengelola Website"
APPROVAL_TASK = "Persetujuan Atasan Langsung"

DEFAULT_DUE_DAYS = (2, 2)
DEFAULT_WORKING_HOURS = (8, 16)
DEFAULT_TURNAROUND_DAYS = 90


def due_days() -> tuple[int, ...]:
    values = getattr(settings, "HOME_MODERATION_DUE_DAYS", DEFAULT_DUE_DAYS)
    return tuple(int(value) for value in values)


def turnaround_days() -> int:
    return getattr(settings, "HOME_TURNAROUND_DAYS", DEFAULT_TURNAROUND_DAYS)


def working_hours() -> tuple[int, int]:
    return tuple(getattr(settings, "HOME_WORKING_HOURS", DEFAULT_WORKING_HOURS))


# --- The calendar --------------------------------------------------------------


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[datetime.date]:
    # The one Indonesian calendar (public holidays and cuti bersama), shared
    # with the feedback inbox's deadlines.
    return indonesian_holidays([year])


def is_working_day(day: datetime.date) -> bool:
    return _is_working_day(day, _holidays(day.year))


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The close of the ``days``-th working day after ``start``'s own day."""
    day = timezone.localtime(start, site_zone()).date()
    remaining = max(days, 0)
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    if days <= 0:  # due the same working day (or the next one if none today)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    _open, close = working_hours()
    return datetime.datetime.combine(day, datetime.time(close), tzinfo=site_zone())


def working_hours_between(start: datetime.datetime, end: datetime.datetime) -> float:
    """Working hours from ``start`` to ``end`` (0 when end is not later)."""
    if end <= start:
        return 0.0
    zone = site_zone()
    start, end = start.astimezone(zone), end.astimezone(zone)
    open_hour, close_hour = working_hours()
    total = 0.0
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            opens = datetime.datetime.combine(day, datetime.time(open_hour), zone)
            closes = datetime.datetime.combine(day, datetime.time(close_hour), zone)
            overlap = min(closes, end) - max(opens, start)
            total += max(overlap.total_seconds(), 0) / 3600
        day += datetime.timedelta(days=1)
    return total


# --- Steps and due dates -------------------------------------------------------


def content_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=WORKFLOW_NAME).first()


def step_orders() -> dict[int, int]:
    """Every task's position in its workflow, in one query."""
    return dict(WorkflowTask.objects.values_list("task_id", "sort_order"))


def days_for_step(index: int) -> int:
    allowances = due_days() or DEFAULT_DUE_DAYS
    return allowances[min(index, len(allowances) - 1)]


def due_at(started_at: datetime.datetime, index: int) -> datetime.datetime:
    return add_working_days(started_at, days_for_step(index))


# --- Subdivisions by path --------------------------------------------------------


def _subdivision_prefixes() -> list[tuple[str, int]]:
    """(path prefix, subdivision id) for each section and its translations."""
    from home.models import Subdivision

    rows = Subdivision.objects.filter(section__isnull=False).values_list(
        "pk", "section__path", "section__translation_key"
    )
    prefixes = [(path, pk) for pk, path, _key in rows]
    keys = {key: pk for pk, _path, key in rows}
    for key, path in Page.objects.filter(translation_key__in=keys).values_list(
        "translation_key", "path"
    ):
        if (path, keys[key]) not in prefixes:
            prefixes.append((path, keys[key]))
    return prefixes


def subdivision_prefixes() -> list[tuple[str, int]]:
    """(path prefix, subdivision id) of every subdivision's section and its
    translations: for other apps' per-subdivision queries (audit/reports)."""
    return _subdivision_prefixes()


def subdivision_case(path_field: str, prefixes: list[tuple[str, int]]):
    """A SQL expression giving the subdivision id (as text) of ``path_field``."""
    whens = [
        When(**{f"{path_field}__startswith": path}, then=Value(str(pk)))
        for path, pk in prefixes
    ]
    if not whens:
        return Value("", output_field=CharField())
    return Case(*whens, default=Value(""), output_field=CharField())


def _page_path(object_id: str):
    """The path of the page a workflow state is about (object ids are text)."""
    page_id = Cast(OuterRef(object_id), IntegerField())
    return Subquery(Page.objects.filter(pk=page_id).values("path")[:1])


def _page_type():
    return ContentType.objects.get_for_model(Page)


def subdivision_of_page(page: Page):
    from home.models import Subdivision

    for path, pk in _subdivision_prefixes():
        if page.path.startswith(path):
            return Subdivision.objects.filter(pk=pk).first()
    return None


# --- What waits ----------------------------------------------------------------


@dataclass
class PendingItem:
    task_state: TaskState
    page: Page | None
    subdivision: object | None
    step: int
    due: datetime.datetime
    waited_hours: float

    @property
    def overdue(self) -> bool:
        return timezone.now() > self.due


def _pages_by_id(ids) -> dict[int, Page]:
    return {p.pk: p for p in Page.objects.filter(pk__in=ids)}


def pending_items(task_states, *, now: datetime.datetime | None = None):
    """Annotate in-progress task states with page, subdivision, step and due date.

    A fixed number of queries whatever the number of items.
    """
    from home.models import Subdivision

    now = now or timezone.now()
    prefixes = _subdivision_prefixes()
    states = list(
        task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=_page_type(),
        )
        .select_related("workflow_state__requested_by", "task")
        .annotate(
            page_path=_page_path("workflow_state__object_id"),
            subdivision_id=subdivision_case("page_path", prefixes),
        )
        .order_by("started_at")
    )
    pages = _pages_by_id(int(s.workflow_state.object_id) for s in states)
    subdivisions = Subdivision.objects.in_bulk(
        {int(s.subdivision_id) for s in states if s.subdivision_id}
    )
    orders = step_orders()
    items = []
    for state in states:
        index = orders.get(state.task_id, 0)
        items.append(
            PendingItem(
                task_state=state,
                page=pages.get(int(state.workflow_state.object_id)),
                subdivision=subdivisions.get(int(state.subdivision_id or 0)),
                step=index,
                due=due_at(state.started_at, index),
                waited_hours=working_hours_between(state.started_at, now),
            )
        )
    return items


def overdue_task_states(*, now: datetime.datetime | None = None) -> list[PendingItem]:
    now = now or timezone.now()
    return [
        item
        for item in pending_items(TaskState.objects.all(), now=now)
        if item.due < now
    ]


# --- Per subdivision: pending and turnaround -------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (``fraction`` in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass
class SubdivisionRow:
    subdivision: object | None
    pending_by_step: dict[int, int] = field(default_factory=dict)
    overdue: int = 0
    turnarounds: list[float] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return sum(self.pending_by_step.values())

    @property
    def median(self) -> float | None:
        return percentile(self.turnarounds, 0.5)

    @property
    def p90(self) -> float | None:
        return percentile(self.turnarounds, 0.9)


def turnaround_rows(
    *, now: datetime.datetime | None = None, days: int | None = None
) -> list[SubdivisionRow]:
    """Pending items and submitted-to-live turnaround (working hours) per
    subdivision, over approvals of the last ``days`` days."""
    from home.models import Subdivision

    now = now or timezone.now()
    days = days or turnaround_days()
    rows = {sub.pk: SubdivisionRow(sub) for sub in Subdivision.objects.all()}
    other = SubdivisionRow(None)

    def row_for(pk) -> SubdivisionRow:
        return rows.get(int(pk or 0), other)

    for item in pending_items(TaskState.objects.all(), now=now):
        row = row_for(item.subdivision.pk if item.subdivision else 0)
        row.pending_by_step[item.step] = row.pending_by_step.get(item.step, 0) + 1
        if item.due < now:
            row.overdue += 1

    prefixes = _subdivision_prefixes()
    approved = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_APPROVED,
            current_task_state__finished_at__gte=now - datetime.timedelta(days=days),
        )
        .filter(base_content_type=_page_type())
        .annotate(
            page_path=_page_path("object_id"),
            subdivision_id=subdivision_case("page_path", prefixes),
        )
        .values_list(
            "subdivision_id",
            "created_at",
            "current_task_state__finished_at",
            "current_task_state__revision__approved_go_live_at",
        )
    )
    for subdivision_id, submitted, approved_at, go_live in approved:
        live = max(approved_at, go_live) if go_live else approved_at
        row_for(subdivision_id).turnarounds.append(
            working_hours_between(submitted, live)
        )
    result = list(rows.values())
    if other.pending or other.turnarounds:
        result.append(other)
    return result
