"""One HTTP request, measured: the probes' and the link checker's only client.

Plain ``http.client`` (standard library), no redirects followed, the body read
to the end (its size is part of the result) and a timeout on every socket step.
An answer of any status is an *answer*; no answer at all (refused, DNS, network
unreachable, timeout) is a *connection error*: the two are told apart.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

USER_AGENT = "bkp-monitor/1.0"
MAX_BODY = 20 * 1024 * 1024


@dataclass(frozen=True)
class Answer:
    url: str
    status: int | None
    latency_ms: int | None
    size: int | None
    error: str = ""
    content_type: str = ""
    body: bytes = b""
    location: str = ""

    @property
    def connection_error(self) -> bool:
        return self.status is None

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


def fetch(
    url: str, *, timeout: float, method: str = "GET", keep_body: bool = False
) -> Answer:
    """Request ``url`` once and say what happened; never raises for network errors."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "",
            parts.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
    elif parts.scheme == "http":
        conn = http.client.HTTPConnection(
            parts.hostname or "", parts.port, timeout=timeout
        )
    else:
        return Answer(url, None, None, None, f"unsupported scheme {parts.scheme!r}")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    start = time.monotonic()
    try:
        conn.request(method, target, headers={"User-Agent": USER_AGENT})
        response = conn.getresponse()
        body = response.read(MAX_BODY)
        latency = round((time.monotonic() - start) * 1000)
        return Answer(
            url,
            response.status,
            latency,
            len(body),
            "" if response.status < 400 else f"HTTP {response.status}",
            response.getheader("Content-Type", ""),
            body if keep_body else b"",
            response.getheader("Location", ""),
        )
    except TimeoutError:
        return Answer(url, None, None, None, f"timed out after {timeout:g} s")
    except socket.gaierror as err:
        return Answer(url, None, None, None, f"DNS: {err.strerror or err}")
    except ConnectionRefusedError:
        return Answer(url, None, None, None, "connection refused")
    except (OSError, http.client.HTTPException) as err:
        return Answer(url, None, None, None, (str(err) or type(err).__name__)[:500])
    finally:
        conn.close()
