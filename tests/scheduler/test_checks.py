from django.test import SimpleTestCase, override_settings

from cms.scheduler import conf
from cms.scheduler.checks import check_settings, check_task_backend


def ids(messages) -> list[str]:
    return [message.id for message in messages]


class SettingsCheckTest(SimpleTestCase):
    def test_the_project_settings_pass(self):
        self.assertEqual(check_settings(), [])
        self.assertEqual(check_task_backend(), [])

    def test_each_bad_setting_has_its_own_code_and_a_hint(self):
        cases = [
            ("SCHEDULER_LEASE_SECONDS", 2, "scheduler.E001"),
            ("SCHEDULER_POLL_SECONDS", 0, "scheduler.E002"),
            ("SCHEDULER_KEEP_DAYS", "90", "scheduler.E003"),
            ("SCHEDULER_KEEP_FAILED_DAYS", True, "scheduler.E004"),
        ]
        for name, value, code in cases:
            with self.subTest(name), override_settings(**{name: value}):
                messages = check_settings()
                self.assertEqual(ids(messages), [code])
                self.assertIn(name, messages[0].hint)

    @override_settings(SCHEDULER_KEEP_DAYS=30, SCHEDULER_KEEP_FAILED_DAYS=10)
    def test_failures_must_be_kept_at_least_as_long(self):
        self.assertEqual(ids(check_settings()), ["scheduler.E005"])

    @override_settings(CMS_SCHEDULER_KEEP_DAYS=7)
    def test_an_old_setting_name_still_works_and_is_flagged(self):
        # (The project's settings leave SCHEDULER_KEEP_DAYS unset.)
        self.assertEqual(conf.keep_days(), 7)
        self.assertEqual(ids(check_settings()), ["scheduler.W001"])

    @override_settings(SCHEDULER_KEEP_DAYS=5, CMS_SCHEDULER_KEEP_DAYS=7)
    def test_the_new_name_wins_over_the_old(self):
        self.assertEqual(conf.keep_days(), 5)

    @override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.rq.RQBackend"}}
    )
    def test_a_task_backend_outside_the_database_is_flagged(self):
        messages = check_task_backend()
        self.assertEqual(ids(messages), ["scheduler.W002"])
        self.assertIn("DatabaseBackend", messages[0].hint)
