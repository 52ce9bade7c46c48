"""A local-memory cache for whole pages that keeps them as they are.

Django's ``LocMemCache`` pickles every value on the way in and unpickles it on
the way out, so that no caller can change what another reads. The page
cache's entries (``cms.pagecache.pages.Entry``) are frozen and hold only bytes,
strings and numbers, so that copy buys nothing, and on a hit it is the largest
single cost left: a page in three codings is unpickled on every request. Its
keys are our own hex digests, so memcached's key rules are not checked either.

Everything else (expiry, ``MAX_ENTRIES`` and culling, ``clear()``, one store
per ``LOCATION``) is ``LocMemCache``'s own. Only for values nobody changes:
the ``pages`` alias without Redis (``cms/settings/base.py``).
"""

from __future__ import annotations

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class PageMemoryCache(LocMemCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, value, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            value = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            self._set(key, value, timeout)

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = self._cache[key] + delta
            self._cache[key] = value
            self._cache.move_to_end(key, last=False)
        return value
