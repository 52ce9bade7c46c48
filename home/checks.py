"""System checks of the public site's settings (moderation: home.E101-E103)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_moderation_settings(app_configs, **kwargs):
    errors = []
    days = getattr(settings, "HOME_MODERATION_DUE_DAYS", [2, 2])
    try:
        valid = bool(days) and all(int(value) >= 0 for value in days)
    except (TypeError, ValueError):
        valid = False
    if not valid:
        errors.append(
            Error(
                "HOME_MODERATION_DUE_DAYS must list whole numbers of working days.",
                hint="One number per workflow step, e.g. HOME_MODERATION_DUE_DAYS=2,2.",
                id="home.E101",
            )
        )
    start, end = getattr(settings, "HOME_WORKING_HOURS", (8, 16))
    if not (0 <= start < end <= 24):
        errors.append(
            Error(
                "HOME_WORKING_HOURS must be a start hour before an end hour, 0 to 24.",
                hint="Set HOME_WORKING_HOUR_START and HOME_WORKING_HOUR_END, e.g. 8 and 16.",
                id="home.E102",
            )
        )
    if getattr(settings, "HOME_TURNAROUND_DAYS", 90) < 1:
        errors.append(
            Error(
                "HOME_TURNAROUND_DAYS must be at least 1.",
                hint="The number of days of approvals the turnaround covers, e.g. 90.",
                id="home.E103",
            )
        )
    return errors
