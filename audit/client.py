"""Who the client of a request is: the project's one answer.

django-axes (``AXES_CLIENT_IP_CALLABLE``), the audit trail and every security
signal ask this function, so they agree. Without a trusted proxy the client is
the socket's ``REMOTE_ADDR`` and ``X-Forwarded-For`` is ignored (anyone can send
it). Behind ``CMS_TRUSTED_PROXY_COUNT`` proxies, each of which appends the
address it received the request from, the client is the address that many hops
from the right of ``X-Forwarded-For``: whatever the client itself put further
left is never believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None when the request does not say."""
    if request is None:
        return None
    meta = getattr(request, "META", {})
    count = getattr(settings, "CMS_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [
            hop.strip()
            for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= count:
            return _valid(hops[-count])
        # Fewer hops than proxies: the request did not come through them all.
    return _valid(meta.get("REMOTE_ADDR"))


def _valid(address: str | None) -> str | None:
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
