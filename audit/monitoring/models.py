"""Probe runs and their results, daily aggregates, outages, the link checker's
findings, and the leases that keep two runs of one job from overlapping.

Raw results are kept ``MONITORING_KEEP_DAYS``; every finished day is folded into
one ``ProbeDay`` row, so charts and the status page read at most one row a day.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    UP = "up", _("Up")
    ERRORS = "errors", _("Answering with errors")
    UNREACHABLE = "unreachable", _("Not reachable")
    NO_NETWORK = "no_network", _("Monitor offline")


class ProbeRun(models.Model):
    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    urls_checked = models.PositiveIntegerField(_("URLs checked"), default=0)
    urls_failed = models.PositiveIntegerField(_("URLs failed"), default=0)
    # The slowest answer of the run, in milliseconds (None: nothing answered).
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True)

    class Meta:
        verbose_name = _("probe run")
        verbose_name_plural = _("probe runs")
        ordering = ["-started_at"]
        default_permissions = ()
        permissions = [("view_monitoring", _("Can view monitoring"))]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.outcome}"

    @property
    def counts_as_down(self) -> bool:
        return self.outcome in (Outcome.ERRORS, Outcome.UNREACHABLE)


class ProbeResult(models.Model):
    run = models.ForeignKey(ProbeRun, on_delete=models.CASCADE, related_name="results")
    url = models.CharField(_("URL"), max_length=500)
    ok = models.BooleanField(_("ok"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True)
    # Set when no HTTP answer came (refused, DNS, unreachable, timeout).
    connection_error = models.BooleanField(_("connection error"), default=False)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("probe result")
        verbose_name_plural = _("probe results")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.url} {self.status or self.error}"


class ProbeDay(models.Model):
    """One day of probes (Jakarta time), kept for ever."""

    day = models.DateField(_("day"), unique=True)
    runs = models.PositiveIntegerField(_("runs"))
    down_runs = models.PositiveIntegerField(_("runs down"))
    latency_p50_ms = models.PositiveIntegerField(_("median latency (ms)"), null=True)
    latency_p95_ms = models.PositiveIntegerField(_("95th percentile (ms)"), null=True)
    latency_max_ms = models.PositiveIntegerField(_("slowest (ms)"), null=True)

    class Meta:
        verbose_name = _("probe day")
        verbose_name_plural = _("probe days")
        ordering = ["-day"]
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.day)

    @property
    def uptime(self) -> float | None:
        if not self.runs:
            return None
        return 100.0 * (self.runs - self.down_runs) / self.runs


class Outage(models.Model):
    started_at = models.DateTimeField(_("started at"), db_index=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=16, choices=Outcome.choices)
    affected_urls = models.JSONField(_("affected URLs"), default=list)
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outage")
        verbose_name_plural = _("outages")
        ordering = ["-started_at"]
        default_permissions = ()
        constraints = [
            # At most one open outage: opened once, whoever races.
            models.UniqueConstraint(
                fields=["ended_at"],
                condition=Q(ended_at__isnull=True),
                name="monitoring_one_open_outage",
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.cause}"

    @property
    def duration(self):
        if self.ended_at is None:
            return None
        return self.ended_at - self.started_at


class LinkKind(models.TextChoices):
    LINK = "link", _("Link")
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class BrokenLink(models.Model):
    """A broken internal link, image or document found by the last check."""

    found_at = models.DateTimeField(_("found at"))
    source_url = models.CharField(_("on page"), max_length=500)
    target_url = models.CharField(_("target"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    error = models.CharField(_("error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("broken link")
        verbose_name_plural = _("broken links")
        ordering = ["source_url", "target_url"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.source_url} -> {self.target_url}"


class LinkCheckRun(models.Model):
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True)
    pages_checked = models.PositiveIntegerField(_("pages checked"), default=0)
    requests = models.PositiveIntegerField(_("requests"), default=0)
    broken = models.PositiveIntegerField(_("broken"), default=0)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["-started_at"]
        default_permissions = ()


class Lease(models.Model):
    """Held by one run of a job at a time: claimed with a conditional update."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.name
