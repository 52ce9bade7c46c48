import time_machine
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from cms.scheduler.dates import format_wib
from cms.scheduler.models import Frequency, JobSchedule
from tests.scheduler.utils import SchedulerTestCase, wib

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


class ScheduleFormHelpTest(SchedulerTestCase):
    """The form shows only what a frequency uses and tells when the job runs next."""

    def setUp(self):
        self.schedule = JobSchedule.objects.get(name="wagtail.publish_scheduled")
        self.url = reverse("job_schedules:edit", args=[self.schedule.pk])
        self.client.force_login(self.officer)
        # A Wednesday evening in Jakarta.
        travel = time_machine.travel(wib(2026, 11, 25, 20, 0), tick=False)
        travel.start()
        self.addCleanup(travel.stop)

    def test_each_field_says_which_frequencies_use_it_for_the_script(self):
        response = self.client.get(self.url)
        self.assertContains(response, "scheduler/js/schedule_form.js")
        form = response.context["form"]
        self.assertEqual(
            form["weekday"].field.widget.attrs["data-scheduler-frequencies"], "weekly"
        )
        self.assertEqual(
            form["hour"].field.widget.attrs["data-scheduler-frequencies"],
            "daily weekly monthly",
        )
        self.assertContains(
            response,
            f'data-scheduler-preview-url="{reverse("scheduler:schedule_preview")}"',
        )

    def test_the_preview_lists_the_next_runs_in_indonesian(self):
        response = self.client.get(
            reverse("scheduler:schedule_preview"),
            {**VALID, "hour": "2", "minute": "0"},
        )
        self.assertContains(
            response, "<li>Kamis, 26 November 2026 02.00 WIB</li>", html=True
        )
        self.assertContains(
            response, "<li>Jumat, 27 November 2026 02.00 WIB</li>", html=True
        )

    def test_the_preview_of_invalid_values_asks_to_correct_them(self):
        response = self.client.get(
            reverse("scheduler:schedule_preview"), {**VALID, "frequency": "weekly"}
        )
        self.assertContains(response, "Belum ada pratinjau")
        self.assertNotContains(response, "<li>")

    def test_the_preview_needs_the_permission(self):
        self.client.force_login(self.editor)
        response = self.client.get(reverse("scheduler:schedule_preview"), VALID)
        self.assertNotEqual(response.status_code, 200)

    def test_saving_tells_the_next_run(self):
        response = self.client.post(
            self.url, {**VALID, "frequency": "weekly", "weekday": "2"}, follow=True
        )
        self.assertContains(
            response, "Eksekusi berikutnya: Rabu, 2 Desember 2026 02.00 WIB."
        )


class DatesTest(SimpleTestCase):
    def test_a_date_is_written_one_way_in_jakarta_time(self):
        from datetime import UTC, datetime

        when = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)  # 02.00 WIB the next day
        with translation.override("id"):
            self.assertEqual(format_wib(when), "Kamis, 26 November 2026 02.00 WIB")
        with translation.override("en"):
            self.assertEqual(format_wib(when), "Thursday, 26 November 2026 02:00 WIB")
