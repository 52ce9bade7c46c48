import datetime

from django.test import SimpleTestCase

from home.inbox_calendar import (
    add_working_days,
    indonesian_holidays,
    latest_overdue_date,
    working_days_between,
)

D = datetime.date


class WorkingDayTests(SimpleTestCase):
    def test_weekends_are_skipped(self):
        # Friday 27 November 2026 + 3 working days: Mon, Tue, Wed.
        self.assertEqual(add_working_days(D(2026, 11, 27), 3), D(2026, 12, 2))
        self.assertEqual(add_working_days(D(2026, 11, 28), 3), D(2026, 12, 2))
        self.assertEqual(working_days_between(D(2026, 11, 27), D(2026, 12, 2)), 3)
        self.assertEqual(working_days_between(D(2026, 11, 27), D(2026, 11, 29)), 0)

    def test_a_holiday_is_skipped(self):
        holidays = {D(2026, 12, 1)}
        self.assertEqual(
            add_working_days(D(2026, 11, 27), 3, holidays=holidays), D(2026, 12, 3)
        )
        self.assertEqual(
            working_days_between(D(2026, 11, 27), D(2026, 12, 3), holidays=holidays),
            3,
        )

    def test_counting_agrees_with_adding_over_a_long_stretch(self):
        holidays = {D(2026, 12, 25), D(2027, 1, 1)}
        start = D(2026, 11, 2)
        for n in range(60):
            end = add_working_days(start, n, holidays=holidays)
            self.assertEqual(working_days_between(start, end, holidays=holidays), n)

    def test_the_overdue_cut_off(self):
        # On Friday 4 December, with 3 working days, Monday's feedback (due
        # Thursday) is overdue and Tuesday's (due Friday) is not.
        self.assertEqual(latest_overdue_date(D(2026, 12, 4), 3), D(2026, 11, 30))
        # On Monday 7 December, feedback of Tuesday (due Friday) is overdue;
        # of Wednesday, due Monday, not yet.
        self.assertEqual(latest_overdue_date(D(2026, 12, 7), 3), D(2026, 12, 1))

    def test_the_calendar_has_public_holidays_and_cuti_bersama(self):
        days = indonesian_holidays([2026])
        self.assertIn(D(2026, 8, 17), days)  # Independence Day
        self.assertIn(D(2026, 12, 24), days)  # cuti bersama before Christmas
        self.assertNotIn(D(2026, 12, 4), days)  # an ordinary Friday
