"""Visitor activity kept in the database: aggregates only.

A signal row stands for every suspicious request of one kind from one client in
one window (its ``count``), a traffic row for one day's count of one thing; both
are written by periodic flushes from the cache, never once per request. Clients
appear only as keyed hashes (``audit.trail.client_hash``), never as addresses.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignalKind(models.TextChoices):
    SCANNER = "scanner", _("Scanner probe")
    TRAVERSAL = "traversal", _("Path traversal")
    INJECTION = "injection", _("Injection pattern")
    ERROR_BURST = "error_burst", _("Burst of 404/403 answers")
    RATE = "rate", _("Request rate above the threshold")
    BAD_HOST = "bad_host", _("Disallowed host")
    NEW_ADMIN_CLIENT = "new_admin_client", _("Admin login from a new client")
    LOCKED_LOGIN = "locked_login", _("Login attempt while locked out")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


SEVERITY = {
    SignalKind.SCANNER: Severity.MEDIUM,
    SignalKind.TRAVERSAL: Severity.HIGH,
    SignalKind.INJECTION: Severity.HIGH,
    SignalKind.ERROR_BURST: Severity.MEDIUM,
    SignalKind.RATE: Severity.MEDIUM,
    SignalKind.BAD_HOST: Severity.LOW,
    SignalKind.NEW_ADMIN_CLIENT: Severity.HIGH,
    # The lockout itself is an audit event; what the locked client tries next
    # is only counted here.
    SignalKind.LOCKED_LOGIN: Severity.MEDIUM,
}


class SecuritySignal(models.Model):
    client = models.CharField(_("client (keyed hash)"), max_length=64)
    kind = models.CharField(_("kind"), max_length=32, choices=SignalKind.choices)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    window_start = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("count"), default=0)
    sample = models.CharField(_("example request"), max_length=200, blank=True)
    last_flushed = models.DateTimeField(_("last counted"), default=timezone.now)

    class Meta:
        verbose_name = _("security signal")
        verbose_name_plural = _("security signals")
        ordering = ["-window_start", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "kind", "window_start"],
                name="security_signal_one_per_window",
            )
        ]
        indexes = [models.Index(fields=["-window_start"])]
        permissions = [
            ("unlock_client", _("Can unlock logins and lift blocks")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ×{self.count}"


class ClientBlockQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True, expires_at__gt=timezone.now())


class ClientBlock(models.Model):
    client = models.CharField(_("client (keyed hash)"), max_length=64)
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("blocked until"))
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.CharField(_("lifted by"), max_length=150, blank=True)

    objects = ClientBlockQuerySet.as_manager()

    class Meta:
        verbose_name = _("client block")
        verbose_name_plural = _("client blocks")
        ordering = ["-created_at"]

    def __str__(self):
        return self.client[:12]


class KnownAdminClient(models.Model):
    """A client a user has signed in to the admin from before."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    client = models.CharField(max_length=64)
    first_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client"], name="security_known_admin_client"
            )
        ]


class TrafficDimension(models.TextChoices):
    PAGE = "page", _("Page")
    SECTION = "section", _("Section")
    LANGUAGE = "language", _("Language")
    STATUS = "status", _("Status code")
    REFERRER = "referrer", _("Referring site")
    VISITORS = "visitors", _("Unique visitors (estimate)")
    VIEWS = "views", _("Page views")


class TrafficCount(models.Model):
    day = models.DateField(_("day"))
    dimension = models.CharField(
        _("dimension"), max_length=16, choices=TrafficDimension.choices
    )
    key = models.CharField(_("key"), max_length=200)
    count = models.PositiveBigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("traffic count")
        verbose_name_plural = _("traffic counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "dimension", "key"], name="security_traffic_one_per_key"
            )
        ]
        indexes = [models.Index(fields=["dimension", "day"])]

    def __str__(self):
        return f"{self.day} {self.dimension} {self.key}: {self.count}"
