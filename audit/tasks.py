"""Periodic work of the audit trail, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from audit.verify import read_checkpoint, run_verification
from cms.scheduler.registry import Daily, periodic


@periodic(
    name="audit.verify",
    default=Daily(hour=2, minute=15),
    label=_("Verify the audit trail"),
    max_duration=timedelta(hours=1),
)
def verify_trail_task() -> None:
    """Walk the chain against the last checkpoint; a failure alerts at once."""
    run = run_verification(expect=read_checkpoint())
    if not run.ok:
        raise RuntimeError(run.message)
