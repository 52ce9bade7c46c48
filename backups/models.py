from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupQuerySet(models.QuerySet):
    def good(self):
        """Finished backups whose archive is proven: succeeded and, for a
        database, drilled."""
        return self.filter(
            models.Q(kind=Backup.Kind.MEDIA)
            | models.Q(drill_status=Backup.Drill.PASSED),
            status=Backup.Status.SUCCEEDED,
            pruned_at__isnull=True,
        )

    def present(self):
        return self.filter(status=Backup.Status.SUCCEEDED, pruned_at__isnull=True)


class Backup(models.Model):
    """One backup run and the archive it wrote."""

    class Kind(models.TextChoices):
        DATABASE = "database", _("Database")
        MEDIA = "media", _("Media files")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    class Drill(models.TextChoices):
        NOT_RUN = "", _("Not run")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # "schedule", "restore" (the safety copy taken before one), or "user".
    trigger = models.CharField(_("trigger"), max_length=32)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triggered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RUNNING
    )
    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.BigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    locations = models.JSONField(_("locations"), default=list, blank=True)
    encrypted = models.BooleanField(_("encrypted"), default=False)
    audit_head = models.CharField(_("audit chain head"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    drill_status = models.CharField(
        _("drill"), max_length=16, choices=Drill.choices, blank=True, default=""
    )
    drill_at = models.DateTimeField(_("drilled at"), null=True, blank=True)
    drill_seconds = models.FloatField(_("drill duration"), null=True, blank=True)
    drill_error = models.TextField(_("drill error"), blank=True)
    pruned_at = models.DateTimeField(_("pruned at"), null=True, blank=True)

    objects = BackupQuerySet.as_manager()

    class Meta:
        verbose_name = _("backup")
        verbose_name_plural = _("backups")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return self.filename or f"{self.get_kind_display()} #{self.pk}"

    TRIGGERS = {
        "schedule": _("Schedule"),
        "command": _("Command"),
        "restore": _("Before a restore"),
        "user": _("By hand"),
    }

    @property
    def trigger_label(self) -> str:
        """Who or what started the run: the officer's name, or the trigger."""
        if self.triggered_by_id:
            user = self.triggered_by
            return user.get_full_name() or user.get_username()
        return str(self.TRIGGERS.get(self.trigger, self.trigger))

    @property
    def drill_label(self) -> str:
        """The drill's result; "" where no drill belongs (media, failed runs)."""
        if self.drill_status:
            return str(self.get_drill_status_display())
        if self.kind == self.Kind.DATABASE and self.status == self.Status.SUCCEEDED:
            return str(self.Drill.NOT_RUN.label)
        return ""

    @property
    def duration_seconds(self) -> float | None:
        duration = self.duration
        return None if duration is None else round(duration.total_seconds(), 1)

    @property
    def duration(self):
        if self.finished_at is None:
            return None
        return self.finished_at - self.started_at
