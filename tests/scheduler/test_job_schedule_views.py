from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.scheduler.models import Frequency, JobSchedule
from tests.scheduler.utils import SchedulerTestCase

VALID = {
    "frequency": "daily",
    "every": "",
    "minute": "0",
    "hour": "2",
    "weekday": "",
    "day": "",
    "enabled": "on",
    "grace_minutes": "10",
}


class JobScheduleEditTest(SchedulerTestCase):
    def setUp(self):
        self.schedule = JobSchedule.objects.get(name="wagtail.publish_scheduled")
        self.url = reverse("job_schedules:edit", args=[self.schedule.pk])
        self.client.force_login(self.officer)

    def post(self, **changes):
        return self.client.post(self.url, {**VALID, **changes})

    def test_the_listing_shows_each_schedule_in_words_in_indonesian(self):
        response = self.client.get(reverse("job_schedules:index"))
        self.assertContains(response, "Setiap 5 menit")
        self.assertContains(response, "Setiap hari pukul 02.30 WIB")
        self.assertContains(response, "Menayangkan dan menurunkan halaman terjadwal")
        self.assertNotContains(response, reverse("job_schedules:add"))

    def test_an_officer_changes_a_schedule_and_the_edit_is_logged(self):
        response = self.post(frequency="weekly", weekday="0", hour="7", minute="30")
        self.assertRedirects(response, reverse("job_schedules:index"))
        self.schedule.refresh_from_db()
        self.assertEqual(self.schedule.frequency, Frequency.WEEKLY)
        self.assertEqual((self.schedule.weekday, self.schedule.hour), (0, 7))
        entry = ModelLogEntry.objects.get(object_id=str(self.schedule.pk))
        self.assertEqual(entry.action, "wagtail.edit")
        self.assertEqual(entry.user, self.officer)

    def test_fields_the_frequency_does_not_use_are_cleared(self):
        self.post(frequency="minutes", every="15", day="30", weekday="3")
        self.schedule.refresh_from_db()
        self.assertEqual(self.schedule.every, 15)
        self.assertIsNone(self.schedule.day)
        self.assertIsNone(self.schedule.weekday)

    def test_it_refuses_invalid_schedules_with_a_field_error(self):
        cases = [
            ({"minute": "60"}, "minute"),
            ({"hour": "24"}, "hour"),
            ({"frequency": "minutes", "every": "0"}, "every"),
            ({"frequency": "minutes", "every": "1441"}, "every"),
            ({"frequency": "minutes", "every": ""}, "every"),
            ({"frequency": "weekly", "weekday": ""}, "weekday"),
            ({"frequency": "monthly", "day": "31"}, "day"),
            ({"frequency": "monthly", "day": ""}, "day"),
            ({"frequency": "seconds", "every": "5"}, "frequency"),
        ]
        for changes, field in cases:
            with self.subTest(changes):
                response = self.post(**changes)
                self.assertEqual(response.status_code, 200)
                self.assertIn(field, response.context["form"].errors)
        self.schedule.refresh_from_db()
        self.assertEqual(self.schedule.frequency, Frequency.MINUTES)
        self.assertEqual(self.schedule.every, 5)

    def test_the_day_of_month_error_explains_the_rule(self):
        response = self.post(frequency="monthly", day="31")
        self.assertIn("28", " ".join(response.context["form"].errors["day"]))

    def test_an_editor_without_the_permission_cannot_edit(self):
        self.client.force_login(self.editor)
        response = self.post(frequency="daily", hour="3")
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.schedule.refresh_from_db()
        self.assertEqual(self.schedule.frequency, Frequency.MINUTES)
