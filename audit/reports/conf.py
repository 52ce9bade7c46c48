"""The reports app's settings: every ``REPORTS_*`` name and its default, in one place.

Read through ``conf.get(name)`` at call time, so ``override_settings`` works.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where stored reports (PDF and CSV) go: outside MEDIA_ROOT, never served
    # except through the admin's authorised download view.
    "REPORTS_ROOT": None,
    # Who receives the reports; empty: every active member of the supervisor's
    # group ("Atasan Langsung") with an e-mail address.
    "REPORTS_RECIPIENTS": [],
    # The language of scheduled reports.
    "REPORTS_LANGUAGE": "id",
}


def get(name: str) -> Any:
    value = getattr(settings, name, DEFAULTS[name])
    if value is None and name == "REPORTS_ROOT":
        return Path(settings.VAR_DIR) / "reports"
    return value
