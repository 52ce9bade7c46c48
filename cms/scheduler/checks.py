"""System checks for the scheduler's settings and its task backend.

scheduler.E001-E004: a setting is not a whole number in range;
scheduler.E005: failed runs would be kept shorter than the others;
scheduler.W001: a setting still has its old ``CMS_SCHEDULER_`` name;
scheduler.W002: the default task backend does not write to the database the
runs are recorded in, so recording a run and queueing its task are not one
transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from cms.scheduler import conf

_RULES = [
    ("SCHEDULER_LEASE_SECONDS", 3, "scheduler.E001"),
    ("SCHEDULER_POLL_SECONDS", 1, "scheduler.E002"),
    ("SCHEDULER_KEEP_DAYS", 1, "scheduler.E003"),
    ("SCHEDULER_KEEP_FAILED_DAYS", 1, "scheduler.E004"),
]

# Backends that queue tasks with a plain INSERT in the default database, or run
# them at once: both keep "record the run, queue its task" in one transaction.
TRANSACTIONAL_BACKENDS = {
    "django_tasks_db.DatabaseBackend",
    "django_tasks.backends.database.DatabaseBackend",
    "django_tasks.backends.immediate.ImmediateBackend",
    "django_tasks.backends.dummy.DummyBackend",
}


def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
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
    if not errors and conf.keep_failed_days() < conf.keep_days():
        errors.append(
            checks.Error(
                "SCHEDULER_KEEP_FAILED_DAYS is shorter than SCHEDULER_KEEP_DAYS.",
                hint="Keep failed runs at least as long as the others.",
                id="scheduler.E005",
            )
        )
    for name in conf.DEFAULTS:
        if hasattr(settings, conf.old_name(name)):
            errors.append(
                checks.Warning(
                    f"{conf.old_name(name)} is the old name of {name}.",
                    hint=f"Rename the setting to {name}; the old name is read "
                    "only while the new one is not set.",
                    id="scheduler.W001",
                )
            )
    return errors


def check_task_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if backend in TRANSACTIONAL_BACKENDS:
        return []
    return [
        checks.Warning(
            f"The default task backend ({backend or 'none'}) does not queue tasks "
            "in the default database.",
            hint="Use django_tasks_db.DatabaseBackend on the default database, so a "
            "run is recorded and its task queued in one transaction; otherwise a "
            "crash between the two leaves the run to be closed as lost.",
            id="scheduler.W002",
        )
    ]
