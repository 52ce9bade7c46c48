"""One way to write a scheduler date: Jakarta time, the weekday and month in words."""

from __future__ import annotations

from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.scheduler.frequencies import TIME_ZONE


def format_wib(value: datetime | None) -> str:
    """E.g. "Rabu, 26 November 2026 02.00 WIB" in Indonesian; "" for None."""
    if value is None:
        return ""
    # Translators: Django date format; Indonesian writes the time as 02.00.
    return date_format(value.astimezone(TIME_ZONE), _("l, j F Y H:i")) + " WIB"
