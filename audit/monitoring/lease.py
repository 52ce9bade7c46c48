"""Leases that keep two runs of one job (probes, link check) from overlapping.

A run claims the lease with one conditional UPDATE (it wins only if the lease
has expired), so two workers can never both believe they hold it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.monitoring.models import Lease


def claim(name: str, *, seconds: float) -> str | None:
    """Take the lease ``name`` for ``seconds``; the holder token, or None if held."""
    now = timezone.now()
    token = uuid.uuid4().hex
    if not Lease.objects.filter(name=name).exists():
        try:
            with transaction.atomic():
                Lease.objects.create(name=name, holder="", expires_at=now)
        except IntegrityError:
            pass  # created by a concurrent run: the update below decides
    won = Lease.objects.filter(name=name, expires_at__lte=now).update(
        holder=token, expires_at=now + timedelta(seconds=seconds)
    )
    return token if won else None


def release(name: str, token: str) -> None:
    Lease.objects.filter(name=name, holder=token).update(
        holder="", expires_at=timezone.now()
    )


@contextmanager
def held(name: str, *, seconds: float) -> Iterator[bool]:
    """``with held("probes", seconds=300) as ok:`` ok is False if another run holds it."""
    token = claim(name, seconds=seconds)
    try:
        yield token is not None
    finally:
        if token is not None:
            release(name, token)
