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


NGINX = "127.0.0.1"
PROXIES = ["127.0.0.1", "10.0.0.0/8"]


@override_settings(CMS_TRUSTED_PROXIES=PROXIES, CMS_TRUSTED_PROXY_COUNT=0)
class TrustedProxyListTest(SimpleTestCase):
    def request(self, remote, forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().get("/", **extra)

    def test_a_spoofed_header_from_an_untrusted_peer_changes_nothing(self):
        request = self.request("203.0.113.9", forwarded="6.6.6.6, 10.0.0.5")
        self.assertEqual(client_address(request), "203.0.113.9")
        self.assertEqual(get_client_ip_address(request), "203.0.113.9")

    def test_a_trusted_peer_reports_the_client(self):
        request = self.request(NGINX, forwarded="203.0.113.5")
        self.assertEqual(client_address(request), "203.0.113.5")
        self.assertEqual(get_client_ip_address(request), "203.0.113.5")

    def test_a_chain_of_trusted_proxies_yields_the_real_client(self):
        # client -> load balancer 10.1.2.3 -> nginx -> gunicorn; what the client
        # wrote itself (6.6.6.6) is left of the real address and never believed.
        request = self.request(NGINX, forwarded="6.6.6.6, 203.0.113.5, 10.1.2.3")
        self.assertEqual(client_address(request), "203.0.113.5")

    def test_a_client_inside_a_trusted_network_that_spoofs_is_still_itself(self):
        request = self.request("10.0.0.7")  # a trusted proxy with no header
        self.assertEqual(client_address(request), "10.0.0.7")
        request = self.request(NGINX, forwarded="10.4.4.4, 10.0.0.7")
        self.assertEqual(client_address(request), "10.4.4.4")

    def test_garbage_reported_by_a_trusted_proxy_is_nobody(self):
        request = self.request(NGINX, forwarded="203.0.113.5, not-an-ip")
        self.assertIsNone(client_address(request))

    @override_settings(CMS_TRUSTED_PROXY_COUNT=2)
    def test_the_list_decides_when_a_count_is_set_too(self):
        request = self.request("198.51.100.1", forwarded="6.6.6.6, 10.0.0.1")
        self.assertEqual(client_address(request), "198.51.100.1")

    def test_ipv6_proxies_and_clients(self):
        with override_settings(CMS_TRUSTED_PROXIES=["::1", "fd00::/8"]):
            request = self.request("::1", forwarded="2001:db8::5, fd00::1")
            self.assertEqual(client_address(request), "2001:db8::5")
            request = self.request("2001:db8::9", forwarded="2001:db8::5")
            self.assertEqual(client_address(request), "2001:db8::9")
