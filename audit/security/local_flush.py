"""Storing the counts of a web process whose cache is its own.

Signals and traffic are counted in the cache and stored by the ``security.flush``
job, which runs in the task worker. With Redis every process shares the counts.
With the local-memory cache (no ``REDIS_URL``) each process has its own: the
worker's flush would find nothing, and what the web processes counted would
never reach the database. So such a web process stores its own counts, at most
every ``SECURITY_LOCAL_FLUSH_SECONDS`` (checked after a response, so it costs
one request a few milliseconds now and then) and when it exits (gunicorn
recycles workers after ``max_requests``). 0 switches this off.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from audit.security import counters, detection, traffic
from audit.security.conf import conf

log = logging.getLogger(__name__)

_lock = threading.Lock()
_last = time.monotonic()


def enabled() -> bool:
    return bool(conf.LOCAL_FLUSH_SECONDS) and isinstance(caches["default"], LocMemCache)


def flush_if_due() -> bool:
    """Store this process's counts if the interval has passed; True if it did."""
    global _last
    if not enabled() or time.monotonic() - _last < conf.LOCAL_FLUSH_SECONDS:
        return False
    if not _lock.acquire(blocking=False):
        return False  # another thread of this process is at it
    try:
        _last = time.monotonic()
        flush_now()
    finally:
        _lock.release()
    return True


def flush_now() -> None:
    counters.tally.push()
    detection.flush_signals()
    traffic.flush_traffic()


@atexit.register
def _flush_at_exit() -> None:
    try:
        if enabled():
            flush_now()
    except Exception:  # noqa: BLE001  (the process is ending; say why, go on)
        log.exception("The counts of this process could not be stored at exit.")
