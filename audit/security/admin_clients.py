"""Admin sign-ins from a client the user has never used before."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from audit.security import detection
from audit.security.conf import conf
from audit.security.models import KnownAdminClient, SignalKind


def remember(request, user) -> bool:
    """Remember the client of an admin sign-in; a new one for a user who has
    signed in before is a high-severity signal. Returns True when it was new."""
    if request is None or not conf.MONITORING:
        return False
    if not request.path.startswith("/admin/"):
        return False
    client = detection.client_of(request)
    known = KnownAdminClient.objects.filter(user=user)
    if known.filter(client=client).exists():
        return False
    had_others = known.exists()
    try:
        with transaction.atomic():
            KnownAdminClient.objects.create(user=user, client=client)
    except IntegrityError:  # the same sign-in twice at once
        return False
    if had_others:
        detection.note(request, SignalKind.NEW_ADMIN_CLIENT, sample=user.get_username())
    return True
