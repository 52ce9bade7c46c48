"""Due dates in working days and turnaround in working hours (home/moderation.py)."""

from __future__ import annotations

import datetime

from django.test import SimpleTestCase, override_settings

from home import moderation
from tests.home.workflow_base import at


class WorkingDayTests(SimpleTestCase):
    def test_a_due_date_skips_the_weekend_and_independence_day(self):
        # Friday 14 August 2026; Monday the 17th is Independence Day.
        due = moderation.add_working_days(at(2026, 8, 14, 10), 1)
        self.assertEqual(due, at(2026, 8, 18, 16))

    def test_a_due_date_skips_collective_leave(self):
        # 24 December 2026 is cuti bersama, the 25th Christmas.
        self.assertFalse(moderation.is_working_day(datetime.date(2026, 12, 24)))
        due = moderation.add_working_days(at(2026, 12, 23, 9), 1)
        self.assertEqual(due, at(2026, 12, 28, 16))

    def test_an_ordinary_week(self):
        due = moderation.add_working_days(at(2026, 11, 23, 9), 2)  # a Monday
        self.assertEqual(due, at(2026, 11, 25, 16))

    @override_settings(HOME_MODERATION_DUE_DAYS=[1, 3])
    def test_each_step_has_its_own_allowance(self):
        start = at(2026, 11, 23, 9)
        self.assertEqual(moderation.due_at(start, 0), at(2026, 11, 24, 16))
        self.assertEqual(moderation.due_at(start, 1), at(2026, 11, 26, 16))
        # A step beyond the list keeps the last allowance.
        self.assertEqual(moderation.due_at(start, 2), at(2026, 11, 26, 16))

    def test_working_hours_count_only_office_hours_on_working_days(self):
        # Friday 15.00 to Monday 09.00: one hour on Friday, one on Monday.
        hours = moderation.working_hours_between(
            at(2026, 11, 20, 15), at(2026, 11, 23, 9)
        )
        self.assertEqual(hours, 2.0)
        # Over Independence Day (Monday 17 August) nothing counts that day.
        hours = moderation.working_hours_between(
            at(2026, 8, 14, 8), at(2026, 8, 18, 16)
        )
        self.assertEqual(hours, 16.0)
        self.assertEqual(
            moderation.working_hours_between(at(2026, 11, 23, 9), at(2026, 11, 23, 8)),
            0.0,
        )

    def test_percentiles_by_nearest_rank(self):
        values = [float(v) for v in range(1, 11)]
        self.assertEqual(moderation.percentile(values, 0.5), 5.0)
        self.assertEqual(moderation.percentile(values, 0.9), 9.0)
        self.assertIsNone(moderation.percentile([], 0.5))


class SettingsCheckTests(SimpleTestCase):
    def check_ids(self):
        from home.checks import check_moderation_settings

        return [error.id for error in check_moderation_settings(None)]

    def test_the_defaults_pass(self):
        self.assertEqual(self.check_ids(), [])

    @override_settings(HOME_MODERATION_DUE_DAYS=["dua"])
    def test_due_days_must_be_numbers(self):
        self.assertEqual(self.check_ids(), ["home.E101"])

    @override_settings(HOME_WORKING_HOURS=(16, 8))
    def test_working_hours_must_be_in_order(self):
        self.assertEqual(self.check_ids(), ["home.E102"])

    @override_settings(HOME_TURNAROUND_DAYS=0)
    def test_turnaround_days_must_be_positive(self):
        self.assertEqual(self.check_ids(), ["home.E103"])
