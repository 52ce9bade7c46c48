"""Counters kept in the cache, drained into the database by a periodic job.

The cache (Redis when ``REDIS_URL`` is set, local memory otherwise) cannot list
its keys, so each bucket keeps a small index:

1. ``<ns>:<bucket>:c:<digest>`` is the counter of one name (``incr``, atomic);
2. the first time a name is counted in a bucket, ``cache.add`` on its counter
   succeeds and the name gets the next slot (``<ns>:<bucket>:n``, atomic
   ``incr``) under ``<ns>:<bucket>:s:<slot>``;
3. ``drain`` reads the slots and counters in two ``get_many`` calls; once the
   caller has stored the values, ``settle`` subtracts exactly what was stored
   (``decr``), so a count made meanwhile is kept for the next drain.

A cache restart loses what was counted since the last drain, nothing older.

Traffic is counted on every public page view, where even a handful of Redis
round trips show: ``tally`` keeps those counts in the web process first and
adds them to the cache at most every ``SECURITY_TRAFFIC_PUSH_SECONDS`` (and when
the process exits), so a page view costs dictionary increments. A worker that
dies without warning loses at most that many seconds of its own counts.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import threading
import time
from collections import Counter
from datetime import UTC, datetime

from django.core.cache import cache

log = logging.getLogger(__name__)

TIMEOUT = 3 * 24 * 3600


def _key(namespace: str, bucket: str, part: str) -> str:
    return f"security:{namespace}:{bucket}:{part}"


def _counter_key(namespace: str, bucket: str, name: str) -> str:
    digest = hashlib.blake2b(name.encode(), digest_size=12).hexdigest()
    return _key(namespace, bucket, f"c:{digest}")


def _incr(key: str, amount: int = 1) -> int | None:
    """``cache.incr``, or None when the key does not exist yet."""
    try:
        return cache.incr(key, amount)
    except ValueError:
        return None


def count(namespace: str, bucket: str, name: str, amount: int = 1) -> int:
    """Add ``amount`` to ``name`` in ``bucket``; returns the new undrained total."""
    key = _counter_key(namespace, bucket, name)
    value = _incr(key, amount)
    if value is not None:
        return value
    if cache.add(key, amount, TIMEOUT):
        slots = _key(namespace, bucket, "n")
        slot = _incr(slots)
        if slot is None:
            slot = 1 if cache.add(slots, 1, TIMEOUT) else _incr(slots) or 1
        cache.set(_key(namespace, bucket, f"s:{slot}"), name, TIMEOUT)
        return amount
    return _incr(key, amount) or amount


def drain(namespace: str, bucket: str) -> dict[str, int]:
    """Every name counted in ``bucket`` with its count not yet settled."""
    slots = cache.get(_key(namespace, bucket, "n")) or 0
    if not slots:
        return {}
    names = cache.get_many(
        [_key(namespace, bucket, f"s:{slot}") for slot in range(1, slots + 1)]
    )
    keys = {_counter_key(namespace, bucket, name): name for name in names.values()}
    values = cache.get_many(list(keys))
    return {keys[key]: int(value) for key, value in values.items() if int(value) > 0}


def settle(namespace: str, bucket: str, drained: dict[str, int]) -> None:
    """Subtract what has been stored, keeping what was counted meanwhile."""
    for name, value in drained.items():
        _incr(_counter_key(namespace, bucket, name), -value)


class Tally:
    """Counts kept in this process, added to the cache counters in batches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str, str]] = Counter()
        self._pushed = time.monotonic()

    def add(
        self, namespace: str, bucket: str, names: list[str], *, seconds: float
    ) -> None:
        with self._lock:
            for name in names:
                self._counts[namespace, bucket, name] += 1
            due = time.monotonic() - self._pushed >= seconds
        if due:
            self.push()

    def push(self) -> int:
        """Add what this process counted to the cache; returns how many names."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._pushed = time.monotonic()
        for (namespace, bucket, name), amount in counts.items():
            count(namespace, bucket, name, amount)
        return len(counts)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


tally = Tally()


@atexit.register
def _push_at_exit() -> None:
    try:
        tally.push()
    except Exception:  # noqa: BLE001  (the process is ending; say why, go on)
        log.exception("Counts kept in this process could not be pushed.")


def window_start(index: int) -> datetime:
    """When the signal window numbered ``index`` starts."""
    from audit.security.conf import conf

    return datetime.fromtimestamp(index * conf.WINDOW_MINUTES * 60, tz=UTC)
