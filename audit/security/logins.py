"""Login attempts seen by django-axes: unlocking and pruning."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction
from django.utils import timezone

from audit.security.conf import conf
from audit.security.handlers import forget_locked_client
from audit.trail import record


def unlock(attempt: AccessAttempt, *, user, request=None) -> int:
    """Clear the failures behind a lockout: the username everywhere, and the
    client for every username (so both the per-username and the per-client
    lockout end). Returns the number of attempt rows removed."""
    username, address = attempt.username, attempt.ip_address
    with transaction.atomic():
        removed = AccessAttempt.objects.filter(username=username).delete()[0]
        if address:
            removed += AccessAttempt.objects.filter(ip_address=address).delete()[0]
            forget_locked_client(address)
        record(
            "security.unlocked",
            actor=user,
            obj=("axes.accessattempt", attempt.pk, username or ""),
            details={"username": username or "", "attempts_removed": removed},
            request=request,
        )
    return removed


def prune_attempts(*, days: int | None = None) -> int:
    """Delete axes records older than ``days`` (``SECURITY_ATTEMPTS_KEEP_DAYS``)."""
    cutoff = timezone.now() - timedelta(days=days or conf.ATTEMPTS_KEEP_DAYS)
    removed = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()[0]
    removed += AccessLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    removed += AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return removed
