from datetime import timedelta

import time_machine
from django.test import TestCase
from django.utils import timezone

from cms.scheduler import lease


class LeaseTest(TestCase):
    def test_only_one_holder_gets_the_lease(self):
        self.assertTrue(lease.acquire("a", seconds=60))
        self.assertFalse(lease.acquire("b", seconds=60))
        self.assertTrue(lease.holds("a"))
        self.assertFalse(lease.holds("b"))
        self.assertEqual(lease.current_holder(), "a")

    def test_the_holder_renews_its_lease(self):
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            lease.acquire("a", seconds=60)
            traveller.shift(timedelta(seconds=50))
            self.assertTrue(lease.acquire("a", seconds=60))
            traveller.shift(timedelta(seconds=50))
            self.assertFalse(lease.acquire("b", seconds=60))

    def test_another_takes_an_expired_lease_and_the_old_holder_cannot_renew(self):
        with time_machine.travel(timezone.now(), tick=False) as traveller:
            lease.acquire("a", seconds=60)
            traveller.shift(timedelta(seconds=61))
            self.assertFalse(lease.holds("a"))
            self.assertTrue(lease.acquire("b", seconds=60))
            self.assertFalse(lease.acquire("a", seconds=60))

    def test_a_released_lease_is_free_at_once(self):
        lease.acquire("a", seconds=60)
        self.assertTrue(lease.release("a"))
        self.assertIsNone(lease.current_holder())
        self.assertTrue(lease.acquire("b", seconds=60))
        self.assertFalse(lease.release("a"))
