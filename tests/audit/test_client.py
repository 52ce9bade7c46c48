from axes.helpers import get_client_ip_address
from django.test import RequestFactory, SimpleTestCase, override_settings

from audit.client import client_address


class ClientAddressTest(SimpleTestCase):
    def request(self, remote="192.0.2.10", forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    @override_settings(CMS_TRUSTED_PROXY_COUNT=0)
    def test_without_a_proxy_x_forwarded_for_is_ignored(self):
        request = self.request(forwarded="6.6.6.6")
        self.assertEqual(client_address(request), "192.0.2.10")
        self.assertEqual(get_client_ip_address(request), "192.0.2.10")

    @override_settings(CMS_TRUSTED_PROXY_COUNT=1)
    def test_one_proxy_gives_the_rightmost_hop(self):
        request = self.request(remote="10.0.0.1", forwarded="6.6.6.6, 203.0.113.5")
        self.assertEqual(client_address(request), "203.0.113.5")
        self.assertEqual(get_client_ip_address(request), "203.0.113.5")

    @override_settings(CMS_TRUSTED_PROXY_COUNT=2)
    def test_two_proxies_skip_the_inner_one(self):
        request = self.request(
            remote="10.0.0.2", forwarded="6.6.6.6, 203.0.113.5, 10.0.0.1"
        )
        self.assertEqual(client_address(request), "203.0.113.5")

    @override_settings(CMS_TRUSTED_PROXY_COUNT=2)
    def test_too_few_hops_falls_back_to_the_socket(self):
        request = self.request(remote="10.0.0.2", forwarded="203.0.113.5")
        self.assertEqual(client_address(request), "10.0.0.2")

    @override_settings(CMS_TRUSTED_PROXY_COUNT=1)
    def test_garbage_is_not_an_address(self):
        request = self.request(remote="10.0.0.1", forwarded="not-an-ip")
        self.assertIsNone(client_address(request))
