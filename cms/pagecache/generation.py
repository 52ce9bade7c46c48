"""The page cache's generation: one token that names the current set of pages.

Every cached page's key starts with the generation it was rendered under; a
change of content draws a new random token (``bump``), so every page rendered
before it becomes unreachable at once, on every web worker, with nothing to
find and delete. Random, not counted: a lost or reset token can never come back
to a value an old page was stored under.

Where the token lives decides who sees a bump, and never the database (a hit
must not touch it):

1. a shared cache (Redis, Memcached: ``REDIS_URL`` set): in that cache, next to
   the pages; every node and every worker reads the same key;
2. a per-process cache (local memory, the default on one machine): in a tiny
   file (``CMS_PAGE_CACHE_GENERATION_FILE``, default ``var/pagecache-generation``)
   read on each request (a few microseconds) and replaced atomically on a bump,
   so the web workers, the task worker and ``publish_scheduled`` all share it.

The bump runs after the transaction commits (``signal_handlers``): a request
that read the new token can only render committed content.
"""

from __future__ import annotations

import os
import secrets
import tempfile

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from cms.pagecache.conf import conf

CACHE_KEY = "pagecache:generation"


def page_cache() -> BaseCache:
    return caches[conf.ALIAS]


def shared(cache: BaseCache) -> bool:
    """Whether every process sees the same cache (then the token lives in it)."""
    return not isinstance(cache, (LocMemCache, DummyCache))


def current(cache: BaseCache | None = None) -> str:
    """The generation to read and store pages under, for this request."""
    cache = cache or page_cache()
    if shared(cache):
        token = cache.get(CACHE_KEY)
        if token is None:
            cache.add(CACHE_KEY, secrets.token_hex(8), None)
            token = cache.get(CACHE_KEY) or "none"
        return token
    path = conf.GENERATION_FILE
    # Read on every request: os.read is a third of the cost of open() + read().
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        token = ""
    else:
        try:
            token = os.read(fd, 64).decode("ascii", "replace").strip()
        finally:
            os.close(fd)
    return token or _write_file(path)


def bump() -> None:
    """Make every cached page unreachable, in every process."""
    cache = page_cache()
    if shared(cache):
        cache.set(CACHE_KEY, secrets.token_hex(8), None)
    else:
        _write_file(conf.GENERATION_FILE)


def _write_file(path) -> str:
    token = secrets.token_hex(8)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write aside, then rename: a reader sees the old token or the new, whole.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pagecache-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(token)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return token
