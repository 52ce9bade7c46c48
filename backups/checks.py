"""System checks for the backups app's settings (codes backups.E001...)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

from backups import conf


@register()
def check_backups_settings(app_configs, **kwargs):
    errors = []
    if "dbbackup" not in settings.STORAGES:
        errors.append(
            Error(
                'STORAGES has no "dbbackup" entry: backups have nowhere to go.',
                hint='Add STORAGES["dbbackup"], e.g. a FileSystemStorage at '
                "BACKUPS_ROOT outside MEDIA_ROOT and STATIC_ROOT.",
                id="backups.E001",
            )
        )
    else:
        location = settings.STORAGES["dbbackup"].get("OPTIONS", {}).get("location")
        if location:
            path = Path(location).resolve()
            for name in ("MEDIA_ROOT", "STATIC_ROOT"):
                public = getattr(settings, name, None)
                if public and (
                    path == Path(public).resolve()
                    or Path(public).resolve() in path.parents
                ):
                    errors.append(
                        Error(
                            f"The backup storage lies inside {name}, where the "
                            "web server could serve the archives.",
                            hint="Set BACKUPS_ROOT (or the storage's location) "
                            f"to a folder outside {name}.",
                            id="backups.E002",
                        )
                    )
    for name in ("BACKUPS_KEEP_DAILY", "BACKUPS_KEEP_WEEKLY", "BACKUPS_KEEP_MONTHLY"):
        value = conf.get(name)
        if not isinstance(value, int) or value < 0:
            errors.append(
                Error(
                    f"{name} must be a whole number of 0 or more.",
                    hint=f"Set {name} to how many archives to keep.",
                    id="backups.E003",
                )
            )
    if not str(conf.get("BACKUPS_SITE_ID") or "").strip():
        errors.append(
            Error(
                "BACKUPS_SITE_ID is empty: archives could not tell sites apart.",
                hint="Set BACKUPS_SITE_ID to a short name for this site.",
                id="backups.E004",
            )
        )
    second = conf.get("BACKUPS_SECOND_LOCATION")
    if second and not Path(second).is_dir():
        errors.append(
            Error(
                f"BACKUPS_SECOND_LOCATION ({second}) is not a folder.",
                hint="Mount the second disk there, or unset the variable.",
                id="backups.E005",
            )
        )
    max_age = conf.get("BACKUPS_MAX_AGE_HOURS")
    if not isinstance(max_age, dict) or not all(
        isinstance(v, int | float) and v > 0 for v in max_age.values()
    ):
        errors.append(
            Error(
                "BACKUPS_MAX_AGE_HOURS must map each kind to a positive number of hours.",
                hint='For example {"database": 26, "media": 170}.',
                id="backups.E006",
            )
        )
    return errors
