"""The scheduler process: hold the lease, keep APScheduler's jobs in step with the
schedules in the database, and fire due jobs by enqueuing their tasks.

Only the lease holder has jobs in APScheduler; a standby only watches the
lease. The main thread wakes every ``min(lease/3, poll)`` seconds (or right when
the holder's lease runs out) to renew or take the lease and to pick up edited
schedules; it sleeps on an Event in between, so an idle scheduler costs nothing.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import Count, Max
from django.utils import timezone

from cms.scheduler import lease, schedules
from cms.scheduler.firing import catch_up, fire, seed_schedules
from cms.scheduler.frequencies import TIME_ZONE
from cms.scheduler.models import JobSchedule, SchedulerLease
from cms.scheduler.recovery import close_stuck_runs
from cms.scheduler.registry import registry

logger = logging.getLogger(__name__)


def default_holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _fingerprint(schedule: JobSchedule) -> tuple:
    return (*schedule.schedule_values().items(), schedule.grace_minutes)


class Scheduler:
    def __init__(
        self,
        *,
        holder: str | None = None,
        lease_seconds: float = 60,
        poll_seconds: float = 30,
        report: Callable[[str], None] | None = None,
    ) -> None:
        self.holder = holder or default_holder_id()
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.report = report or logger.info
        self.active = False
        self.aps = BackgroundScheduler(
            timezone=TIME_ZONE,
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        self._fingerprints: dict[str, tuple] = {}
        self._version: dict | None = None
        self._stop = threading.Event()

    @property
    def interval(self) -> float:
        return min(self.lease_seconds / 3, self.poll_seconds)

    # --- one turn of the main loop ------------------------------------------

    def tick(self) -> float:
        """Renew or take the lease and resync jobs; return seconds to wait."""
        holds = lease.acquire(self.holder, seconds=self.lease_seconds)
        if holds and not self.active:
            self._become_active()
        elif not holds and self.active:
            self._become_standby()
        elif holds:
            self.sync()
            close_stuck_runs()
        if holds:
            return self.interval
        # A standby wakes as soon as the holder's lease runs out.
        expires_at = (
            SchedulerLease.objects.filter(name=lease.LEASE_NAME)
            .values_list("expires_at", flat=True)
            .first()
        )
        if expires_at is None:
            return self.interval
        until_expiry = (expires_at - timezone.now()).total_seconds() + 0.05
        return max(0.05, min(self.interval, until_expiry))

    def _become_active(self) -> None:
        self.active = True
        self.report(f"Scheduler {self.holder} is active: it fires the jobs.")
        seed_schedules()
        close_stuck_runs()
        catch_up()
        self.sync(force=True)

    def _become_standby(self) -> None:
        self.active = False
        self.aps.remove_all_jobs()
        self._fingerprints.clear()
        self._version = None
        self.report(f"Scheduler {self.holder} is on standby: another one is active.")

    def sync(self, *, force: bool = False) -> bool:
        """Bring APScheduler's jobs in line with the schedules; True if anything changed."""
        version = JobSchedule.objects.aggregate(
            updated=Max("updated_at"), count=Count("id")
        )
        if not force and version == self._version:
            return False
        self._version = version
        wanted = {}
        for schedule in JobSchedule.objects.all():
            if schedule.enabled and schedule.name in registry:
                wanted[schedule.name] = schedule
        changed = False
        for name in list(self._fingerprints):
            if name not in wanted:
                self.aps.remove_job(name)
                del self._fingerprints[name]
                changed = True
        for name, schedule in wanted.items():
            fingerprint = _fingerprint(schedule)
            if self._fingerprints.get(name) == fingerprint:
                continue
            try:
                job_trigger = schedules.trigger(schedule)
            except schedules.BadSchedule as err:
                # A bad row stops its own job only; the others keep firing.
                logger.error("Skipping job %s: broken schedule (%s)", name, err)
                if self._fingerprints.pop(name, None) is not None:
                    self.aps.remove_job(name)
                    changed = True
                continue
            self.aps.add_job(
                self._fire_due,
                trigger=job_trigger,
                args=[name],
                id=name,
                name=name,
                replace_existing=True,
                misfire_grace_time=max(1, int(schedule.grace.total_seconds())),
            )
            self._fingerprints[name] = fingerprint
            changed = True
            logger.info("Job %s scheduled: %s", name, schedules.describe(schedule))
        return changed

    def next_run_time(self, name: str) -> datetime | None:
        job = self.aps.get_job(name)
        return job.next_run_time if job else None

    # --- firing (runs in APScheduler's thread pool) ---------------------------

    def _fire_due(self, name: str) -> None:
        close_old_connections()
        try:
            self.fire_due(name, now=timezone.now())
        except Exception:
            logger.exception("Could not fire job %s", name)
        finally:
            # Pool threads idle for long stretches; don't keep a connection each.
            connection.close()

    def fire_due(self, name: str, *, now: datetime) -> None:
        if not lease.holds(self.holder, now=now):
            logger.warning(
                "Not firing %s: this scheduler no longer holds the lease", name
            )
            return
        schedule = JobSchedule.objects.filter(name=name, enabled=True).first()
        due = schedules.previous_due(schedule, now) if schedule else None
        if due is not None:
            fire(name, due)

    # --- the process --------------------------------------------------------

    def start(self, *, paused: bool = False) -> None:
        self.aps.start(paused=paused)

    def run_forever(self) -> None:
        self.start()
        self.report(f"Scheduler {self.holder} started; waiting for the lease.")
        try:
            while not self._stop.is_set():
                try:
                    wait = self.tick()
                except DatabaseError:
                    logger.exception("Scheduler could not reach the database")
                    close_old_connections()
                    wait = self.interval
                self._stop.wait(wait)
        finally:
            self.shutdown()
            connection.close()

    def stop(self) -> None:
        self._stop.set()

    def shutdown(self) -> None:
        if self.aps.running:
            self.aps.shutdown(wait=True)
        if self.active:
            lease.release(self.holder)
            self.active = False
            self.report(f"Scheduler {self.holder} stopped and released the lease.")
