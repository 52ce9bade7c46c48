"""System checks for visitor activity's settings (codes security.E001...)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from audit.security.conf import DEFAULTS, conf

POSITIVE = (
    "CLIENT_FAILURE_LIMIT",
    "ATTEMPTS_KEEP_DAYS",
    "WINDOW_MINUTES",
    "ERROR_BURST",
    "RATE_PER_MINUTE",
    "RATE_BATCH",
    "BLOCK_MINUTES",
    "KEEP_DAYS",
)


@register()
def check_security_settings(app_configs, **kwargs):
    errors = []
    for name in POSITIVE:
        value = getattr(conf, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"SECURITY_{name} must be a whole number of 1 or more.",
                    hint=f"Remove it to use the default ({DEFAULTS[name]}).",
                    id="security.E001",
                )
            )
    block_after = conf.BLOCK_AFTER
    if not isinstance(block_after, int) or block_after < 0:
        errors.append(
            Error(
                "SECURITY_BLOCK_AFTER must be a whole number of 0 or more.",
                hint="0 switches blocking off.",
                id="security.E002",
            )
        )
    for name in (
        "TRAFFIC_PUSH_SECONDS",
        "LOCAL_FLUSH_SECONDS",
        "BLOCK_REFRESH_SECONDS",
    ):
        value = getattr(conf, name)
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            errors.append(
                Error(
                    f"SECURITY_{name} must be a number of seconds, 0 or more.",
                    hint=f"Remove it to use the default ({DEFAULTS[name]}).",
                    id="security.E006",
                )
            )
    limit = conf.CLIENT_FAILURE_LIMIT
    if isinstance(limit, int) and limit < getattr(settings, "AXES_FAILURE_LIMIT", 3):
        errors.append(
            Error(
                "SECURITY_CLIENT_FAILURE_LIMIT is lower than AXES_FAILURE_LIMIT.",
                hint="The per-client cap counts every username from one client: "
                "make it at least the per-username limit.",
                id="security.E003",
            )
        )
    if getattr(settings, "AXES_HANDLER", "") != (
        "audit.security.handlers.ClientCapHandler"
    ):
        errors.append(
            Error(
                "django-axes does not use the per-client cap handler.",
                hint="Set AXES_HANDLER = 'audit.security.handlers.ClientCapHandler'.",
                id="security.E004",
            )
        )
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    first = "audit.security.middleware.VisitorActivityMiddleware"
    if first in middleware and middleware.index(first) != 0:
        errors.append(
            Error(
                "VisitorActivityMiddleware is not the first middleware.",
                hint="Put it first, so it sees disallowed hosts and answers blocked "
                "clients before anything else runs.",
                id="security.E005",
            )
        )
    return errors
