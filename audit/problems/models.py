"""Problems and their follow-up (SOP duties 5, 6 and 7).

A problem is opened by hand or by an automatic source; an automatic source
names its cause in ``cause_key`` and the partial unique constraint below keeps
one not-closed problem per cause, whatever the number of concurrent openers.
Each status change is one ``ProblemStep`` row (the time of each step); the
time of the main steps is also kept on the problem itself, so the board and
the report measure SOP standard times with plain column arithmetic.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CLOSED_STATUSES = ("resolved", "verified")


class ProblemQuerySet(models.QuerySet):
    def not_closed(self):
        return self.exclude(status__in=CLOSED_STATUSES)


class Problem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REPORTED = "reported", _("Reported to the supervisor")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING_THIRD_PARTY = "waiting_third_party", _("Waiting on a third party")
        WAITING_FINANCE = "waiting_finance", _("Waiting on finance")
        RESOLVED = "resolved", _("Resolved")
        VERIFIED = "verified", _("Verified")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Opened by hand")
        OUTAGE = "outage", _("Outage")
        BACKUP = "backup", _("Backup")
        AUDIT = "audit", _("Audit trail")
        SECURITY = "security", _("Security signal")
        FEEDBACK = "feedback", _("Public feedback")
        JOB = "job", _("Scheduled job")

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    severity = models.CharField(
        _("severity"), max_length=16, choices=Severity.choices, default=Severity.MEDIUM
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.MANUAL
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
    )
    # "outage:<id>", "backup:<run id>", ...: what raised it, for de-duplication.
    cause_key = models.CharField(_("cause"), max_length=100, blank=True)
    # The admin URL path of what raised it.
    link = models.CharField(_("link"), max_length=500, blank=True)

    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(
        _("opened at"), default=timezone.now, db_index=True
    )

    # Duty 5: the officer reports it to the supervisor.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    # Duty 6: the supervisor orders an operator to follow it up.
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_problems",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    instruction = models.TextField(_("instruction"), blank=True)

    started_at = models.DateTimeField(_("started at"), null=True, blank=True)

    # Duty 7: resolved, then verified by the supervisor.
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cause_key"],
                condition=~Q(cause_key="") & ~Q(status__in=CLOSED_STATUSES),
                name="problems_one_open_problem_per_cause",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class ProblemStep(models.Model):
    """One status change of a problem: who moved it, from what, to what, when."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(
        _("from"), max_length=24, choices=Problem.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=24, choices=Problem.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The actor's name at the time, or the system source ("system:monitoring").
    actor_label = models.CharField(_("by"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("problem step")
        verbose_name_plural = _("problem steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.problem_id}: {self.from_status} -> {self.to_status}"


class CoordinationEntry(models.Model):
    """Duty 7: who outside was contacted, when, and what was agreed."""

    class Party(models.TextChoices):
        VENDOR = "vendor", _("Vendor")
        FINANCE = "finance", _("Finance")
        HOSTING = "hosting", _("Hosting provider")
        OTHER = "other", _("Other")

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="coordination"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    party_name = models.CharField(_("name"), max_length=200)
    contacted_at = models.DateTimeField(_("contacted at"), default=timezone.now)
    agreed = models.TextField(_("what was agreed"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coordination entry")
        verbose_name_plural = _("coordination entries")
        ordering = ["contacted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.party_name}"
