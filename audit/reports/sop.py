"""The SOP in force on a date, and its revision.

A revision never edits a stored version: it adds a new one with its own
effective date, so the board and the report of any period read the standards
that applied then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.reports.models import SopActivity, SopVersion
from audit.trail import record

DUTIES = range(1, 8)

VERSION_FIELDS = (
    "number",
    "title",
    "title_en",
    "approved_on",
    "approved_by",
    "approved_by_en",
    "legal_basis",
    "legal_basis_en",
    "related_sops",
    "related_sops_en",
    "equipment",
    "equipment_en",
    "warning",
    "warning_en",
    "recording",
    "recording_en",
)
ACTIVITY_FIELDS = (
    "text",
    "text_en",
    "officer_1",
    "officer_2",
    "supervisor",
    "requirements",
    "requirements_en",
    "standard_minutes",
    "output",
    "output_en",
)


def version_in_force(day: datetime.date | None = None) -> SopVersion | None:
    """The SOP version in force on ``day`` (default today), its activities
    prefetched; None before the first version."""
    day = day or timezone.localdate()
    return (
        SopVersion.objects.filter(effective_from__lte=day)
        .prefetch_related("activities")
        .order_by("-effective_from", "-pk")
        .first()
    )


def standards(version: SopVersion | None) -> dict[int, int]:
    """Standard minutes per duty number."""
    if version is None:
        return {}
    return {a.order: a.standard_minutes for a in version.activities.all()}


@transaction.atomic
def revise(
    base: SopVersion,
    *,
    effective_from: datetime.date,
    revised_on: datetime.date | None,
    fields: dict[str, Any],
    activities: dict[int, dict[str, Any]],
    actor: Any,
    request=None,
) -> SopVersion:
    """A new SOP version from ``base`` with the given changes; ``base`` is untouched."""
    values = {name: fields.get(name, getattr(base, name)) for name in VERSION_FIELDS}
    version = SopVersion.objects.create(
        **values,
        effective_from=effective_from,
        revised_on=revised_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    old = {a.order: a for a in base.activities.all()}
    changed: dict[str, Any] = {}
    rows = []
    for order in DUTIES:
        previous = old.get(order)
        given = activities.get(order, {})
        values = {
            name: given.get(name, getattr(previous, name, None))
            for name in ACTIVITY_FIELDS
        }
        if previous is not None and values["standard_minutes"] != (
            previous.standard_minutes
        ):
            changed[str(order)] = [
                previous.standard_minutes,
                values["standard_minutes"],
            ]
        rows.append(SopActivity(version=version, order=order, **values))
    SopActivity.objects.bulk_create(rows)
    record(
        "reports.sop_revised",
        actor=actor,
        obj=version,
        details={
            "number": version.number,
            "previous_version": base.pk,
            "effective_from": effective_from,
            "revised_on": revised_on,
            "standard_minutes_changed": changed,
        },
        request=request,
    )
    return version
