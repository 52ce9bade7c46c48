"""Retention by policy: keep the newest good archive of each of the last N
days, N weeks and N months (``BACKUPS_KEEP_DAILY``/``WEEKLY``/``MONTHLY``),
per kind, and prune the rest.

Never pruned: the newest verified backup of each kind (whatever its age), runs
still in progress, and failed runs (they have no archive). Periods are counted
in Jakarta time, by calendar day, ISO week and month, from the newest backup.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.trail import record
from backups import conf, storage
from backups.models import Backup


def to_keep(backups: list[Backup]) -> set[int]:
    """The pks the policy keeps among ``backups`` (present archives of one kind)."""
    ordered = sorted(backups, key=lambda b: b.started_at, reverse=True)
    keep: set[int] = set()
    good = [b for b in ordered if _is_good(b)]
    if good:
        keep.add(good[0].pk)
    policies = (
        ("BACKUPS_KEEP_DAILY", lambda d: d.date()),
        ("BACKUPS_KEEP_WEEKLY", lambda d: d.isocalendar()[:2]),
        ("BACKUPS_KEEP_MONTHLY", lambda d: (d.year, d.month)),
    )
    for setting, period in policies:
        limit = int(conf.get(setting))
        seen = []
        for backup in good:
            key = period(timezone.localtime(backup.started_at))
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(backup.pk)
    return keep


def _is_good(backup: Backup) -> bool:
    return (
        backup.kind == Backup.Kind.MEDIA or backup.drill_status == Backup.Drill.PASSED
    )


def prune(*, actor="system:backups.prune") -> list[Backup]:
    """Delete the archives the policy does not keep; returns the pruned runs."""
    pruned = []
    for kind in Backup.Kind.values:
        present = list(Backup.objects.present().filter(kind=kind))
        keep = to_keep(present)
        for backup in present:
            if backup.pk in keep:
                continue
            storage.delete(backup.filename)
            with transaction.atomic():
                backup.pruned_at = timezone.now()
                backup.save(update_fields=["pruned_at"])
                record(
                    "backups.pruned",
                    actor=actor,
                    obj=backup,
                    details={"kind": kind, "sha256": backup.sha256},
                )
            pruned.append(backup)
    return pruned
