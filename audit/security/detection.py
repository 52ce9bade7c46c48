"""Noticing what scanners and attackers do, without letting them flood the DB.

Each suspicious request is *counted* in the cache per client (keyed hash), kind
and window (``counters``); ``flush_signals`` turns the counts into at most one
``SecuritySignal`` row per client, kind and window. The only writes made during
a request are rare and bounded: a block (once per client past the threshold)
and an alert (once per client and window), each recorded in the audit trail.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from audit.client import client_address
from audit.security import counters
from audit.security.conf import conf
from audit.security.models import (
    SEVERITY,
    ClientBlock,
    SecuritySignal,
    Severity,
    SignalKind,
)
from audit.trail import client_hash, record

log = logging.getLogger(__name__)

SCANNER = re.compile(
    r"(wp-login\.php|/wp-admin|/wp-content|/wp-includes|xmlrpc\.php|/\.env\b|/\.git"
    r"|/\.svn|/\.aws|/\.ds_store|phpmyadmin|/pma/|/myadmin|\.php\d?$|/cgi-bin/"
    r"|/vendor/phpunit|/actuator|/server-status|\.aspx?$|\.jsp$|/boaform"
    r"|/config\.json$|/\.htaccess|/\.htpasswd|/owa/|/solr/|/hnap1)",
    re.IGNORECASE,
)
TRAVERSAL = re.compile(
    r"(\.\./|\.\.\\|/etc/passwd|/etc/shadow|/proc/self|win\.ini|boot\.ini|\x00)",
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"(<\s*script|javascript:|onerror\s*=|union(\s|\+)+(all(\s|\+)+)?select"
    r"|'\s*or\s+'?\d+'?\s*=\s*'?\d|;\s*drop\s+table|\$\{jndi:|\bsleep\(\d+\)"
    r"|benchmark\(|/bin/(ba)?sh|\bwaitfor\s+delay)",
    re.IGNORECASE,
)

NAMESPACE = "signals"


def window_index(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return int(now.timestamp()) // (conf.WINDOW_MINUTES * 60)


def window_start(index: int) -> datetime:
    return datetime.fromtimestamp(index * conf.WINDOW_MINUTES * 60, tz=UTC)


def classify(request: HttpRequest) -> SignalKind | None:
    """The kind of attack a request's path and query look like, if any."""
    raw = request.path + "?" + request.META.get("QUERY_STRING", "")
    text = unquote(unquote(raw))
    if TRAVERSAL.search(text) or TRAVERSAL.search(raw):
        return SignalKind.TRAVERSAL
    if INJECTION.search(text):
        return SignalKind.INJECTION
    if SCANNER.search(unquote(request.path)):
        return SignalKind.SCANNER
    return None


def client_of(request: HttpRequest) -> str:
    if not hasattr(request, "_security_client"):
        request._security_client = client_hash(client_address(request))
    return request._security_client


def is_blocked(client: str) -> bool:
    return bool(conf.BLOCK_AFTER) and cache.get(f"security:block:{client}") is not None


def note(request: HttpRequest, kind: str, *, sample: str | None = None) -> None:
    """Count one suspicious request; block or alert when a threshold is crossed."""
    client = client_of(request)
    index = window_index()
    bucket = str(index)
    counters.count(NAMESPACE, bucket, f"{client}|{kind}")
    sample = (sample if sample is not None else request.get_full_path())[:200]
    cache.add(f"security:sample:{bucket}:{client}:{kind}", sample, counters.TIMEOUT)
    total = _bump(f"security:suspicious:{bucket}:{client}")
    if conf.BLOCK_AFTER and total == conf.BLOCK_AFTER:
        block(request, client, kind=kind)
    if SEVERITY[kind] == Severity.HIGH:
        alert_once(request, client, index, kind, sample)


def _bump(key: str, timeout: int | None = None) -> int:
    timeout = timeout or conf.WINDOW_MINUTES * 60 * 2
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout)
        return 1


def count_request(request: HttpRequest) -> None:
    """Rate: a signal for each request above the per-minute threshold."""
    minute = int(timezone.now().timestamp()) // 60
    client = client_of(request)
    if _bump(f"security:rate:{minute}:{client}", 120) > conf.RATE_PER_MINUTE:
        note(request, SignalKind.RATE)


def count_error(request: HttpRequest) -> None:
    """404/403 bursts: a signal for each error answer above the threshold."""
    client = client_of(request)
    key = f"security:errors:{window_index()}:{client}"
    if _bump(key) > conf.ERROR_BURST:
        note(request, SignalKind.ERROR_BURST)


def block(request: HttpRequest | None, client: str, *, kind: str) -> ClientBlock:
    minutes = conf.BLOCK_MINUTES
    cache.set(f"security:block:{client}", 1, minutes * 60)
    with transaction.atomic():
        blocked = ClientBlock.objects.create(
            client=client,
            reason=str(SignalKind(kind).label),
            expires_at=timezone.now() + timedelta(minutes=minutes),
        )
        record(
            "security.client_blocked",
            actor="system:security",
            obj=blocked,
            details={"kind": str(kind), "minutes": minutes},
            request=request,
        )
    return blocked


def lift(blocked: ClientBlock, *, user) -> None:
    """End a block before its time (an officer's decision)."""
    cache.delete(f"security:block:{blocked.client}")
    with transaction.atomic():
        blocked.lifted_at = timezone.now()
        blocked.lifted_by = user.get_username()
        blocked.save(update_fields=["lifted_at", "lifted_by"])
        record("security.block_lifted", actor=user, obj=blocked)


def alert_once(
    request: HttpRequest | None, client: str, index: int, kind: str, sample: str
) -> bool:
    """Record and mail a high-severity signal, once per client and window."""
    if not cache.add(f"security:alerted:{index}:{client}", 1, counters.TIMEOUT):
        return False
    from audit.security.tasks import send_signal_alert_task

    with transaction.atomic():
        record(
            "security.signal_alerted",
            actor="system:security",
            obj=("security.securitysignal", "", str(SignalKind(kind).label)),
            details={"kind": str(kind), "client": client[:12], "sample": sample},
            request=request,
        )
        transaction.on_commit(
            lambda: send_signal_alert_task.enqueue(
                kind=str(kind), client=client, sample=sample, window=index
            )
        )
    return True


def flush_signals(*, windows: int = 6) -> int:
    """Move the counted signals of the last ``windows`` windows into the DB.

    Returns the number of signal rows written (created or updated).
    """
    written = 0
    current = window_index()
    for index in range(current - windows, current + 1):
        bucket = str(index)
        drained = counters.drain(NAMESPACE, bucket)
        if not drained:
            continue
        start = window_start(index)
        now = timezone.now()
        with transaction.atomic():
            for name, amount in drained.items():
                client, kind = name.split("|", 1)
                updated = SecuritySignal.objects.filter(
                    client=client, kind=kind, window_start=start
                ).update(count=F("count") + amount, last_flushed=now)
                if not updated:
                    sample = cache.get(f"security:sample:{bucket}:{client}:{kind}", "")
                    try:
                        with transaction.atomic():
                            SecuritySignal.objects.create(
                                client=client,
                                kind=kind,
                                severity=SEVERITY[kind],
                                window_start=start,
                                count=amount,
                                sample=sample,
                                last_flushed=now,
                            )
                    except IntegrityError:  # another flush created it meanwhile
                        SecuritySignal.objects.filter(
                            client=client, kind=kind, window_start=start
                        ).update(count=F("count") + amount, last_flushed=now)
                written += 1
        counters.settle(NAMESPACE, bucket, drained)
    return written
