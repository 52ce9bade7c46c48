"""django-axes with two limits: per username and client, and per client.

axes applies one ``AXES_FAILURE_LIMIT`` to every lockout parameter group, so
``[["username", "ip_address"], "ip_address"]`` would lock a client after as few
failures across all usernames as for one username. Its maintainers' answer
(jazzband/django-axes#661) is a handler of one's own: this one keeps the
database handler and gives the client-only group its own, higher limit
(``SECURITY_CLIENT_FAILURE_LIMIT``). There is no lockout by username alone, so
an attacker never locks the real user out of their own client.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from axes.conf import settings as axes_settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Max, Sum
from django.utils import timezone

from audit.security import detection
from audit.security.conf import conf
from audit.security.models import SignalKind

log = logging.getLogger(__name__)


def locked_client_key(address: str | None) -> str:
    return f"security:client-locked:{address}"


def remember_locked_client(address: str | None, last_attempt) -> None:
    """Note in the cache until when a client is locked by the cap, so the
    middleware can refuse its login posts before any session, form, query or
    hash (``VisitorActivityMiddleware``)."""
    cool_off = get_cool_off()
    if not address or not cool_off or last_attempt is None:
        return
    until = last_attempt + cool_off
    seconds = int((until - timezone.now()).total_seconds())
    if seconds > 0:
        cache.set(locked_client_key(address), until.timestamp(), seconds)


def forget_locked_client(address: str | None) -> None:
    cache.delete(locked_client_key(address))


def locked_client_until(address: str | None):
    """When the cap's lockout of ``address`` ends, or None if it is not locked.

    With a local-memory cache an officer's unlock, made in another process,
    cannot clear this process's note: one indexed query confirms the client
    still has failures on record (no hash, no write; with Redis, no query)."""
    if not address:
        return None
    value = cache.get(locked_client_key(address))
    if value is None:
        return None
    if isinstance(caches["default"], LocMemCache) and not (
        AccessAttempt.objects.filter(ip_address=address).exists()
    ):
        forget_locked_client(address)
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def count_locked_attempt(request) -> None:
    """Count a login attempt refused while locked out (never breaks the login)."""
    if not conf.MONITORING:
        return
    try:
        detection.note(request, SignalKind.LOCKED_LOGIN, sample=request.path)
    except Exception:  # noqa: BLE001  (monitoring never breaks a request)
        log.exception("Counting a login attempt made while locked out failed.")


def _is_client_only(parameters) -> bool:
    return parameters == "ip_address" or list(parameters) == ["ip_address"]


class ClientCapHandler(AxesDatabaseHandler):
    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        """An attempt refused while locked out is neither written to axes'
        tables nor signalled as a new lockout (axes would send
        ``user_locked_out`` on every one): the lockout was recorded when it
        began. It is only counted, as a ``locked_login`` security signal per
        client and window, so an attacker hammering a locked client costs no
        database write."""
        if (
            request is not None
            and getattr(request, "axes_locked_out", False)
            and not axes_settings.AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT
        ):
            request.axes_credentials = credentials
            count_locked_attempt(request)
            return
        super().user_login_failed(sender, credentials, request, **kwargs)

    def get_failures(self, request, credentials=None) -> int:
        """The failure count axes compares with ``AXES_FAILURE_LIMIT``.

        1. Count the failures of each lockout group within the cool-off.
        2. A group at or past its own limit (the client cap for the client-only
           group) answers the axes limit itself: axes then locks out.
        3. Otherwise the highest count still below the limit, so axes does not.
        """
        limit = get_failure_limit(request, credentials)
        groups = get_lockout_parameters(request, credentials)
        counts = []
        for parameters, attempts in zip(
            groups, self.get_user_attempts(request, credentials), strict=True
        ):
            totals = attempts.aggregate(
                total=Sum("failures_since_start"), last=Max("attempt_time")
            )
            count = totals["total"] or 0
            client_only = _is_client_only(parameters)
            own_limit = conf.CLIENT_FAILURE_LIMIT if client_only else limit
            if count >= own_limit:
                if client_only:
                    remember_locked_client(request.axes_ip_address, totals["last"])
                return max(count, limit)
            counts.append(min(count, limit - 1))
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures from this client,
        never the client's other usernames (or an attacker with one account
        could wipe the client cap by logging in)."""
        groups = get_lockout_parameters(request, credentials)
        count = 0
        for parameters, attempts in zip(
            groups, self.filter_user_attempts(request, credentials), strict=True
        ):
            if not _is_client_only(parameters):
                count += attempts.delete()[0]
        return count
