"""Middleware of visitor activity.

``VisitorActivityMiddleware`` goes first in ``MIDDLEWARE``: it answers blocked
clients before anything else runs, sees a disallowed Host before Django turns
it into a 400, and counts every answer after the view. Monitoring must never
break the site: any error in it is logged and the request goes on.

``DownloadHeadersMiddleware`` makes uploaded files inert: documents and media
are served with ``nosniff`` and ``Content-Security-Policy: default-src 'none'``
(plus ``sandbox``), so an uploaded HTML or SVG file cannot run script in the
site's origin. ``AdminScriptPolicyMiddleware`` gives the Wagtail admin, on its
own paths only, the inline scripts it needs.
"""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.request import split_domain_port, validate_host
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from audit.client import client_address
from audit.security import detection, local_flush, traffic
from audit.security.conf import conf
from audit.security.handlers import count_locked_attempt, locked_client_until
from audit.security.lockout import lockout_response
from audit.security.models import SignalKind

log = logging.getLogger(__name__)

INERT_POLICY = "default-src 'none'; sandbox"


@functools.cache
def login_path() -> str:
    return reverse("wagtailadmin_login")


def _skip_traffic(path: str) -> bool:
    return path.startswith(
        (settings.STATIC_URL, settings.MEDIA_URL, "/admin/", "/documents/", "/api/")
    )


class VisitorActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        monitoring = conf.MONITORING
        if request.path.startswith(settings.STATIC_URL):
            return self.static(request, monitoring)
        return self.watched(request, monitoring)

    def watched(self, request, monitoring: bool):
        if monitoring:
            try:
                refusal = self.before(request)
            except Exception:  # noqa: BLE001  (monitoring never breaks a request)
                log.exception("Visitor activity monitoring failed before the view.")
                refusal = None
            if refusal is not None:
                return refusal
        response = self.get_response(request)
        try:
            if monitoring and response.status_code in (403, 404):
                detection.count_error(request)
            if (
                conf.TRAFFIC
                and request.method == "GET"
                and not _skip_traffic(request.path)
            ):
                traffic.count_response(request, response)
            local_flush.flush_if_due()
        except Exception:  # noqa: BLE001  (monitoring never breaks a request)
            log.exception("Visitor activity monitoring failed after the view.")
        return response

    def static(self, request, monitoring: bool):
        """A static file (WhiteNoise, next in line) costs a look at its path.

        A suspicious one, such as ``/static/../../etc/passwd``, is watched like
        any other request. A normal hit touches no cache: it is not a page
        view, does not count towards the request rate (one page brings many)
        and is served to a blocked client too (it is public); only a 404 or
        403 still counts towards a burst."""
        if monitoring:
            try:
                suspicious = detection.classify(request) is not None
            except Exception:  # noqa: BLE001  (monitoring never breaks a request)
                log.exception("Visitor activity monitoring failed before the view.")
                suspicious = False
            if suspicious:
                return self.watched(request, monitoring)
        response = self.get_response(request)
        if monitoring and response.status_code in (403, 404):
            try:
                detection.count_error(request)
            except Exception:  # noqa: BLE001  (monitoring never breaks a request)
                log.exception("Visitor activity monitoring failed after the view.")
        return response

    def before(self, request) -> HttpResponse | None:
        client = detection.client_of(request)
        if detection.is_blocked(client):
            # Before LocaleMiddleware: answer in the visitor's own language.
            with translation.override(translation.get_language_from_request(request)):
                message = _(
                    "Too many suspicious requests from your network. Try again later."
                )
            response = HttpResponse(
                message, content_type="text/plain; charset=utf-8", status=429
            )
            response["Retry-After"] = str(conf.BLOCK_MINUTES * 60)
            return response
        detection.count_request(request)
        if request.method == "POST" and request.path == login_path():
            until = locked_client_until(client_address(request))
            if until is not None:
                # Locked by the per-client cap: refused before the session,
                # the form, any query or any password hash.
                request.security_locked_until = until
                count_locked_attempt(request)
                return lockout_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            # Django answers 400 further in; count it here, where we still can.
            detection.note(request, SignalKind.BAD_HOST, sample=self.raw_host(request))
            return None
        target = request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or ""
        if target.lower().startswith(("http://", "https://")):
            named = urlsplit(target).netloc.lower()
            domain, _port = split_domain_port(named)
            if named != host.lower() or not validate_host(
                domain, settings.ALLOWED_HOSTS
            ):
                detection.note(request, SignalKind.BAD_HOST, sample=named[:200])
                return HttpResponseBadRequest(
                    _("The request names another host."),
                    content_type="text/plain; charset=utf-8",
                )
        kind = detection.classify(request)
        if kind is not None:
            detection.note(request, kind)
        return None

    @staticmethod
    def raw_host(request) -> str:
        return (
            request.META.get("HTTP_X_FORWARDED_HOST")
            or request.META.get("HTTP_HOST")
            or request.META.get("SERVER_NAME", "")
        )[:200]


class DownloadHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(("/documents/", settings.MEDIA_URL)):
            response["X-Content-Type-Options"] = "nosniff"
            response["Content-Security-Policy"] = INERT_POLICY
        return response


class AdminScriptPolicyMiddleware:
    """Goes after django-csp's middleware, so it marks the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"script-src": ["'unsafe-inline'"]}
        return response
