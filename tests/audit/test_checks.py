from django.test import SimpleTestCase, override_settings

from audit.checks import check_audit_settings


def codes():
    return [message.id for message in check_audit_settings(None)]


class AuditChecksTest(SimpleTestCase):
    def test_the_test_settings_pass(self):
        self.assertEqual(codes(), [])

    @override_settings(AUDIT_CHAIN_KEY="")
    def test_a_missing_key_is_an_error(self):
        self.assertEqual(codes(), ["audit.E001"])

    @override_settings(AUDIT_CHAIN_KEY="short")
    def test_a_short_key_is_an_error(self):
        self.assertEqual(codes(), ["audit.E002"])

    @override_settings(CMS_TRUSTED_PROXY_COUNT=-1)
    def test_a_negative_proxy_count_is_an_error(self):
        self.assertEqual(codes(), ["audit.E003"])

    @override_settings(AXES_CLIENT_IP_CALLABLE=None)
    def test_axes_must_use_our_client_address(self):
        self.assertEqual(codes(), ["audit.W001"])
