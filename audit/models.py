"""The audit trail: one append-only table of events, chained by an HMAC.

An event, once written, is never changed or removed by this code: ``save()``
refuses an existing row, ``delete()`` refuses, and the queryset refuses bulk
``update()`` and ``delete()``; on PostgreSQL a trigger refuses UPDATE, DELETE and
TRUNCATE too (migration 0002). None of that stops someone with raw database
access: the chain does, by making any such change visible to ``audit_verify``.

The actor and the object are stored as plain values (ids and labels), never as
foreign keys: deleting a user or a page must not touch (SET NULL, CASCADE) the
events that describe them, and the label survives the object.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.actions import label as action_label
from audit.actions import validate_action

GENESIS_HASH = "0" * 64


class ImmutableEventError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEventError("Audit events cannot be updated.")

    def delete(self):
        raise ImmutableEventError("Audit events cannot be deleted.")

    update.queryset_only = True
    delete.queryset_only = True


class Event(models.Model):
    # The position in the chain: assigned under the chain lock, contiguous.
    sequence = models.BigIntegerField(_("sequence"), primary_key=True)
    # Starts at 1; an archive-and-cut starts the next segment (see README).
    segment = models.PositiveIntegerField(_("segment"), default=1)
    timestamp = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    # The username, or the system job that acted ("system:audit.verify").
    actor = models.CharField(_("actor"), max_length=150, blank=True)
    # A keyed hash of the client's address (audit.client), never the address.
    client = models.CharField(_("client"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=100, validators=[validate_action])
    # "app_label.model" of the object acted on, its id and a readable label.
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    # Canonical JSON text (sorted keys, compact): exactly the bytes hashed, so
    # the hash does not depend on how a database stores JSON.
    details = models.TextField(_("details"), blank=True, default="{}")
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-sequence"]
        default_permissions = ("view",)
        # Each filter of the report pages by key within its own index.
        indexes = [
            models.Index(fields=["action", "sequence"], name="audit_event_action"),
            models.Index(fields=["actor_id", "sequence"], name="audit_event_actor"),
            models.Index(
                fields=["object_type", "sequence"], name="audit_event_object_type"
            ),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableEventError("Audit events cannot be changed.")
        self.full_clean(validate_unique=False, validate_constraints=False)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEventError("Audit events cannot be deleted.")

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def details_dict(self) -> dict:
        return json.loads(self.details or "{}")


class ChainHead(models.Model):
    """The one row holding the chain's newest sequence and hash.

    Appends lock it (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE
    transactions already serialise writers), so the chain stays one line.
    """

    segment = models.PositiveIntegerField(default=1)
    sequence = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()

    def __str__(self):
        return f"{self.sequence}:{self.hash}"


class VerificationRun(models.Model):
    """One verification of the chain; a failure stays on the dashboard until
    a person acknowledges it."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    ok = models.BooleanField(_("passed"))
    events_checked = models.BigIntegerField(_("events checked"), default=0)
    head_sequence = models.BigIntegerField(_("head sequence"), null=True)
    head_hash = models.CharField(_("head hash"), max_length=64, blank=True)
    first_bad_sequence = models.BigIntegerField(_("first bad event"), null=True)
    message = models.TextField(_("message"), blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True)

    class Meta:
        verbose_name = _("audit trail verification")
        verbose_name_plural = _("audit trail verifications")
        ordering = ["-started_at"]
        default_permissions = ()

    def __str__(self):
        started = timezone.localtime(self.started_at)
        outcome = gettext("passed") if self.ok else gettext("failed")
        return f"{started:%Y-%m-%d %H:%M} WIB, {outcome}"
