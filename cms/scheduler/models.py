"""Periodic job schedules, their recorded runs, and the scheduler's lease.

A schedule is stored as a frequency plus the few fields it needs, never as a
cron string, so officers can edit it in plain words. What each frequency needs
is defined once, in ``cms.scheduler.frequencies``: this module takes its
validation and its database check constraints from there. Models import no
domain module (registry, schedules): those take a row and work on it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.scheduler.frequencies import (
    FIELDS,
    Frequency,
    Weekday,
    check_constraints,
    problems,
)


def _range(name: str) -> list:
    rule = FIELDS[name]
    return [MinValueValidator(rule.minimum), MaxValueValidator(rule.maximum)]


class JobSchedule(models.Model):
    """When one registered periodic job runs; one row per job, seeded from the registry."""

    name = models.CharField(_("job"), max_length=100, unique=True, editable=False)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.DAILY
    )
    every = models.PositiveIntegerField(
        _("every N minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("For “every N minutes”: from 1 to 1440 (one day)."),
    )
    minute = models.PositiveSmallIntegerField(
        _("minute"),
        default=0,
        validators=_range("minute"),
        help_text=_("From 0 to 59. Not used for “every N minutes”."),
    )
    hour = models.PositiveSmallIntegerField(
        _("hour"),
        default=0,
        validators=_range("hour"),
        help_text=_("From 0 to 23, Jakarta time (WIB). For daily, weekly, monthly."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"), choices=Weekday, null=True, blank=True
    )
    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=_range("day"),
        help_text=_(
            "From 1 to 28, so the job runs in every month, February too. "
            "For monthly only."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    grace_minutes = models.PositiveIntegerField(
        _("grace (minutes)"),
        default=10,
        validators=[MaxValueValidator(60 * 24 * 7)],
        help_text=_(
            "If the scheduler was down when the job was due, it still runs the job "
            "once on return if no more than this many minutes have passed."
        ),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("job schedule")
        verbose_name_plural = _("job schedules")
        constraints = check_constraints("scheduler_jobschedule")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        found = problems(self.schedule_values())
        if found:
            raise ValidationError(
                {
                    name: ValidationError(text, code="invalid")
                    for name, text in found.items()
                }
            )

    def schedule_values(self) -> dict:
        """The frequency and its fields, as ``cms.scheduler.frequencies`` reads them."""
        return {
            "frequency": self.frequency,
            **{name: getattr(self, name) for name in FIELDS},
        }

    @property
    def grace(self) -> timedelta:
        return timedelta(minutes=self.grace_minutes)


class Trigger(models.TextChoices):
    SCHEDULE = "schedule", _("Schedule")
    LATE = "late", _("Late catch-up")
    RUN_NOW = "run_now", _("Run now")


class Outcome(models.TextChoices):
    ENQUEUED = "enqueued", pgettext_lazy("job run", "Enqueued")
    RUNNING = "running", pgettext_lazy("job run", "Running")
    SUCCEEDED = "succeeded", pgettext_lazy("job run", "Succeeded")
    FAILED = "failed", pgettext_lazy("job run", "Failed")
    # Closed by the scheduler: never started, or never finished, in time.
    LOST = "lost", pgettext_lazy("job run", "Lost (never started)")
    TIMED_OUT = "timed_out", pgettext_lazy("job run", "Timed out")


# Outcomes of a run that has not finished (yet).
OPEN_OUTCOMES = (Outcome.ENQUEUED, Outcome.RUNNING)


class JobRunQuerySet(models.QuerySet):
    def fired_by_schedule(self):
        """Runs the schedule caused (on time or late), not the ones asked for by hand."""
        return self.filter(trigger__in=[Trigger.SCHEDULE, Trigger.LATE])

    def succeeded(self):
        return self.filter(outcome=Outcome.SUCCEEDED)

    def older_than(self, cutoff: datetime):
        return self.filter(scheduled_for__lt=cutoff)

    def unfinished(self):
        return self.filter(outcome__in=OPEN_OUTCOMES)


class JobRun(models.Model):
    """One firing of a job. (job, scheduled_for) is unique: a due time fires once."""

    job = models.CharField(_("job"), max_length=100, db_index=True)
    trigger = models.CharField(
        _("trigger"), max_length=10, choices=Trigger, default=Trigger.SCHEDULE
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scheduled_for = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("enqueued at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    duration = models.DurationField(_("duration"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome, default=Outcome.ENQUEUED
    )
    error = models.TextField(_("error"), blank=True)
    task_result_id = models.CharField(_("task id"), max_length=64, blank=True)

    objects = JobRunQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(
                fields=["job", "scheduled_for"], name="scheduler_jobrun_fires_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["job", "-scheduled_for"], name="scheduler_jobrun_job_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.scheduled_for:%Y-%m-%d %H:%M:%S}"

    @property
    def duration_seconds(self) -> float | None:
        if self.duration is None:
            return None
        return round(self.duration.total_seconds(), 3)

    @property
    def trigger_display(self) -> str:
        if self.trigger == Trigger.RUN_NOW and self.requested_by_id:
            return _("Run now by %(user)s") % {"user": self.requested_by}
        return str(self.get_trigger_display())


class SchedulerLease(models.Model):
    """The right to fire jobs. Taken and renewed only with conditional updates."""

    name = models.CharField(max_length=50, unique=True, default="default")
    holder = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(default=timezone.now)
    acquired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler lease")
        verbose_name_plural = _("scheduler leases")

    def __str__(self) -> str:
        return self.holder or "-"
