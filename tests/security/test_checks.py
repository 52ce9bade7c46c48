from django.core.checks import run_checks
from django.test import SimpleTestCase, override_settings


def codes() -> set[str]:
    return {
        message.id for message in run_checks() if message.id.startswith("security.")
    }


class ChecksTest(SimpleTestCase):
    def test_the_project_passes(self):
        self.assertEqual(codes(), set())

    @override_settings(SECURITY_WINDOW_MINUTES=0)
    def test_a_zero_window_is_refused(self):
        self.assertIn("security.E001", codes())

    @override_settings(SECURITY_BLOCK_AFTER=-1)
    def test_a_negative_block_threshold_is_refused(self):
        self.assertIn("security.E002", codes())

    @override_settings(SECURITY_CLIENT_FAILURE_LIMIT=3)
    def test_a_client_cap_below_the_username_limit_is_refused(self):
        self.assertIn("security.E003", codes())

    @override_settings(AXES_HANDLER="axes.handlers.database.AxesDatabaseHandler")
    def test_the_plain_axes_handler_is_refused(self):
        self.assertIn("security.E004", codes())
