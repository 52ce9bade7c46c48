"""Which requests and answers the page cache may serve and keep, and how.

The constraint: a page served from the cache is byte for byte what the view
would have answered this anonymous visitor, with the same security headers,
and costs no database query. So:

1. Only GET/HEAD from a visitor without a session (no session or messages
   cookie, no Authorization header) is looked up; the admin, documents, the
   live status page and health are never cached (``CMS_PAGE_CACHE_SKIP_PATHS``).
   A ``csrftoken`` cookie alone does not bypass: cached pages carry no token.
2. The key names the site (scheme and host), the path with its query, the
   language (from the URL prefix, else the language cookie or Accept-Language,
   as LocaleMiddleware decides) and the Accept header (the API negotiates on it).
3. Only a 200 is kept (no errors, no redirects), and only when nothing in it is
   per visitor: no cookie set, no CSRF token rendered, no ``private``,
   ``no-store`` or ``no-cache`` from the view (the feedback form says so), no
   Vary beyond Cookie, Accept-Language and Accept, no user logged in.
4. A CSP nonce is never replayed: the nonce the view used is swapped for a
   placeholder when stored and for a fresh nonce in the body and the header of
   every answer served.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import secrets
import time
from dataclasses import dataclass, field

import brotli
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from cms.pagecache.conf import conf, depends_on

#: Answers worth compressing (once, when stored), and the smallest.
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)
COMPRESS_MIN_BYTES = 512
#: Brotli's 0-11: 5 compresses about as well as gzip -9, in a millisecond.
BROTLI_QUALITY = 5
#: Request headers that can turn an answer into a 304 or a 412.
CONDITIONS = frozenset(
    {
        "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MODIFIED_SINCE",
        "HTTP_IF_MATCH",
        "HTTP_IF_UNMODIFIED_SINCE",
    }
)
NONCE_PLACEHOLDER = "pagecache-nonce-7f3a9c1e5b"
CACHE_CONTROL = "no-cache"
ALLOWED_VARY = {"cookie", "accept-language", "accept"}
NOT_KEPT = {
    "content-length",
    "set-cookie",
    "date",
    "etag",
    "last-modified",
    "cache-control",
    "x-page-cache",
}


@dataclass(frozen=True)
class CachedPage:
    """What traffic counting reads of a page (audit.security.traffic)."""

    pk: int
    depth: int
    path: str


@dataclass(frozen=True)
class Variant:
    """The page compressed in one content coding, with what to send with it."""

    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str


@dataclass(frozen=True)
class Entry:
    body: bytes
    #: The view's headers, then ours (``mark``): a hit sends them as they are.
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int
    nonce: bool
    page: CachedPage | None
    language: str
    #: The same page compressed, by content coding ("br", "gzip"); none for a
    #: page with a CSP nonce (its body changes with every answer).
    encoded: dict[str, Variant] = field(default_factory=dict)


def wants_cache(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(conf.SKIP_PATHS):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


#: What each set of request headers was worked out to (``_digest``), so that a
#: hit asks neither ALLOWED_HOSTS nor LocaleMiddleware's rules again. Bounded;
#: forgotten when a setting it depends on changes (``conf``).
_digests: dict[tuple, str] = {}
MAX_DIGESTS = 4096


def key_for(request: HttpRequest, generation: str) -> str:
    """Raises DisallowedHost for a host not in ALLOWED_HOSTS (then: no cache)."""
    meta = request.META
    # Everything _digest reads of the request, as sent.
    raw = (
        request.scheme,
        meta.get("HTTP_HOST"),
        meta.get("HTTP_X_FORWARDED_HOST"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
        request.path,
        meta.get("QUERY_STRING"),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
        meta.get("HTTP_ACCEPT_LANGUAGE"),
        meta.get("HTTP_ACCEPT"),
    )
    digest = _digests.get(raw)
    if digest is None:
        digest = _digest(request)
        if len(_digests) >= MAX_DIGESTS:
            _digests.clear()
        _digests[raw] = digest
    return f"pagecache:{generation}:{digest}"


def _digest(request: HttpRequest) -> str:
    language = translation.get_language_from_request(request, check_path=True)
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        language,
        request.META.get("HTTP_ACCEPT", ""),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def forget_keys(*, setting: str = "", **kwargs) -> None:
    if not setting or depends_on(setting):
        _digests.clear()


setting_changed.connect(forget_keys, dispatch_uid="pagecache_pages_forget_keys")


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token was rendered: one per visitor
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    if not vary - {""} <= ALLOWED_VARY:
        return False
    if response.has_header("Content-Encoding"):
        return False
    if len(response.content) > conf.MAX_BYTES:
        return False
    user = getattr(request, "user", None)
    return not getattr(user, "is_authenticated", False)


def entry_for(request: HttpRequest, response: HttpResponse) -> Entry:
    body = response.content
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in NOT_KEPT
    ]
    nonce = getattr(request, "_csp_nonce", None)
    has_nonce = isinstance(nonce, str) and bool(nonce)
    if has_nonce:
        body = body.replace(nonce.encode(), NONCE_PLACEHOLDER.encode())
        headers = [(n, v.replace(nonce, NONCE_PLACEHOLDER)) for n, v in headers]
    page = (getattr(response, "context_data", None) or {}).get("page")
    cached_page = None
    if getattr(page, "pk", None):
        cached_page = CachedPage(pk=page.pk, depth=page.depth, path=page.path)
    digest = hashlib.sha256(body).hexdigest()[:32]
    etag = f'"{digest}"'
    last_modified = int(time.time())
    compressed = {} if has_nonce else compress(body, response.get("Content-Type", ""))
    if compressed:
        headers = vary_on_encoding(headers)
    encoded = {
        # A representation of its own: its own strong ETag.
        coding: Variant(
            body=data,
            headers=(
                *headers,
                ("Content-Encoding", coding),
                *marks(f'"{digest}-{coding}"', last_modified, "hit"),
                ("Content-Length", str(len(data))),
            ),
            etag=f'"{digest}-{coding}"',
        )
        for coding, data in compressed.items()
    }
    headers += [
        *marks(etag, last_modified, "hit"),
        ("Content-Length", str(len(body))),
    ]
    return Entry(
        body=body,
        headers=tuple(headers),
        etag=etag,
        last_modified=last_modified,
        nonce=has_nonce,
        page=cached_page,
        language=getattr(request, "LANGUAGE_CODE", ""),
        encoded=encoded,
    )


def compress(body: bytes, content_type: str) -> dict[str, bytes]:
    """The body in brotli and gzip, where that makes it smaller.

    Done once, when the page is stored; every hit then sends the smaller copy
    its client accepts. Safe from BREACH-style attacks: a cached page holds no
    secret (no CSRF token, nothing per visitor, see ``keepable``).
    """
    if len(body) < COMPRESS_MIN_BYTES or not content_type.startswith(COMPRESSIBLE):
        return {}
    out = {
        "br": brotli.compress(body, quality=BROTLI_QUALITY),
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
    }
    return {coding: data for coding, data in out.items() if len(data) < len(body)}


def vary_on_encoding(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    for index, (name, value) in enumerate(headers):
        if name.lower() == "vary":
            headers[index] = (name, f"{value}, Accept-Encoding")
            return headers
    return [*headers, ("Vary", "Accept-Encoding")]


@functools.lru_cache(maxsize=256)
def accepted_codings(header: str) -> tuple[str, ...]:
    """The content codings an Accept-Encoding header allows, best first."""
    weights = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        params = params.strip().replace(" ", "")
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        weights[name.strip().lower()] = weight
    wildcard = weights.get("*", 0.0)
    return tuple(
        coding for coding in ("br", "gzip") if weights.get(coding, wildcard) > 0
    )


def marks(etag: str, last_modified: int, state: str) -> list[tuple[str, str]]:
    return [
        ("ETag", etag),
        ("Last-Modified", http_date(last_modified)),
        # Browsers and proxies may keep the page but must ask again before
        # each use (a 304 is cheap): nobody holds a page past a publish.
        ("Cache-Control", CACHE_CONTROL),
        ("X-Page-Cache", state),
    ]


def mark(response: HttpResponse, entry: Entry, state: str) -> None:
    for name, value in marks(entry.etag, entry.last_modified, state):
        response[name] = value


def conditional(
    request: HttpRequest, response: HttpResponse, entry: Entry, etag: str = ""
):
    """A 304 when the visitor's copy is current, else the response."""
    if not CONDITIONS.intersection(request.META):
        return response
    return get_conditional_response(
        request,
        etag=etag or entry.etag,
        last_modified=entry.last_modified,
        response=response,
    )


def response_from(request: HttpRequest, entry: Entry) -> HttpResponse:
    body, headers, etag = entry.body, entry.headers, entry.etag
    if entry.encoded:
        for coding in accepted_codings(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            variant = entry.encoded.get(coding)
            if variant is not None:
                body, headers, etag = variant.body, variant.headers, variant.etag
                break
    if entry.nonce:
        # As django-csp draws one: 16 random bytes, base64.
        nonce = base64.b64encode(secrets.token_bytes(16)).decode("ascii")
        body = body.replace(NONCE_PLACEHOLDER.encode(), nonce.encode())
        headers = tuple((n, v.replace(NONCE_PLACEHOLDER, nonce)) for n, v in headers)
    response = HttpResponse(body, headers=dict(headers))
    if entry.page is not None:
        # Traffic counting (audit.security, outside us) still sees the page.
        response.context_data = {"page": entry.page}
        request.LANGUAGE_CODE = entry.language
    return conditional(request, response, entry, etag)
