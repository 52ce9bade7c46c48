"""The page cache's middleware (rules and their reasons: cms.pagecache.pages).

Placed after VisitorActivityMiddleware, SecurityMiddleware, WhiteNoise and the
maintenance switch, and before sessions, locale, CSRF, auth and django-csp: a
blocked client is still refused and every hit is still counted as traffic and
gets SecurityMiddleware's headers, while a hit skips everything that could
touch the database. The headers of the inner middleware (CSP, X-Frame-Options,
Vary) are kept with the page and replayed.
"""

from __future__ import annotations

import logging

from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_vary_headers

from cms.pagecache import generation, pages
from cms.pagecache.conf import conf

log = logging.getLogger(__name__)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not conf.ENABLED or not pages.wants_cache(request):
            return self.get_response(request)
        cache = generation.page_cache()
        try:
            # Read before the view runs: content rendered now is never stored
            # under a generation drawn after a later publish.
            key = pages.key_for(request, generation.current(cache))
            entry = cache.get(key)
        except DisallowedHost:
            return self.get_response(request)
        except Exception:  # noqa: BLE001  (a cache that is down never breaks a page)
            log.exception("The page cache could not be read.")
            return self.get_response(request)
        if entry is not None:
            return pages.response_from(request, entry)
        response = self.get_response(request)
        if request.method != "GET" or not pages.keepable(request, response):
            return response
        entry = pages.entry_for(request, response)
        try:
            cache.set(key, entry, conf.TIMEOUT)
        except Exception:  # noqa: BLE001  (a cache that is down never breaks a page)
            log.exception("The page cache could not be written.")
            return response
        pages.mark(response, entry, "miss")
        if entry.encoded:
            # As the hits that follow (served compressed where accepted).
            patch_vary_headers(response, ("Accept-Encoding",))
        return pages.conditional(request, response, entry)
