"""Who the client of a request is: the project's one answer.

django-axes (``AXES_CLIENT_IP_CALLABLE``), the audit trail, the form's rate
limit and every security signal ask this function, so they agree. Without a
trusted proxy the client is the socket's ``REMOTE_ADDR`` and
``X-Forwarded-For`` is ignored (anyone can send it). Two ways to trust proxies:

1. ``CMS_TRUSTED_PROXIES`` (``DJANGO_TRUSTED_PROXIES``), addresses and networks
   of the proxies: ``X-Forwarded-For`` is read only when the socket's peer is
   one of them, and then walked from the right past every trusted hop; the
   first address that is not a trusted proxy is the client. A request that
   reaches the site without passing a trusted proxy keeps its socket address,
   whatever it wrote in the header.
2. ``CMS_TRUSTED_PROXY_COUNT`` (``DJANGO_TRUSTED_PROXY_COUNT``), when the
   proxies' addresses are not known: behind that many proxies, each of which
   appends the address it received the request from, the client is the address
   that many hops from the right. Whatever the client itself put further left
   is never believed.

When both are set, the list decides (``audit.W002`` says so).
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MISSING = object()


def client_address(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None when the request does not say."""
    if request is None:
        return None
    # Asked several times a request (visitor activity, axes, the trail): worked
    # out once, then kept on the request.
    known = getattr(request, "_client_address", MISSING)
    if known is not MISSING:
        return known
    address = _client_address(request)
    try:
        request._client_address = address
    except AttributeError:  # an object that takes no attributes
        pass
    return address


def _client_address(request: HttpRequest) -> str | None:
    meta = getattr(request, "META", {})
    proxies = getattr(settings, "CMS_TRUSTED_PROXIES", ())
    if proxies:
        return _behind_trusted_proxies(meta, trusted_networks(tuple(proxies)))
    count = getattr(settings, "CMS_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = _forwarded_hops(meta)
        if len(hops) >= count:
            return _valid(hops[-count])
        # Fewer hops than proxies: the request did not come through them all.
    return _valid(meta.get("REMOTE_ADDR"))


def _forwarded_hops(meta) -> list[str]:
    return [
        hop.strip()
        for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]


def _behind_trusted_proxies(meta, networks: tuple[Network, ...]) -> str | None:
    peer = _valid(meta.get("REMOTE_ADDR"))
    if peer is None or not _trusted(peer, networks):
        return peer  # not sent by a proxy of ours: its header means nothing
    address = peer
    for hop in reversed(_forwarded_hops(meta)):
        address = _valid(hop)
        if address is None:
            return None  # a trusted proxy reported nonsense: nobody known
        if not _trusted(address, networks):
            return address
    # Every hop is a trusted proxy: the leftmost one is as far as we can see.
    return address


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


@functools.lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks named by ``CMS_TRUSTED_PROXIES`` (bad entries are left out:
    the system check ``audit.E005`` names them)."""
    networks = []
    for entry in entries:
        network = parse_network(entry)
        if network is not None:
            networks.append(network)
    return tuple(networks)


def parse_network(entry: str) -> Network | None:
    """An address (``127.0.0.1``) or network (``10.0.0.0/8``), or None."""
    try:
        return ipaddress.ip_network(str(entry).strip(), strict=False)
    except ValueError:
        return None


def invalid_entries(entries: Iterable[str]) -> list[str]:
    return [str(entry) for entry in entries if parse_network(entry) is None]


@functools.lru_cache(maxsize=4096)
def _valid(address: str | None) -> str | None:
    """``address`` in its canonical form, or None if it is not an address.
    (Pure, and the same clients come back: remembered.)"""
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None
