"""Builders and a base case for the scheduler tests."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.models import CheckConstraint
from django.test import TestCase

from cms.scheduler.firing import seed_schedules
from cms.scheduler.frequencies import TIME_ZONE
from cms.scheduler.models import JobSchedule
from cms.scheduler.registry import PeriodicJob, registry


def wib(*args: int) -> datetime:
    """A Jakarta-time datetime: wib(2025, 3, 10, 2, 0)."""
    return datetime(*args, tzinfo=TIME_ZONE)


def register_job(testcase, job: PeriodicJob, **schedule_fields) -> JobSchedule:
    """Register ``job`` for the duration of ``testcase`` and give it a schedule."""
    registry.register(job)
    testcase.addCleanup(registry.unregister, job.name)
    seed_schedules()
    schedule = JobSchedule.objects.get(name=job.name)
    if schedule_fields:
        for name, value in schedule_fields.items():
            setattr(schedule, name, value)
        schedule.save()
    return schedule


class SchedulerTestCase(TestCase):
    """Named people: an officer who may edit schedules, an editor who may not."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.admin = User.objects.create_superuser(
            "admin", "admin@example.com", "password"
        )
        officers = Group.objects.create(name="Scheduler officers")
        officers.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="change_jobschedule"),
            Permission.objects.get(codename="view_jobschedule"),
        )
        cls.officer = User.objects.create_user("officer", "officer@example.com", "pw")
        cls.officer.groups.add(officers)
        editors = Group.objects.create(name="Plain editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        cls.editor = User.objects.create_user("editor", "editor@example.com", "pw")
        cls.editor.groups.add(editors)


def break_schedule(testcase, name: str, **fields) -> None:
    """Give schedule ``name`` values its database constraints refuse.

    As a hand edit or a failed migration could: on SQLite with the check
    constraints ignored for the statement, on PostgreSQL with them dropped (and
    put back, with the row repaired, when the test ends).
    """
    checks = [
        c for c in JobSchedule._meta.constraints if isinstance(c, CheckConstraint)
    ]
    rows = JobSchedule.objects.filter(name=name)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            rows.update(**fields)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA ignore_check_constraints = OFF")
        return
    with connection.schema_editor() as editor:
        for constraint in checks:
            editor.remove_constraint(JobSchedule, constraint)
    rows.update(**fields)

    def restore() -> None:
        job = registry.get(name)
        default = job.default.as_fields() if job else {"frequency": "daily"}
        JobSchedule.objects.filter(name=name).update(**default)
        with connection.schema_editor() as editor:
            for constraint in checks:
                editor.add_constraint(JobSchedule, constraint)

    testcase.addCleanup(restore)
