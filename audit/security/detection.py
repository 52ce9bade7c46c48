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
import threading
import time
from datetime import datetime, timedelta
from urllib.parse import unquote

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from audit.client import client_address
from audit.security import counters
from audit.security.alerts import send_signal_alert_task
from audit.security.conf import conf
from audit.security.counters import window_start
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


def block_key(client: str) -> str:
    return f"security:block:{client}"


class _Blocks:
    """The clients blocked now, as this process last heard.

    Asking the cache on every request would cost each page view a round trip
    to Redis for the sake of a handful of blocked clients. Instead every block
    is also appended to an index in the cache (``security:blocks:n`` and its
    slots, as in ``counters``), and each process refreshes its set from it at
    most every ``SECURITY_BLOCK_REFRESH_SECONDS``: two round trips per process
    then, none per request. A block or a lift made by another process is seen
    within that time; one made by this process at once.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.known = 0
        self.candidates: set[str] = set()
        self.active: set[str] = set()
        self.checked = float("-inf")

    def contains(self, client: str, refresh: float) -> bool:
        if time.monotonic() - self.checked >= refresh:
            self.refresh()
        return client in self.active

    def refresh(self) -> None:
        with self.lock:
            self.checked = time.monotonic()
            slots = cache.get("security:blocks:n") or 0
            if slots < self.known:  # the cache was restarted
                self.known, self.candidates = 0, set()
            if slots > self.known:
                names = cache.get_many(
                    [f"security:blocks:s:{n}" for n in range(self.known + 1, slots + 1)]
                )
                self.candidates.update(names.values())
                self.known = slots
            alive = cache.get_many([block_key(c) for c in self.candidates])
            self.active = {c for c in self.candidates if block_key(c) in alive}
            self.candidates = set(self.active)

    def add(self, client: str) -> None:
        slot = _bump("security:blocks:n", counters.TIMEOUT)
        cache.set(f"security:blocks:s:{slot}", client, counters.TIMEOUT)
        with self.lock:
            self.active.add(client)

    def discard(self, client: str) -> None:
        with self.lock:
            self.active.discard(client)


blocks = _Blocks()


def is_blocked(client: str) -> bool:
    if not conf.BLOCK_AFTER:
        return False
    if conf.BLOCK_REFRESH_SECONDS <= 0:
        return cache.get(block_key(client)) is not None
    return blocks.contains(client, conf.BLOCK_REFRESH_SECONDS)


def note(
    request: HttpRequest, kind: str, *, sample: str | None = None, amount: int = 1
) -> None:
    """Count ``amount`` suspicious requests; block or alert when a threshold is
    crossed."""
    client = client_of(request)
    index = window_index()
    bucket = str(index)
    counters.count(NAMESPACE, bucket, f"{client}|{kind}", amount)
    sample = (sample if sample is not None else request.get_full_path())[:200]
    cache.add(f"security:sample:{bucket}:{client}:{kind}", sample, counters.TIMEOUT)
    total = _bump(f"security:suspicious:{bucket}:{client}", amount=amount)
    if conf.BLOCK_AFTER and total - amount < conf.BLOCK_AFTER <= total:
        block(request, client, kind=kind)
    if SEVERITY[kind] == Severity.HIGH:
        alert_once(request, client, index, kind, sample)


def _bump(key: str, timeout: int | None = None, *, amount: int = 1) -> int:
    """Add to a shared counter; its new value. (``incr`` first: on Redis a
    counter that exists costs two round trips, not three.)"""
    timeout = timeout or conf.WINDOW_MINUTES * 60 * 2
    try:
        return cache.incr(key, amount)
    except ValueError:  # not there yet
        pass
    if cache.add(key, amount, timeout):
        return amount
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired in between
        cache.set(key, amount, timeout)
        return amount


class _LocalRate:
    """Requests per client in the current minute, counted in this process and
    added to the shared counter ``RATE_BATCH`` at a time, on that client's own
    request: a visitor's page views cost no cache round trip, while a client
    near the threshold is still seen within a batch."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.minute = -1
        self.counts: dict[str, int] = {}

    def take(self, minute: int, client: str, batch: int) -> int:
        """How many requests to add to the shared counter now (0: not yet)."""
        with self.lock:
            if minute != self.minute:
                self.minute, self.counts = minute, {}
            seen = self.counts.get(client, 0) + 1
            if seen < batch:
                self.counts[client] = seen
                return 0
            self.counts[client] = 0
            return seen


local_rate = _LocalRate()


def count_request(request: HttpRequest) -> None:
    """Rate: a signal for each request above the per-minute threshold."""
    minute = int(timezone.now().timestamp()) // 60
    client = client_of(request)
    amount = local_rate.take(minute, client, conf.RATE_BATCH)
    if not amount:
        return
    total = _bump(f"security:rate:{minute}:{client}", 120, amount=amount)
    above = total - max(conf.RATE_PER_MINUTE, total - amount)
    if above > 0:
        note(request, SignalKind.RATE, amount=above)


def count_error(request: HttpRequest) -> None:
    """404/403 bursts: a signal for each error answer above the threshold."""
    client = client_of(request)
    key = f"security:errors:{window_index()}:{client}"
    if _bump(key) > conf.ERROR_BURST:
        note(request, SignalKind.ERROR_BURST)


def block(request: HttpRequest | None, client: str, *, kind: str) -> ClientBlock:
    minutes = conf.BLOCK_MINUTES
    cache.set(block_key(client), 1, minutes * 60)
    blocks.add(client)
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
    cache.delete(block_key(blocked.client))
    blocks.discard(blocked.client)
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
