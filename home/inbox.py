"""The feedback inbox: every public submission, handled and never forgotten.

An item is created in the same transaction as Wagtail's FormSubmission. Its
status, assignee, notes and answers change only through the functions here,
and each change of consequence is an audit event in the same transaction.
An open item older than ``HOME_FEEDBACK_OVERDUE_WORKING_DAYS`` working days
is overdue; the cut-off is computed once per call, so listings, the dashboard
panel and the daily reminder find overdue items with one indexed filter.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from audit.trail import record
from home import notifications
from home.inbox_calendar import (
    indonesian_holidays,
    latest_overdue_date,
    working_days_between,
)
from home.models import FeedbackItem, FeedbackMail

DEFAULT_OVERDUE_WORKING_DAYS = 3
REMINDER_ACTOR = "system:home.feedback_overdue_reminder"


def overdue_limit() -> int:
    return int(
        getattr(
            settings, "HOME_FEEDBACK_OVERDUE_WORKING_DAYS", DEFAULT_OVERDUE_WORKING_DAYS
        )
    )


def holidays_around(today: datetime.date) -> frozenset[datetime.date]:
    return indonesian_holidays(range(today.year - 1, today.year + 1))


# --- Receiving ------------------------------------------------------------------
def _first_value(page, data: dict[str, Any], field_types: tuple[str, ...]) -> str:
    for field in page.get_form_fields():
        if field.field_type in field_types and data.get(field.clean_name):
            return str(data[field.clean_name])
    return ""


def _name(page, data: dict[str, Any]) -> str:
    for field in page.get_form_fields():
        if field.clean_name in ("nama", "name", "nama_lengkap", "full_name"):
            return str(data.get(field.clean_name, ""))
    return _first_value(page, data, ("singleline",))


def receive(submission: FormSubmission, *, nonce: str | None = None) -> FeedbackItem:
    """Put a stored submission in the inbox and queue the officers' notification."""
    page = submission.page.specific
    data = submission.form_data
    item = FeedbackItem.objects.create(
        submission=submission,
        received_at=submission.submit_time,
        sender_name=_name(page, data)[:255],
        sender_email=_first_value(page, data, ("email",))[:254],
        message=_first_value(page, data, ("multiline",)),
        form_nonce=nonce or None,
    )
    notifications.notify_officers_of(item)
    return item


# --- Handling -------------------------------------------------------------------
def _set_status(item: FeedbackItem, status: str) -> str:
    previous = item.status
    item.status = status
    if item.is_open:
        item.handled_at = None
    elif previous in (FeedbackItem.Status.NEW, FeedbackItem.Status.IN_PROGRESS):
        item.handled_at = timezone.now()
    return previous


def change_status(item: FeedbackItem, status: str, *, actor, request=None) -> bool:
    """Move ``item`` to ``status``; False if it was there already."""
    if status not in FeedbackItem.Status.values:
        raise ValueError(f"Unknown feedback status {status!r}.")
    if status == item.status:
        return False
    with transaction.atomic():
        previous = _set_status(item, status)
        item.save(update_fields=["status", "handled_at"])
        record(
            "feedback.status_changed",
            actor=actor,
            obj=item,
            details={"from": previous, "to": status},
            request=request,
        )
    return True


def assign(item: FeedbackItem, assignee, *, actor, request=None) -> bool:
    """Give ``item`` to ``assignee`` (a user or None); a new item is then in progress."""
    if item.assignee_id == (assignee.pk if assignee else None):
        return False
    with transaction.atomic():
        previous = item.assignee
        item.assignee = assignee
        fields = ["assignee"]
        if assignee and item.status == FeedbackItem.Status.NEW:
            _set_status(item, FeedbackItem.Status.IN_PROGRESS)
            fields += ["status", "handled_at"]
        item.save(update_fields=fields)
        record(
            "feedback.assigned",
            actor=actor,
            obj=item,
            details={
                "from": previous.get_username() if previous else None,
                "to": assignee.get_username() if assignee else None,
                "status": item.status,
            },
            request=request,
        )
    return True


def save_notes(item: FeedbackItem, notes: str, *, actor, request=None) -> bool:
    if notes == item.notes:
        return False
    with transaction.atomic():
        item.notes = notes
        item.save(update_fields=["notes"])
        record(
            "feedback.notes_changed",
            actor=actor,
            obj=item,
            details={"length": len(notes)},
            request=request,
        )
    return True


def answer(item: FeedbackItem, text: str, *, actor, request=None) -> FeedbackMail:
    """Email ``text`` to the citizen (from the worker) and mark the item answered."""
    if not item.sender_email:
        raise ValueError("This feedback has no email address to answer.")
    with transaction.atomic():
        mail = notifications.answer_citizen(item, text, author=actor)
        previous = _set_status(item, FeedbackItem.Status.ANSWERED)
        item.save(update_fields=["status", "handled_at"])
        record(
            "feedback.answered",
            actor=actor,
            obj=item,
            details={"mail": mail.pk, "from": previous, "length": len(text)},
            request=request,
        )
    return mail


# --- Age and overdue ----------------------------------------------------------------
def overdue_before(now: datetime.datetime | None = None) -> datetime.datetime:
    """Open items received before this moment are overdue."""
    today = timezone.localdate(now)
    last = latest_overdue_date(today, overdue_limit(), holidays=holidays_around(today))
    next_day = last + datetime.timedelta(days=1)
    return timezone.make_aware(
        datetime.datetime.combine(next_day, datetime.time.min),
        timezone.get_default_timezone(),
    )


def overdue_items(now: datetime.datetime | None = None):
    return FeedbackItem.objects.open().filter(received_at__lt=overdue_before(now))


class AgeClock:
    """Today, its holidays and the overdue cut-off, computed once for a listing."""

    def __init__(self, now: datetime.datetime | None = None):
        self.today = timezone.localdate(now)
        self.holidays = holidays_around(self.today)
        self.cutoff = overdue_before(now)

    def annotate(self, items):
        """Set ``age_days`` (working days) and ``overdue`` on each item, no query."""
        for item in items:
            received = timezone.localdate(item.received_at)
            item.age_days = working_days_between(
                received, self.today, holidays=self.holidays
            )
            item.overdue = item.is_open and item.received_at < self.cutoff
        return items


def remind_overdue(now: datetime.datetime | None = None) -> int:
    """Mail the officers the overdue items not yet reminded today; how many."""
    today = timezone.localdate(now)
    with transaction.atomic():
        items = list(
            overdue_items(now)
            .exclude(last_reminded_on=today)
            .select_related("assignee")
            .order_by("received_at")
            .select_for_update(of=("self",))
        )
        if not items:
            return 0
        mail = notifications.remind_officers(items, limit=overdue_limit())
        if mail is None:
            return 0
        FeedbackItem.objects.filter(pk__in=[i.pk for i in items]).update(
            last_reminded_on=today
        )
        record(
            "feedback.overdue_reminded",
            actor=REMINDER_ACTOR,
            obj=("home.feedbackmail", mail.pk, mail.subject),
            details={
                "items": [i.pk for i in items],
                "recipients": len(mail.recipients),
            },
        )
    return len(items)
