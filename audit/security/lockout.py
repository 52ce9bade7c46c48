"""The answer to a locked-out login: HTTP 429, in the visitor's language, saying
when to try again (``AXES_LOCKOUT_CALLABLE``)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils import timezone, translation


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    retry_at = getattr(request, "security_locked_until", None)
    if retry_at is None and cool_off:
        started = getattr(request, "axes_attempt_time", None) or timezone.now()
        retry_at = started + cool_off
    # The admin's login lives outside i18n_patterns, where Django speaks the
    # site's default language: answer in the visitor's own (cookie, browser).
    with translation.override(translation.get_language_from_request(request)):
        response = render(
            request,
            "security/lockout.html",
            {
                "retry_at": timezone.localtime(retry_at) if retry_at else None,
                "minutes": _minutes_until(retry_at),
            },
            status=429,
        )
    if retry_at:
        response["Retry-After"] = str(_seconds_until(retry_at))
    return response


def _seconds_until(moment) -> int:
    return max(0, round((moment - timezone.now()).total_seconds()))


def _minutes_until(moment) -> int | None:
    return -(-_seconds_until(moment) // 60) if moment else None
