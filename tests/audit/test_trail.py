from django.db import transaction
from django.test import TestCase

from audit import trail
from audit.models import ChainHead, Event, ImmutableEventError
from tests.audit.utils import make_user, verify


class RecordTest(TestCase):
    def test_it_chains_events_onto_the_head(self):
        user = make_user("ani")
        first = trail.record("audit.verified", actor=user, details={"n": 1})
        second = trail.record("audit.verified", actor="system:test", obj=user)
        self.assertEqual(second.sequence, first.sequence + 1)
        self.assertEqual(second.prev_hash, first.hash)
        head = ChainHead.objects.get()
        self.assertEqual((head.sequence, head.hash), (second.sequence, second.hash))
        self.assertEqual(second.object_type, "auth.user")
        self.assertEqual(second.object_label, "ani")
        self.assertEqual(first.actor, "ani")
        self.assertEqual(first.actor_id, user.pk)
        self.assertIn("Audit trail verified", verify())

    def test_it_refuses_an_unregistered_action(self):
        with self.assertRaises(Exception):  # noqa: B017  ValidationError
            trail.record("audit.no_such_action", actor=None)
        self.assertFalse(Event.objects.exists())

    def test_the_event_rolls_back_with_the_action(self):
        with self.assertRaises(RuntimeError), transaction.atomic():
            trail.record("audit.verified", actor=None)
            raise RuntimeError("the action failed")
        self.assertFalse(Event.objects.exists())

    def test_secret_looking_details_are_redacted(self):
        event = trail.record(
            "audit.verified",
            actor=None,
            details={"password": "hunter2", "nested": {"api_key": "k", "ok": 1}},
        )
        self.assertNotIn("hunter2", event.details)
        self.assertEqual(event.details_dict["nested"], {"api_key": "***", "ok": 1})

    def test_the_client_is_stored_keyed_hashed(self):
        event = trail.record("audit.verified", actor=None, client="203.0.113.7")
        self.assertEqual(len(event.client), 32)
        self.assertNotIn("203.0.113.7", event.client)
        self.assertEqual(event.client, trail.client_hash("203.0.113.7"))


class ImmutabilityTest(TestCase):
    def setUp(self):
        self.event = trail.record("audit.verified", actor=None)

    def test_save_of_an_existing_event_raises(self):
        self.event.actor = "someone else"
        with self.assertRaises(ImmutableEventError):
            self.event.save()
        fresh = Event.objects.get(pk=self.event.pk)
        with self.assertRaises(ImmutableEventError):
            fresh.save()

    def test_delete_raises(self):
        with self.assertRaises(ImmutableEventError):
            self.event.delete()
        with self.assertRaises(ImmutableEventError):
            Event.objects.all().delete()
        with self.assertRaises(ImmutableEventError):
            Event.objects.filter(pk=self.event.pk).update(actor="x")
        self.assertTrue(Event.objects.filter(pk=self.event.pk, actor="").exists())
