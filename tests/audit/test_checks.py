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

    @override_settings(CMS_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8", "::1"])
    def test_a_list_of_proxies_passes(self):
        self.assertEqual(codes(), [])

    @override_settings(CMS_TRUSTED_PROXIES=["127.0.0.1", "nginx.local", "10.0.0.0/33"])
    def test_a_proxy_that_is_not_an_address_is_an_error(self):
        messages = check_audit_settings(None)
        self.assertEqual([m.id for m in messages], ["audit.E005"])
        self.assertIn("nginx.local, 10.0.0.0/33", messages[0].msg)

    @override_settings(CMS_TRUSTED_PROXIES="127.0.0.1")
    def test_proxies_must_be_a_list(self):
        self.assertEqual(codes(), ["audit.E005"])

    @override_settings(CMS_TRUSTED_PROXIES=["127.0.0.1"], CMS_TRUSTED_PROXY_COUNT=1)
    def test_a_list_and_a_count_together_are_a_warning(self):
        self.assertEqual(codes(), ["audit.W002"])
