"""The backups app's settings: every ``BACKUPS_*`` name and its default, in one place.

Read them through ``conf.get(name)`` at call time (never at import), so
``override_settings`` in tests and a changed environment both take effect.
django-dbbackup reads its own settings once at import; we read the archive
storage through Django's ``storages["dbbackup"]`` for the same reason.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where archives go is STORAGES["dbbackup"]; BACKUPS_ROOT is its default location.
    "BACKUPS_ROOT": None,
    # Scratch space for snapshots and archives being built or checked. None: a
    # ".tmp" folder in the archive storage when it is local, else BACKUPS_ROOT.
    "BACKUPS_TMP_DIR": None,
    # Names this site inside every archive: a restore refuses another site's.
    "BACKUPS_SITE_ID": None,
    # Retention policy: the newest archive of each of the last N days, weeks, months.
    "BACKUPS_KEEP_DAILY": 7,
    "BACKUPS_KEEP_WEEKLY": 4,
    "BACKUPS_KEEP_MONTHLY": 12,
    # A copy of each archive and its checksum is also written here (a folder,
    # e.g. an external disk's mount point), when set.
    "BACKUPS_SECOND_LOCATION": None,
    # Archives are GPG-encrypted to this key (a fingerprint or e-mail address
    # in the keyring at BACKUPS_GPG_HOME, default ~/.gnupg) when set.
    "BACKUPS_GPG_RECIPIENT": None,
    "BACKUPS_GPG_HOME": None,
    # Who is mailed when a backup or drill fails; empty: every active user who
    # may view backups.
    "BACKUPS_ALERT_EMAILS": [],
    # The dashboard warns when the newest good backup of a kind is older than this.
    "BACKUPS_MAX_AGE_HOURS": {"database": 26, "media": 24 * 7 + 2},
    # While this file exists the site answers writes with 503 (a restore runs).
    "BACKUPS_MAINTENANCE_FLAG": None,
}


def get(name: str) -> Any:
    value = getattr(settings, name, DEFAULTS[name])
    if value is None:
        if name == "BACKUPS_ROOT":
            return Path(settings.VAR_DIR) / "backups"
        if name == "BACKUPS_SITE_ID":
            return settings.WAGTAIL_SITE_NAME
        if name == "BACKUPS_MAINTENANCE_FLAG":
            return Path(settings.VAR_DIR) / "maintenance.flag"
        if name == "BACKUPS_TMP_DIR":
            return default_tmp_dir()
    return value


def default_tmp_dir() -> Path:
    # Beside the archives when they are local: a full disk there fails the run
    # early, and the finished archive moves into place without a second copy.
    location = settings.STORAGES.get("dbbackup", {}).get("OPTIONS", {}).get("location")
    return Path(location or get("BACKUPS_ROOT")) / ".tmp"


def work_dir() -> Path:
    """A new private folder under ``BACKUPS_TMP_DIR`` for one run's files."""
    folder = Path(get("BACKUPS_TMP_DIR"))
    folder.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=folder))
