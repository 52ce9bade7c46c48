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
import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from audit.client import client_address
from audit.security import counters
from audit.security.models import TrafficCount, TrafficDimension

NAMESPACE = "traffic"
SALT_TIMEOUT = 36 * 3600


def _day_salt(day: str) -> bytes:
    key = f"security:traffic-salt:{day}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(32), SALT_TIMEOUT)
        salt = cache.get(key) or ""
    return salt.encode()


def _visitor(request: HttpRequest, day: str) -> str:
    who = f"{client_address(request)}\x00{request.META.get('HTTP_USER_AGENT', '')}"
    return hmac.new(_day_salt(day), who.encode(), hashlib.sha256).hexdigest()[:32]


def count_response(request: HttpRequest, response: HttpResponse) -> None:
    """Count one public response (the middleware calls this after the view)."""
    day = timezone.localdate().isoformat()
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
        visitor_key = f"security:traffic-visitor:{day}:{_visitor(request, day)}"
        if cache.add(visitor_key, 1, SALT_TIMEOUT):
            names.append(f"{TrafficDimension.VISITORS}|all")
    for name in names:
        counters.count(NAMESPACE, day, name)


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
