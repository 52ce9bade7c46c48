"""The SOP as versioned data, the officers' daily confirmations, and the stored
periodic reports.

A SOP version is never edited once saved: a revision is a new version with its
own effective date (``sop.revise``), so a report built for an old period reads
the standards of its time (``sop.version_in_force``). A report is stored once,
with its computed figures, its PDF and CSV, the PDF's sha256 and the audit
chain's head at build time; afterwards only its delivery and acknowledgement
are filled in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.reports import conf


class ImmutableRecordError(Exception):
    """Raised on an attempt to change what a stored record must keep."""


def report_storage():
    """``STORAGES["reports"]`` when configured (e.g. S3), else a private folder."""
    if "reports" in settings.STORAGES:
        return storages["reports"]
    return FileSystemStorage(location=conf.get("REPORTS_ROOT"))


def localized(obj, name: str) -> str:
    """``name`` in the active language: the ``_en`` field in English, if filled."""
    if translation.get_language() == "en":
        english = getattr(obj, f"{name}_en", "")
        if english:
            return english
    return getattr(obj, name)


class SopVersion(models.Model):
    number = models.CharField(_("SOP number"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"))
    approved_by = models.CharField(_("approved by"), max_length=200)
    approved_by_en = models.CharField(
        _("approved by, in English"), max_length=200, blank=True
    )
    effective_from = models.DateField(_("in force from"), unique=True)
    # The paper SOP's "Tgl Revisi": empty for the first issue.
    revised_on = models.DateField(_("revision date"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"))
    legal_basis_en = models.TextField(_("legal basis, in English"), blank=True)
    related_sops = models.TextField(_("related SOPs"), blank=True)
    related_sops_en = models.TextField(_("related SOPs, in English"), blank=True)
    equipment = models.TextField(_("equipment"), blank=True)
    equipment_en = models.TextField(_("equipment, in English"), blank=True)
    warning = models.TextField(_("warning"), blank=True)
    warning_en = models.TextField(_("warning, in English"), blank=True)
    recording = models.TextField(_("recording and data keeping"), blank=True)
    recording_en = models.TextField(
        _("recording and data keeping, in English"), blank=True
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("SOP version")
        verbose_name_plural = _("SOP versions")
        ordering = ["-effective_from"]
        default_permissions = ("add", "view")

    def __str__(self):
        return f"{self.number} ({self.effective_from:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("A SOP version is revised, never edited.")
        super().save(*args, **kwargs)

    @property
    def total_minutes(self) -> int:
        return sum(a.standard_minutes for a in self.activities.all())


class SopActivity(models.Model):
    version = models.ForeignKey(
        SopVersion, on_delete=models.PROTECT, related_name="activities"
    )
    order = models.PositiveSmallIntegerField(_("duty"))
    text = models.TextField(_("activity"))
    text_en = models.TextField(_("activity, in English"), blank=True)
    officer_1 = models.BooleanField(_("website officer 1"), default=False)
    officer_2 = models.BooleanField(_("website officer 2"), default=False)
    supervisor = models.BooleanField(_("direct supervisor"), default=False)
    requirements = models.TextField(pgettext_lazy("SOP", "requirements"), blank=True)
    requirements_en = models.TextField(_("requirements, in English"), blank=True)
    standard_minutes = models.PositiveIntegerField(_("standard time (minutes)"))
    output = models.TextField(_("output"), blank=True)
    output_en = models.TextField(_("output, in English"), blank=True)

    class Meta:
        verbose_name = _("SOP activity")
        verbose_name_plural = _("SOP activities")
        ordering = ["version", "order"]
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="reports_one_activity_per_duty"
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("A SOP activity is revised, never edited.")
        super().save(*args, **kwargs)

    def executors(self) -> list[str]:
        names = []
        if self.officer_1:
            names.append(str(_("Website officer 1")))
        if self.officer_2:
            names.append(str(_("Website officer 2")))
        if self.supervisor:
            names.append(str(_("Direct supervisor")))
        return names


class DutyCheck(models.Model):
    """An officer's "sudah diperiksa" after seeing the day's digest (duties 1, 3)."""

    class Duty(models.IntegerChoices):
        AVAILABILITY = 1, _("Content and availability")
        ACTIVITY = 3, _("Visitor activity")

    duty = models.PositiveSmallIntegerField(_("duty"), choices=Duty.choices)
    day = models.DateField(_("day"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by_label = models.CharField(_("confirmed by"), max_length=150)
    # When the digest was shown, and confirmed: the minutes the check took.
    shown_at = models.DateTimeField(_("digest shown at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), db_index=True)
    digest = models.JSONField(_("figures seen"), default=dict)

    class Meta:
        verbose_name = _("daily check")
        verbose_name_plural = _("daily checks")
        ordering = ["-confirmed_at"]
        default_permissions = ("add", "view")
        constraints = [
            models.UniqueConstraint(
                fields=["duty", "day", "confirmed_by"],
                name="reports_one_check_per_officer_day",
            )
        ]
        indexes = [models.Index(fields=["duty", "confirmed_at"])]

    def __str__(self):
        return f"{self.get_duty_display()} {self.day}"


class Report(models.Model):
    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        CUSTOM = "custom", _("Chosen period")

    # Filled once a report is stored; everything else is fixed at build time.
    MUTABLE_FIELDS = frozenset(
        {"mailed_at", "mailed_to", "acknowledged_by", "acknowledged_at"}
    )

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(pgettext_lazy("period", "to"))  # inclusive
    language = models.CharField(_("language"), max_length=8, default="id")
    sop_version = models.ForeignKey(
        SopVersion,
        verbose_name=_("SOP version"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    built_at = models.DateTimeField(_("built at"), default=timezone.now)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    built_by_label = models.CharField(_("built by"), max_length=150)
    data = models.JSONField(_("figures"), default=dict)
    pdf = models.FileField(_("PDF"), storage=report_storage, max_length=200)
    csv = models.FileField(_("CSV"), storage=report_storage, max_length=200)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    csv_sha256 = models.CharField(_("CSV SHA-256"), max_length=64)
    audit_head = models.CharField(_("audit chain head"), max_length=100, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)
    mailed_to = models.JSONField(_("mailed to"), default=list, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("SOP report", "acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(
        pgettext_lazy("SOP report", "acknowledged at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("SOP report")
        verbose_name_plural = _("SOP reports")
        ordering = ["-period_end", "-built_at"]
        default_permissions = ("add", "view")
        permissions = [("acknowledge_report", _("Can acknowledge SOP reports"))]
        indexes = [models.Index(fields=["kind", "period_start", "period_end"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start} – {self.period_end}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if not fields or not set(fields) <= self.MUTABLE_FIELDS:
                raise ImmutableRecordError("A stored report cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("A stored report cannot be deleted.")

    @property
    def head_for_verify(self) -> str:
        """The head as ``audit_verify --expect`` takes it: SEQUENCE:HASH."""
        parts = self.audit_head.split(":")
        return ":".join(parts[-2:]) if len(parts) >= 2 else ""
