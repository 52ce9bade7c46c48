"""Production: everything secure by default, every secret from the environment.

``python manage.py check --deploy`` passes with no warning once
DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS are set.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403
from cms.settings.base import AUDIT_CHAIN_KEY, SECRET_KEY
from cms.settings.env import envbool, envint

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: production needs a long random secret key "
        "in the environment (or a file named by DJANGO_SECRET_KEY_FILE)."
    )

if len(AUDIT_CHAIN_KEY) < 32:
    raise ImproperlyConfigured(
        "AUDIT_CHAIN_KEY is not set (or shorter than 32 characters): production "
        "needs a long random key for the audit trail's hash chain in the "
        "environment (or a file named by AUDIT_CHAIN_KEY_FILE), kept apart from "
        "the database."
    )

# TLS is normally terminated by a reverse proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
