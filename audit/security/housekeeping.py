"""Pruning old aggregates of visitor activity."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from audit.security.conf import conf
from audit.security.models import ClientBlock, SecuritySignal, TrafficCount


def prune_aggregates(*, days: int | None = None) -> int:
    cutoff = timezone.now() - timedelta(days=days or conf.KEEP_DAYS)
    removed = SecuritySignal.objects.filter(window_start__lt=cutoff).delete()[0]
    removed += ClientBlock.objects.filter(expires_at__lt=cutoff).delete()[0]
    removed += TrafficCount.objects.filter(day__lt=cutoff.date()).delete()[0]
    return removed
