"""How the public site writes a date: one format, in the site's time zone.

"25 November 2026" in English, "25 November 2026" / "3 Januari 2026" in
Indonesian: Django's ``F`` gives the month name of the active language. Feeds
keep RFC dates; this is for what people read.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone

#: Every date a visitor reads uses the active language's DATE_FORMAT
#: (cms/formats/<language>/formats.py), the same format the admin uses.
LONG_DATE_FORMAT = "DATE_FORMAT"


def site_zone() -> ZoneInfo:
    """The site's own time zone (Asia/Jakarta), whatever zone is active."""
    return ZoneInfo(settings.TIME_ZONE)


def format_long_date(value: datetime.date | datetime.datetime | None) -> str:
    """``value`` as "25 November 2026" in the active language; "" for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(site_zone())
        value = value.date()
    return formats.date_format(value, LONG_DATE_FORMAT)
