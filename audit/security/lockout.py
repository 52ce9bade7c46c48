"""The answer to a locked-out login: HTTP 429, in the visitor's language, saying
when to try again (``AXES_LOCKOUT_CALLABLE``)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils import timezone, translation


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    started = getattr(request, "axes_attempt_time", None) or timezone.now()
    retry_at = started + cool_off if cool_off else None
    # The admin's login lives outside i18n_patterns, where Django speaks the
    # site's default language: answer in the visitor's own (cookie, browser).
    with translation.override(translation.get_language_from_request(request)):
        response = render(
            request,
            "security/lockout.html",
            {
                "retry_at": timezone.localtime(retry_at) if retry_at else None,
                "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
            },
            status=429,
        )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
