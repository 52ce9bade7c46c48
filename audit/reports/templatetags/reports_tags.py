"""Formatting the stored figures for Indonesia (or English): ISO times shown in
Asia/Jakarta, numbers grouped, minutes and statuses in words."""

from __future__ import annotations

import datetime

from django import template
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

register = template.Library()

STATUS_LABELS = {
    "on_schedule": lambda: _("On schedule"),
    "late": lambda: _("Late"),
    "missed": lambda: _("Missed"),
    "idle": lambda: _("No activity"),
}


@register.filter
def when(value):
    """An ISO time from the figures, in Jakarta time, e.g. 5 Januari 2026 14.30."""
    if not value:
        return "–"
    moment = datetime.datetime.fromisoformat(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")


@register.filter
def day(value):
    if not value:
        return "–"
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return date_format(value, "DATE_FORMAT")


@register.filter
def num(value, decimals=None):
    """Grouped digits in the active language (1.234,5 in Indonesian)."""
    if value is None or value == "":
        return "–"
    return number_format(value, decimals, force_grouping=True)


@register.filter
def pct(value):
    return "–" if value is None else f"{number_format(value, 2)}%"


@register.filter
def status_label(value):
    return STATUS_LABELS.get(value, lambda: value)()


@register.simple_tag
def evidence_url(evidence):
    """The audit trail's event list, filtered to the duty's action and period."""
    query = urlencode(
        {
            "action": evidence["action"],
            "timestamp_from": evidence["from"],
            "timestamp_to": evidence["to"],
        }
    )
    return f"{reverse('audit:events')}?{query}"


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key, 0)


@register.filter
def choice_label(value, field):
    """A stored choice value shown with its label, e.g. ``"severity"`` of a
    problem; the value itself once that app or choice is gone."""
    app_model, _sep, name = field.rpartition(".")
    try:
        model = apps.get_model(app_model)
    except (LookupError, ValueError):
        return value
    choices = dict(model._meta.get_field(name).flatchoices)
    return choices.get(value, value)
