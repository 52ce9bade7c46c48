"""Local development: debug on, a throwaway secret, mail written to var/mail."""

from __future__ import annotations

from cms.settings.base import *  # noqa: F403
from cms.settings.env import envbool, envstr

DEBUG = True
SECRET_KEY = envstr(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789"
)
AUDIT_CHAIN_KEY = envstr(
    "AUDIT_CHAIN_KEY", "dev-only-insecure-audit-chain-key-never-use-in-production"
)
EMAIL_BACKEND = envstr(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
# With DEBUG on, WhiteNoise serves straight from the finders (no collectstatic).
# Plain storage: `runserver` works before any collectstatic (no manifest needed).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A template edited in development shows at once: no page cache unless asked.
CMS_PAGE_CACHE = envbool("CMS_PAGE_CACHE", False)
