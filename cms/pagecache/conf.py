"""The page cache's settings, with their defaults in one place.

Read on every request (``conf.ENABLED``). Each value is read from the settings
once and kept, and forgotten whenever a ``CMS_PAGE_CACHE*``, ``VAR_DIR``,
``STATIC_URL`` or ``MEDIA_URL`` setting changes (``override_settings`` in
tests); ``CMS_PAGE_CACHE=off`` in the environment turns the whole thing off.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed

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
#: Settings the values below, and the pages' keys, are worked out from,
#: besides CMS_PAGE_CACHE*.
DERIVED_FROM = {
    "VAR_DIR",
    "STATIC_URL",
    "MEDIA_URL",
    "ALLOWED_HOSTS",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "LANGUAGE_COOKIE_NAME",
    "SECURE_PROXY_SSL_HEADER",
    "USE_X_FORWARDED_HOST",
    "USE_X_FORWARDED_PORT",
}


class Settings:
    def __init__(self):
        self._values: dict[str, object] = {}

    def __getattr__(self, name: str):
        try:
            return self._values[name]
        except KeyError:
            value = self._values[name] = self._read(name)
            return value

    def _read(self, name: str):
        if name == "GENERATION_FILE":
            path = getattr(settings, "CMS_PAGE_CACHE_GENERATION_FILE", None)
            return (
                Path(path) if path else Path(settings.VAR_DIR) / "pagecache-generation"
            )
        if name == "SKIP_PATHS":
            paths = getattr(
                settings,
                "CMS_PAGE_CACHE_SKIP_PATHS",
                DEFAULTS["CMS_PAGE_CACHE_SKIP_PATHS"],
            )
            return (*paths, settings.STATIC_URL, settings.MEDIA_URL)
        full = "CMS_PAGE_CACHE" if name == "ENABLED" else f"CMS_PAGE_CACHE_{name}"
        if full not in DEFAULTS:
            raise AttributeError(name)
        return getattr(settings, full, DEFAULTS[full])

    def forget(self) -> None:
        self._values.clear()


conf = Settings()


def depends_on(setting: str) -> bool:
    return setting.startswith("CMS_PAGE_CACHE") or setting in DERIVED_FROM


def _setting_changed(*, setting: str, **kwargs) -> None:
    if depends_on(setting):
        conf.forget()


setting_changed.connect(_setting_changed, dispatch_uid="pagecache_conf_forget")
