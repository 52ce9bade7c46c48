"""The scheduler's own periodic jobs: Wagtail's scheduled publishing and pruning
the scheduler's run records."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from cms.scheduler.pruning import prune_runs
from cms.scheduler.registry import Daily, Every, periodic


@periodic(
    name="wagtail.publish_scheduled",
    default=Every(minutes=5),
    grace=timedelta(minutes=10),
    max_duration=timedelta(minutes=5),
    label=_("Publish and unpublish scheduled pages"),
)
def publish_scheduled_task() -> None:
    # Wagtail's own command: goes live on approved_go_live_at, expires on expire_at,
    # logging each as wagtail.publish.scheduled / wagtail.unpublish.scheduled.
    call_command("publish_scheduled")


@periodic(
    name="scheduler.prune_job_runs",
    default=Daily(hour=2, minute=30),
    grace=timedelta(hours=12),
    max_duration=timedelta(minutes=30),
    label=_("Delete old job run records"),
)
def prune_job_runs_task() -> int:
    return prune_runs()
