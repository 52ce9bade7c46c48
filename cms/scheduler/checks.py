"""System checks for the scheduler's settings (codes cms.E001 to cms.E005)."""

from __future__ import annotations

from django.core import checks

from cms.scheduler import conf

_RULES = [
    ("CMS_SCHEDULER_LEASE_SECONDS", 3, "cms.E001"),
    ("CMS_SCHEDULER_POLL_SECONDS", 1, "cms.E002"),
    ("CMS_SCHEDULER_KEEP_DAYS", 1, "cms.E003"),
    ("CMS_SCHEDULER_KEEP_FAILED_DAYS", 1, "cms.E004"),
]


@checks.register()
def check_scheduler_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for name, minimum, code in _RULES:
        value = conf.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            errors.append(
                checks.Error(
                    f"{name} must be a whole number of at least {minimum}.",
                    hint=f"Set {name} to an integer >= {minimum} (default "
                    f"{conf.DEFAULTS[name]}).",
                    id=code,
                )
            )
    keep, keep_failed = conf.keep_days(), conf.keep_failed_days()
    if not errors and keep_failed < keep:
        errors.append(
            checks.Error(
                "CMS_SCHEDULER_KEEP_FAILED_DAYS is shorter than CMS_SCHEDULER_KEEP_DAYS.",
                hint="Keep failed runs at least as long as the others.",
                id="cms.E005",
            )
        )
    return errors
