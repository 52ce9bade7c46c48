"""Traffic counted in the cache and flushed to daily aggregates.

Per request: a handful of cache increments (page, section, language, status,
referring site, and a unique-visitor estimate), never a database write. The
unique-visitor estimate counts distinct keyed hashes of client address and
user agent under a salt drawn at random each day and kept only in the cache:
once the day's salt expires nobody, not even us, can link two days' visitors,
and no address is ever stored.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import secrets
import time
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from audit.client import client_address
from audit.security import counters
from audit.security.conf import conf
from audit.security.models import TrafficCount, TrafficDimension

NAMESPACE = "traffic"
SALT_TIMEOUT = 36 * 3600


class _Seen:
    """What this process already knows today: the day's salt and the visitors
    it has already seen (so a returning visitor costs no cache round trip).
    Kept only while counts are batched (``SECURITY_TRAFFIC_PUSH_SECONDS``)."""

    LIMIT = 50_000

    def __init__(self) -> None:
        self.day = ""
        self.salt = b""
        self.visitors: set[str] = set()

    def today(self, day: str) -> None:
        if day != self.day or len(self.visitors) > self.LIMIT:
            self.day, self.salt, self.visitors = day, b"", set()


seen = _Seen()


def _day_salt(day: str, *, remember: bool) -> bytes:
    if remember and seen.salt:
        return seen.salt
    key = f"security:traffic-salt:{day}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(32), SALT_TIMEOUT)
        salt = cache.get(key) or ""
    if remember:
        seen.salt = salt.encode()
    return salt.encode()


def _visitor(request: HttpRequest, day: str, *, remember: bool) -> str:
    who = f"{client_address(request)}\x00{request.META.get('HTTP_USER_AGENT', '')}"
    return _visitor_mac(_day_salt(day, remember=remember), who)


@functools.lru_cache(maxsize=8192)
def _visitor_mac(salt: bytes, who: str) -> str:
    # A returning visitor's every page view asks again: worked out once a day.
    return hmac.new(salt, who.encode(), hashlib.sha256).hexdigest()[:32]


def _new_visitor(request: HttpRequest, day: str, *, remember: bool) -> bool:
    if remember:
        seen.today(day)
    visitor = _visitor(request, day, remember=remember)
    if remember and visitor in seen.visitors:
        return False
    new = cache.add(f"security:traffic-visitor:{day}:{visitor}", 1, SALT_TIMEOUT)
    if remember:
        seen.visitors.add(visitor)
    return new


_today: tuple[int, str] = (-1, "")


def today() -> str:
    """The site's date, worked out at most once a second (every page view asks)."""
    global _today
    second = int(time.time())
    if _today[0] != second:
        _today = (second, timezone.localdate().isoformat())
    return _today[1]


def count_response(request: HttpRequest, response: HttpResponse) -> None:
    """Count one public response (the middleware calls this after the view)."""
    day = today()
    batched = conf.TRAFFIC_PUSH_SECONDS > 0
    names = [f"{TrafficDimension.STATUS}|{response.status_code}"]
    page = (getattr(response, "context_data", None) or {}).get("page")
    if response.status_code == 200 and getattr(page, "pk", None):
        names += [
            f"{TrafficDimension.VIEWS}|all",
            f"{TrafficDimension.PAGE}|{page.pk}",
            f"{TrafficDimension.LANGUAGE}|{getattr(request, 'LANGUAGE_CODE', '')}",
        ]
        # Sections are the children of a site's home page (depth 3).
        if page.depth >= 3:
            names.append(f"{TrafficDimension.SECTION}|{page.path[:12]}")
        referrer = urlsplit(request.META.get("HTTP_REFERER", "")).hostname or ""
        if referrer and referrer != request.get_host().split(":")[0]:
            names.append(f"{TrafficDimension.REFERRER}|{referrer[:200]}")
        if _new_visitor(request, day, remember=batched):
            names.append(f"{TrafficDimension.VISITORS}|all")
    counters.tally.add(NAMESPACE, day, names, seconds=conf.TRAFFIC_PUSH_SECONDS)


def flush_traffic(*, days: int = 2) -> int:
    """Add the counts of today and the day before into ``TrafficCount`` rows."""
    written = 0
    today = timezone.localdate()
    for offset in range(days - 1, -1, -1):
        day = today - datetime.timedelta(days=offset)
        bucket = day.isoformat()
        drained = counters.drain(NAMESPACE, bucket)
        if not drained:
            continue
        with transaction.atomic():
            for name, amount in drained.items():
                dimension, key = name.split("|", 1)
                row, created = TrafficCount.objects.select_for_update().get_or_create(
                    day=day, dimension=dimension, key=key, defaults={"count": amount}
                )
                if not created:
                    TrafficCount.objects.filter(pk=row.pk).update(
                        count=F("count") + amount
                    )
                written += 1
        counters.settle(NAMESPACE, bucket, drained)
    return written
