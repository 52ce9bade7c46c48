"""``audit.signals.event_recorded``: sent after the commit, never for a rollback,
and a failing receiver never reaches the code that recorded the event."""

from __future__ import annotations

from django.db import connection, transaction
from django.test import TestCase

from audit.models import Event
from audit.problems.models import Problem
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


class AnnouncedOnlyWhenWantedTests(TestCase):
    """Only the problems app listens in the project, for a handful of actions:
    every other event costs no commit callback at all."""

    def callbacks_after(self, action, **details):
        before = len(connection.run_on_commit)
        record(action, actor="system:test", details=details)
        return connection.run_on_commit[before:]

    def test_an_action_nobody_asked_for_schedules_no_callback(self):
        self.assertEqual(self.callbacks_after("audit.verified"), [])
        self.assertEqual(self.callbacks_after("backups.created"), [])

    def test_an_action_the_problems_app_asked_for_opens_its_problem(self):
        with self.captureOnCommitCallbacks(execute=True):
            scheduled = self.callbacks_after("audit.verify_failed", message="rusak")
            self.assertEqual(len(scheduled), 1)
            self.assertFalse(Problem.objects.exists())
        problem = Problem.objects.get()
        self.assertEqual(problem.cause_key, "audit:verify")
        self.assertIn("rusak", problem.title)

    def test_a_receiver_names_its_actions_and_loses_them_when_it_disconnects(self):
        seen = []
        event_recorded.connect(
            lambda sender, event, **kwargs: seen.append(event.action),
            sender=Event,
            weak=False,
            dispatch_uid="test_backups_listener",
            actions={"backups.created"},
        )
        self.addCleanup(
            event_recorded.disconnect,
            sender=Event,
            dispatch_uid="test_backups_listener",
        )
        with self.captureOnCommitCallbacks(execute=True):
            record("backups.created", actor="system:test")
            record("audit.verified", actor="system:test")
        self.assertEqual(seen, ["backups.created"])

        event_recorded.disconnect(sender=Event, dispatch_uid="test_backups_listener")
        self.assertEqual(self.callbacks_after("backups.created"), [])
