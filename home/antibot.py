"""Keeps bots off the public feedback form without losing a real person.

No outside service: a honeypot field people never see, a signed timestamp
(too fast to be typed, or replayed, and the bot is answered like a success and
nothing is stored), and a per-client rate limit counted in the shared cache
(Redis when ``REDIS_URL`` is set; with the local-memory cache each web worker
counts on its own). The client is ``audit.client.client_address``: the same
answer the login protection uses.

Only a *valid* form meets the bot checks: a person who is shown an error and
fixes it at once keeps their token and is not taken for a bot.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from audit.client import client_address

#: The field people never see (hidden by CSS, skipped by keyboard and readers).
HONEYPOT_FIELD = "website"
#: The hidden field that carries the signed timestamp.
TOKEN_FIELD = "form_token"  # noqa: S105 (a field name, not a secret)
TOKEN_SALT = "home.feedback.form-token"  # noqa: S105 (a namespace)
TOKEN_MAX_LENGTH = 200

DEFAULTS = {
    # A person needs longer than this to fill in the form.
    "HOME_FEEDBACK_MIN_SECONDS": 3,
    # A form open longer than this is re-shown with its text for one more click.
    "HOME_FEEDBACK_MAX_AGE_SECONDS": 24 * 60 * 60,
    # Posts of the form accepted from one client per period.
    "HOME_FEEDBACK_RATE_LIMIT": 10,
    "HOME_FEEDBACK_RATE_PERIOD_SECONDS": 600,
}


def setting(name: str) -> int:
    return getattr(settings, name, DEFAULTS[name])


def issue_token() -> str:
    """A fresh signed token: a random nonce and the time the form was shown."""
    return signing.dumps(
        {"n": secrets.token_hex(16), "t": int(time.time())}, salt=TOKEN_SALT
    )


@dataclass(frozen=True)
class TokenCheck:
    #: "ok"; "too_fast" or "forged" (a bot); "expired" (a person who waited).
    verdict: str
    nonce: str = ""


def check_token(token: str) -> TokenCheck:
    """Is ``token`` one of ours, old enough to have been typed, and not expired?"""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return TokenCheck("forged")
    try:
        value = signing.loads(token, salt=TOKEN_SALT)
        nonce, issued = str(value["n"]), int(value["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return TokenCheck("forged")
    age = time.time() - issued
    if age < setting("HOME_FEEDBACK_MIN_SECONDS"):
        return TokenCheck("too_fast", nonce)
    if age > setting("HOME_FEEDBACK_MAX_AGE_SECONDS"):
        return TokenCheck("expired", nonce)
    return TokenCheck("ok", nonce)


def token_for_form(request: HttpRequest) -> str:
    """The token to put in a re-shown form: the visitor's own while it is still
    good (so fixing an error quickly is not "too fast"), else a fresh one."""
    posted = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
    if posted and check_token(posted).verdict in ("ok", "too_fast"):
        return posted
    return issue_token()


def is_trapped(request: HttpRequest) -> bool:
    """Did the client fill in the field no person sees?"""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def _rate_key(request: HttpRequest, window: int) -> str:
    address = client_address(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"home:feedback:rate:{digest}:{window}"


def over_rate_limit(request: HttpRequest) -> bool:
    """Count this post for its client; True once the client is over the limit.

    A sliding window: the previous window's count, weighted by how much of it
    still lies within one period, plus the current one's. A fixed window alone
    would let a bot post twice the limit across a window's edge. Refused posts
    count too, so a client that keeps flooding stays refused.
    """
    period = max(1, setting("HOME_FEEDBACK_RATE_PERIOD_SECONDS"))
    now = time.time()
    window = int(now // period)
    key = _rate_key(request, window)
    cache.add(key, 0, timeout=2 * period + 60)
    try:
        current = cache.incr(key)
    except ValueError:
        # Expired between add() and incr(): this is the window's first post.
        cache.set(key, 1, timeout=2 * period + 60)
        current = 1
    previous = cache.get(_rate_key(request, window - 1), 0)
    still_counted = (period - (now - window * period)) / period
    return previous * still_counted + current > setting("HOME_FEEDBACK_RATE_LIMIT")


def retry_after_seconds() -> int:
    period = max(1, setting("HOME_FEEDBACK_RATE_PERIOD_SECONDS"))
    return int(period - time.time() % period) + 1
