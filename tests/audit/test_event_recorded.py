"""``audit.signals.event_recorded``: sent after the commit, never for a rollback,
and a failing receiver never reaches the code that recorded the event."""

from __future__ import annotations

from django.db import transaction
from django.test import TestCase

from audit.models import Event
from audit.signals import event_recorded
from audit.trail import record


class EventRecordedTests(TestCase):
    def listen(self, receiver):
        event_recorded.connect(
            receiver, sender=Event, weak=False, dispatch_uid="test_listener"
        )
        self.addCleanup(
            event_recorded.disconnect, sender=Event, dispatch_uid="test_listener"
        )

    def test_it_is_sent_after_the_commit_and_not_for_a_rollback(self):
        seen = []
        self.listen(lambda sender, event, **kwargs: seen.append(event.details))
        with self.captureOnCommitCallbacks(execute=True):
            record("audit.verified", actor="system:test", details={"n": 1})
            self.assertEqual(seen, [])
        self.assertEqual(seen, ['{"n":1}'])

        with self.captureOnCommitCallbacks(execute=True):
            try:
                with transaction.atomic():
                    record("audit.verified", actor="system:test", details={"n": 2})
                    raise RuntimeError("the action fails")
            except RuntimeError:
                pass
        self.assertEqual(seen, ['{"n":1}'])

    def test_a_failing_receiver_is_logged_and_the_event_stays(self):
        def broken(sender, event, **kwargs):
            raise ValueError("receiver bug")

        self.listen(broken)
        with (
            self.assertLogs("audit.trail", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            record("audit.verified", actor="system:test", details={"n": 3})
        self.assertTrue(Event.objects.filter(details='{"n":3}').exists())
