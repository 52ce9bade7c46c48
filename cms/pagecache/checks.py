"""System checks for the page cache's settings.

pagecache.E001: CMS_PAGE_CACHE_TIMEOUT is not a whole number of seconds >= 1;
pagecache.E002: CMS_PAGE_CACHE_ALIAS names no cache in CACHES;
pagecache.E003: the cache is per process and the generation file's folder
cannot be written, so no change would ever reach the cached pages.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core import checks

from cms.pagecache.conf import conf


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    timeout = conf.TIMEOUT
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        errors.append(
            checks.Error(
                "CMS_PAGE_CACHE_TIMEOUT must be a whole number of seconds of at least 1.",
                hint="Set CMS_PAGE_CACHE_TIMEOUT to an integer >= 1 (default 86400).",
                id="pagecache.E001",
            )
        )
    if conf.ALIAS not in settings.CACHES:
        errors.append(
            checks.Error(
                f"CMS_PAGE_CACHE_ALIAS names the cache {conf.ALIAS!r}, which is not "
                "in CACHES.",
                hint="Add it to CACHES (cms/settings/base.py defines 'pages').",
                id="pagecache.E002",
            )
        )
        return errors
    from cms.pagecache.generation import page_cache, shared

    if conf.ENABLED and not shared(page_cache()):
        folder = conf.GENERATION_FILE.parent
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            errors.append(
                checks.Error(
                    f"The page cache's generation file cannot be written in {folder}.",
                    hint="Make the folder writable by the web, worker and scheduler "
                    "processes, or set CMS_PAGE_CACHE_GENERATION_FILE elsewhere.",
                    id="pagecache.E003",
                )
            )
    return errors
