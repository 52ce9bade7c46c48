"""Remember the current request's client for events recorded without a request.

Wagtail writes its log entries deep inside its views, where no request is in
reach; the receivers that turn them into audit events read the client from here.
"""

from __future__ import annotations

from contextvars import ContextVar

from audit.client import client_address

current_client: ContextVar[str | None] = ContextVar("audit_client", default=None)


class ClientMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_client.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            current_client.reset(token)
