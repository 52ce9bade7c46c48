"""Filters for the moderation screens and mail: WIB times and working hours."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from home.dates import site_zone

register = template.Library()


@register.filter
def wib(value) -> str:
    """Jakarta time in the active language's DATETIME_FORMAT, e.g. "26 November
    2026 16.00 WIB"; "" for None."""
    if not value:
        return ""
    return (
        date_format(timezone.localtime(value, site_zone()), "DATETIME_FORMAT") + " WIB"
    )


@register.filter
def working_hours(value) -> str:
    """Working hours in words: "3,5 jam kerja" / "3.5 working hours"; "—" for None."""
    if value is None:
        return "—"
    hours = round(float(value), 1)
    return ngettext(
        "%(hours)s working hour", "%(hours)s working hours", 1 if hours == 1 else 2
    ) % {"hours": number_format(hours, decimal_pos=1 if hours % 1 else 0)}


@register.filter
def step_label(index) -> str:
    return _("Officer review") if not index else _("Supervisor approval")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
