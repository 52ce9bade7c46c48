"""The database lease that makes one scheduler process the active one.

Taking, renewing and releasing the lease are single conditional UPDATEs
(``holder is me OR lease expired``), so they are atomic on SQLite and
PostgreSQL alike without SELECT ... FOR UPDATE: of two processes racing for an
expired lease, the database lets exactly one UPDATE match the row.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from cms.scheduler.models import SchedulerLease

LEASE_NAME = "default"


def _ensure_row() -> None:
    if not SchedulerLease.objects.filter(name=LEASE_NAME).exists():
        try:
            with transaction.atomic():
                SchedulerLease.objects.create(
                    name=LEASE_NAME, holder="", expires_at=timezone.now()
                )
        except IntegrityError:
            pass  # another scheduler created it first


def acquire(holder: str, *, seconds: float, now: datetime | None = None) -> bool:
    """Take or renew the lease for ``seconds``; True if ``holder`` now holds it."""
    now = now or timezone.now()
    _ensure_row()
    expires_at = now + timedelta(seconds=seconds)
    renewed = SchedulerLease.objects.filter(name=LEASE_NAME, holder=holder).update(
        expires_at=expires_at
    )
    if renewed:
        return True
    # "A sort of optimistic lock": only one racer's UPDATE can match an expired row.
    return bool(
        SchedulerLease.objects.filter(name=LEASE_NAME)
        .filter(Q(holder="") | Q(expires_at__lt=now))
        .update(holder=holder, expires_at=expires_at, acquired_at=now)
    )


def holds(holder: str, *, now: datetime | None = None) -> bool:
    """True if ``holder`` holds an unexpired lease."""
    now = now or timezone.now()
    return SchedulerLease.objects.filter(
        name=LEASE_NAME, holder=holder, expires_at__gt=now
    ).exists()


def release(holder: str) -> bool:
    """Give the lease up at once, so a standby need not wait for it to expire."""
    return bool(
        SchedulerLease.objects.filter(name=LEASE_NAME, holder=holder).update(
            holder="", expires_at=timezone.now()
        )
    )


def current_holder(*, now: datetime | None = None) -> str | None:
    now = now or timezone.now()
    lease = SchedulerLease.objects.filter(name=LEASE_NAME, expires_at__gt=now).first()
    return lease.holder if lease and lease.holder else None


def ever_taken() -> bool:
    """True once any holder has taken the lease (a brand-new site: False)."""
    return SchedulerLease.objects.filter(
        name=LEASE_NAME, acquired_at__isnull=False
    ).exists()
