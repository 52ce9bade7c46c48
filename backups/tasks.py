"""Periodic backups, run by the task worker (see README, "Backups")."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from backups.creation import create_backup
from backups.models import Backup
from backups.retention import prune
from cms.scheduler.registry import Daily, Weekly, periodic


@periodic(
    name="backups.database",
    default=Daily(hour=2, minute=0),
    grace=timedelta(hours=2),
    max_duration=timedelta(hours=2),
    label=_("Back up the database (with a restore drill)"),
)
def database_backup_task() -> None:
    backup = create_backup(Backup.Kind.DATABASE, trigger="schedule")
    if backup.drill_status != Backup.Drill.PASSED:
        raise RuntimeError(backup.drill_error)


@periodic(
    name="backups.media",
    default=Weekly(weekday=6, hour=3, minute=0),
    grace=timedelta(hours=6),
    max_duration=timedelta(hours=6),
    label=_("Back up the media files"),
)
def media_backup_task() -> None:
    create_backup(Backup.Kind.MEDIA, trigger="schedule")


@periodic(
    name="backups.prune",
    default=Daily(hour=4, minute=0),
    label=_("Prune old backups by the retention policy"),
)
def prune_backups_task() -> None:
    prune()


@task()
def backup_now_task(kind: str, user_id: int | None) -> None:
    """ "Back up now" from the admin, run by the worker."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    create_backup(kind, trigger="user", user=user)
