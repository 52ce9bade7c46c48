"""Duty 5 without anyone's work: the scheduler's weekly and monthly reports."""

from __future__ import annotations

import datetime

import time_machine
from django.core import mail
from django.test import TestCase

from audit.reports.models import Report
from audit.reports.tasks import monthly_report_task, weekly_report_task
from cms.scheduler.registry import registry
from home.roles import SUPERVISOR, ensure_roles
from tests.home.workflow_base import at, make_user


class ScheduledReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        ensure_roles()
        cls.supervisor = make_user("sari", SUPERVISOR)

    def test_the_jobs_are_registered_weekly_and_monthly(self):
        weekly, monthly = (
            registry.get("reports.weekly"),
            registry.get("reports.monthly"),
        )
        self.assertEqual(
            (weekly.default.frequency, weekly.default.weekday), ("weekly", 0)
        )
        self.assertEqual(
            (monthly.default.frequency, monthly.default.day), ("monthly", 1)
        )

    def test_the_monthly_job_builds_last_month_and_mails_it_once(self):
        with time_machine.travel(at(2026, 12, 1, 7, 30), tick=True):
            monthly_report_task.call()
            monthly_report_task.call()  # a re-run after a crash: nothing twice
        report = Report.objects.get()
        self.assertEqual(report.kind, "monthly")
        self.assertEqual(
            (report.period_start, report.period_end),
            (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30)),
        )
        self.assertEqual(report.built_by_label, "system:reports.monthly")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["sari@bkp.example.go.id"])
        self.assertEqual(report.mailed_to, ["sari@bkp.example.go.id"])

    def test_the_weekly_job_builds_last_monday_to_sunday(self):
        with time_machine.travel(at(2026, 12, 7, 7), tick=True):  # a Monday
            weekly_report_task.call()
        report = Report.objects.get()
        self.assertEqual(
            (report.period_start, report.period_end),
            (datetime.date(2026, 11, 30), datetime.date(2026, 12, 6)),
        )
