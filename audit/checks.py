"""System checks for the audit trail's settings (codes audit.E001...)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

from audit.client import invalid_entries

MIN_KEY_LENGTH = 32


@register()
def check_audit_settings(app_configs, **kwargs):
    errors = []
    key = getattr(settings, "AUDIT_CHAIN_KEY", "")
    if not isinstance(key, str) or not key:
        errors.append(
            Error(
                "AUDIT_CHAIN_KEY is not set.",
                hint="Set the AUDIT_CHAIN_KEY environment variable (or "
                "AUDIT_CHAIN_KEY_FILE) to a long random secret kept apart from "
                "the database.",
                id="audit.E001",
            )
        )
    elif len(key) < MIN_KEY_LENGTH:
        errors.append(
            Error(
                f"AUDIT_CHAIN_KEY is shorter than {MIN_KEY_LENGTH} characters.",
                hint="Generate one with: python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'",
                id="audit.E002",
            )
        )
    count = getattr(settings, "CMS_TRUSTED_PROXY_COUNT", 0)
    if not isinstance(count, int) or count < 0:
        errors.append(
            Error(
                "CMS_TRUSTED_PROXY_COUNT must be a whole number of 0 or more.",
                hint="Set DJANGO_TRUSTED_PROXY_COUNT to the number of proxies "
                "in front of the site (0 when there is none).",
                id="audit.E003",
            )
        )
    proxies = getattr(settings, "CMS_TRUSTED_PROXIES", [])
    if not isinstance(proxies, list | tuple):
        errors.append(
            Error(
                "CMS_TRUSTED_PROXIES must be a list of addresses or networks.",
                hint="Set DJANGO_TRUSTED_PROXIES to comma-separated addresses or "
                "networks, e.g. 127.0.0.1,10.0.0.0/8.",
                id="audit.E005",
            )
        )
    elif bad := invalid_entries(proxies):
        errors.append(
            Error(
                "DJANGO_TRUSTED_PROXIES holds something that is not an address or "
                f"network: {', '.join(bad)}.",
                hint="Write each proxy as an IP address (127.0.0.1) or a network "
                "(10.0.0.0/8), separated by commas; host names are not resolved.",
                id="audit.E005",
            )
        )
    elif proxies and isinstance(count, int) and count > 0:
        errors.append(
            Warning(
                "Both DJANGO_TRUSTED_PROXIES and DJANGO_TRUSTED_PROXY_COUNT are set.",
                hint="The list of proxies decides and the count is ignored: "
                "remove DJANGO_TRUSTED_PROXY_COUNT.",
                id="audit.W002",
            )
        )
    if getattr(settings, "AXES_CLIENT_IP_CALLABLE", None) != (
        "audit.client.client_address"
    ):
        errors.append(
            Warning(
                "django-axes does not use the project's client-address function.",
                hint="Set AXES_CLIENT_IP_CALLABLE = 'audit.client.client_address'.",
                id="audit.W001",
            )
        )
    path = getattr(settings, "AUDIT_CHECKPOINT_PATH", None)
    if not path:
        errors.append(
            Error(
                "AUDIT_CHECKPOINT_PATH is not set.",
                hint="Point it at a file outside the database, e.g. "
                "var/audit-checkpoint.json.",
                id="audit.E004",
            )
        )
    return errors
