from django.test import SimpleTestCase
from django.utils import translation

from cms.scheduler.models import Frequency, JobSchedule, Weekday
from cms.scheduler.schedules import describe, next_due, previous_due
from tests.scheduler.utils import wib


def schedule(**fields) -> JobSchedule:
    return JobSchedule(name="x", **fields)


EVERY_5 = schedule(frequency=Frequency.MINUTES, every=5)
HOURLY_15 = schedule(frequency=Frequency.HOURLY, minute=15)
DAILY_2 = schedule(frequency=Frequency.DAILY, hour=2, minute=0)
MONDAY_0730 = schedule(
    frequency=Frequency.WEEKLY, weekday=Weekday.MONDAY, hour=7, minute=30
)
MONTHLY_1 = schedule(frequency=Frequency.MONTHLY, day=1, hour=3, minute=0)


class WordsTest(SimpleTestCase):
    def test_it_describes_schedules_in_indonesian(self):
        with translation.override("id"):
            self.assertEqual(describe(EVERY_5), "Setiap 5 menit")
            self.assertEqual(describe(HOURLY_15), "Setiap jam pada menit 15")
            self.assertEqual(describe(DAILY_2), "Setiap hari pukul 02.00 WIB")
            self.assertEqual(describe(MONDAY_0730), "Setiap Senin pukul 07.30 WIB")
            self.assertEqual(describe(MONTHLY_1), "Setiap tanggal 1 pukul 03.00 WIB")

    def test_it_describes_schedules_in_english(self):
        with translation.override("en"):
            self.assertEqual(describe(EVERY_5), "Every 5 minutes")
            self.assertEqual(
                describe(schedule(frequency=Frequency.MINUTES, every=1)),
                "Every minute",
            )
            self.assertEqual(describe(HOURLY_15), "Every hour at minute 15")
            self.assertEqual(describe(DAILY_2), "Every day at 02:00 WIB")
            self.assertEqual(describe(MONDAY_0730), "Every Monday at 07:30 WIB")
            self.assertEqual(
                describe(MONTHLY_1), "On day 1 of every month at 03:00 WIB"
            )


class DueTimesTest(SimpleTestCase):
    def test_every_n_minutes_counts_from_midnight(self):
        now = wib(2025, 3, 10, 14, 7, 30)
        self.assertEqual(previous_due(EVERY_5, now), wib(2025, 3, 10, 14, 5))
        self.assertEqual(next_due(EVERY_5, now), wib(2025, 3, 10, 14, 10))

    def test_a_due_time_is_its_own_previous_due_time(self):
        due = wib(2025, 3, 10, 2, 0)
        self.assertEqual(previous_due(DAILY_2, due), due)
        self.assertEqual(next_due(DAILY_2, due), due)

    def test_previous_and_next_due_times_for_each_frequency(self):
        now = wib(2025, 3, 12, 1, 0)  # a Wednesday
        cases = [
            (HOURLY_15, wib(2025, 3, 12, 0, 15), wib(2025, 3, 12, 1, 15)),
            (DAILY_2, wib(2025, 3, 11, 2, 0), wib(2025, 3, 12, 2, 0)),
            (MONDAY_0730, wib(2025, 3, 10, 7, 30), wib(2025, 3, 17, 7, 30)),
            (MONTHLY_1, wib(2025, 3, 1, 3, 0), wib(2025, 4, 1, 3, 0)),
        ]
        for sched, previous, following in cases:
            with self.subTest(sched.frequency):
                self.assertEqual(previous_due(sched, now), previous)
                self.assertEqual(next_due(sched, now), following)
