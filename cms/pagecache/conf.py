"""The page cache's settings, with their defaults in one place.

Read on every request (``conf.ENABLED``), so ``override_settings`` works in tests
and ``CMS_PAGE_CACHE=off`` in the environment turns the whole thing off.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

DEFAULTS = {
    # CMS_PAGE_CACHE=off in the environment: every request goes to the view.
    "CMS_PAGE_CACHE": True,
    # The cache alias holding pages (and, when shared, the generation).
    "CMS_PAGE_CACHE_ALIAS": "pages",
    # Seconds a page may stay; publishing never waits for this (generation).
    "CMS_PAGE_CACHE_TIMEOUT": 24 * 3600,
    # Where the generation lives when the cache is per process (local memory).
    "CMS_PAGE_CACHE_GENERATION_FILE": None,
    # Paths never cached: the admin, private documents, live status and health.
    "CMS_PAGE_CACHE_SKIP_PATHS": (
        "/admin/",
        "/documents/",
        "/i18n/",
        "/health/",
        "/status/",
        "/en/status/",
    ),
    # Bigger answers are not worth a cache slot.
    "CMS_PAGE_CACHE_MAX_BYTES": 2 * 1024 * 1024,
}


class Settings:
    def __getattr__(self, name: str):
        full = f"CMS_PAGE_CACHE_{name}"
        if name == "ENABLED":
            full = "CMS_PAGE_CACHE"
        return getattr(settings, full, DEFAULTS[full])

    @property
    def GENERATION_FILE(self) -> Path:  # noqa: N802  (a setting's name)
        path = getattr(settings, "CMS_PAGE_CACHE_GENERATION_FILE", None)
        return Path(path) if path else Path(settings.VAR_DIR) / "pagecache-generation"

    @property
    def SKIP_PATHS(self) -> tuple[str, ...]:  # noqa: N802
        paths = getattr(
            settings,
            "CMS_PAGE_CACHE_SKIP_PATHS",
            DEFAULTS["CMS_PAGE_CACHE_SKIP_PATHS"],
        )
        return (*paths, settings.STATIC_URL, settings.MEDIA_URL)


conf = Settings()
