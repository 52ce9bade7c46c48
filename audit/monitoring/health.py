"""The health checks behind ``/health/``: cheap reads only, never a probe.

Each check returns a ``Check`` (name, ok, detail). Other apps add their own
through the Wagtail hook ``register_health_check``, returning a callable that
returns a ``Check`` (the backups app: "last good backup younger than its
schedule allows"); when no app registers one, nothing is checked for it.

A check of periodic work that has never run is *not yet due*, and passes with
a detail saying so, while its app is younger than the check's limit: the clock
starts when the app's first migration was applied (``installed_at``), as if it
had run then. A brand-new site is thus healthy, so a load balancer or uptime
monitor keeps it in service; the same site still fails once the first run is
overdue, and at once when a run failed. The scheduler, which runs nothing of
its own, is not yet due until one of the jobs it should have fired is late.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from wagtail import hooks

from audit.monitoring import conf

HOOK_NAME = "register_health_check"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


def installed_at(app_label: str) -> datetime | None:
    """When ``app_label``'s first migration was applied; None if it never was."""
    return (
        MigrationRecorder.Migration.objects.filter(app=app_label)
        .order_by("applied")
        .values_list("applied", flat=True)
        .first()
    )


def not_yet_due(since: datetime | None, limit: timedelta, *, now: datetime) -> str:
    """Why work that never ran since ``since`` (``installed_at``) passes, or "".

    "" when it is overdue: more than ``limit`` has passed (or ``since`` is unknown).
    """
    if since is None or now - since > limit:
        return ""
    return f"not yet due: installed {_duration(now - since)} ago (limit {_duration(limit)})"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h"


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Check("database", True)


def check_cache() -> Check:
    key = "monitoring:health"
    value = timezone.now().isoformat()
    cache.set(key, value, 30)
    ok = cache.get(key) == value
    return Check("cache", ok, "" if ok else "cache did not return what was stored")


def check_storage() -> Check:
    # One existence test: cheap on a disk and on S3 alike; writes nothing.
    default_storage.exists("monitoring-health-check")
    return Check("storage", True)


def check_worker() -> Check:
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return Check("worker", True, "tasks run without a queue")
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    limit = conf.get("MONITORING_WORKER_MAX_WAIT_SECONDS")
    oldest = (
        DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, run_after__lte=timezone.now()
        )
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    if oldest is None:
        return Check("worker", True, "no task waiting")
    waited = (timezone.now() - oldest).total_seconds()
    ok = waited <= limit
    return Check("worker", ok, f"oldest waiting task: {waited:.0f} s (limit {limit} s)")


def check_scheduler() -> Check:
    from cms.scheduler.health import (
        late_jobs,
        scheduler_ever_started,
        scheduler_running,
    )

    if scheduler_running():
        return Check("scheduler", True)
    if not scheduler_ever_started():
        late = [state.name for state in late_jobs()]
        if not late:
            return Check("scheduler", True, "not yet due: not started, no job late yet")
        return Check("scheduler", False, f"never started; late: {', '.join(late)}")
    return Check("scheduler", False, "no scheduler holds the lease")


def check_audit_chain() -> Check:
    from audit.models import VerificationRun

    now = timezone.now()
    limit = timedelta(hours=conf.get("MONITORING_AUDIT_MAX_AGE_HOURS"))
    last = VerificationRun.objects.order_by("-started_at").first()
    if last is None:
        waiting = not_yet_due(installed_at("audit"), limit, now=now)
        return Check("audit_chain", bool(waiting), waiting or "never verified")
    if not last.ok:
        return Check("audit_chain", False, "last verification failed")
    age = now - last.started_at
    if age > limit:
        return Check("audit_chain", False, f"last verified {age} ago")
    return Check("audit_chain", True, f"verified {int(age.total_seconds())} s ago")


CHECKS: list[Callable[[], Check]] = [
    check_database,
    check_cache,
    check_storage,
    check_worker,
    check_scheduler,
    check_audit_chain,
]


def all_checks() -> list[Callable[[], Check]]:
    return [*CHECKS, *(fn() for fn in hooks.get_hooks(HOOK_NAME))]


def run_checks() -> list[Check]:
    """Every check; one that raises is a failed check with the exception's name."""
    results = []
    for check in all_checks():
        try:
            results.append(check())
        except Exception as err:  # noqa: BLE001 (a check that breaks is a failure)
            name = getattr(check, "__name__", "check").removeprefix("check_")
            results.append(Check(name, False, type(err).__name__))
    return results
